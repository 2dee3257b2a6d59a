package org.lucarne.signaling.relay;

import org.lucarne.signaling.storage.Dialect;

class LinkSecretsSqliteTest extends LinkSecretsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
