package org.lucarne.signaling.personal;

import org.lucarne.signaling.storage.Dialect;

class KeyRotationPostgresTest extends KeyRotationContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
