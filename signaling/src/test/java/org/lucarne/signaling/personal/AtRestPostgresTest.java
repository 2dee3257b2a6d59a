package org.lucarne.signaling.personal;

import org.lucarne.signaling.storage.Dialect;

class AtRestPostgresTest extends AtRestContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
