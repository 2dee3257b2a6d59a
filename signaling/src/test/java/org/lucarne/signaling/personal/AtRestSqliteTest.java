package org.lucarne.signaling.personal;

import org.lucarne.signaling.storage.Dialect;

class AtRestSqliteTest extends AtRestContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
