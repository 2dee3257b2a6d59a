package org.lucarne.signaling.device;

import org.lucarne.signaling.storage.Dialect;

class TabletsPostgresTest extends TabletsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
