package org.lucarne.signaling.retention;

import org.lucarne.signaling.storage.Dialect;

class RetentionSqliteTest extends RetentionContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
