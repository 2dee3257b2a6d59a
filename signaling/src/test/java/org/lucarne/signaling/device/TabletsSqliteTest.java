package org.lucarne.signaling.device;

import org.lucarne.signaling.storage.Dialect;

class TabletsSqliteTest extends TabletsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
