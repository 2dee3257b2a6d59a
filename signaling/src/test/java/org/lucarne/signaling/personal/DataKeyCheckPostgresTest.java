package org.lucarne.signaling.personal;

import org.lucarne.signaling.storage.Dialect;

class DataKeyCheckPostgresTest extends DataKeyCheckContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
