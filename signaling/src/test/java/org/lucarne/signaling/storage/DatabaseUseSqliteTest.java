package org.lucarne.signaling.storage;

class DatabaseUseSqliteTest extends DatabaseUseContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
