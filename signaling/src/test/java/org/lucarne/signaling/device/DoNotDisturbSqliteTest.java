package org.lucarne.signaling.device;

import org.lucarne.signaling.storage.Dialect;

class DoNotDisturbSqliteTest extends DoNotDisturbContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
