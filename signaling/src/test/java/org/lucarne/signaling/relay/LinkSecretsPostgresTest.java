package org.lucarne.signaling.relay;

import org.lucarne.signaling.storage.Dialect;

class LinkSecretsPostgresTest extends LinkSecretsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
