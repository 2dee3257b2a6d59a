package org.lucarne.signaling.personal;

import org.lucarne.signaling.storage.Dialect;

class DataKeyCheckSqliteTest extends DataKeyCheckContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
