package org.lucarne.signaling.personal;

import org.lucarne.signaling.storage.Dialect;

class KeyRotationSqliteTest extends KeyRotationContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
