package org.lucarne.signaling.relay;

import org.lucarne.signaling.storage.Dialect;

class RelayStoreSqliteTest extends RelayStoreContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
