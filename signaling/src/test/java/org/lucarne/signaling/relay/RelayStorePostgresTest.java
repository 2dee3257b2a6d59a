package org.lucarne.signaling.relay;

import org.lucarne.signaling.storage.Dialect;

class RelayStorePostgresTest extends RelayStoreContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
