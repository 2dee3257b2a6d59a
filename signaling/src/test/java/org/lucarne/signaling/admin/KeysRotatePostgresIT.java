package org.lucarne.signaling.admin;

import org.lucarne.signaling.storage.Dialect;

class KeysRotatePostgresIT extends KeysRotateScenarios {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
