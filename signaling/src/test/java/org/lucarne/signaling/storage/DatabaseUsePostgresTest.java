package org.lucarne.signaling.storage;

class DatabaseUsePostgresTest extends DatabaseUseContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
