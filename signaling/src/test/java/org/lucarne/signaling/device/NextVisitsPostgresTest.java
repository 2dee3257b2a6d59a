package org.lucarne.signaling.device;

import org.lucarne.signaling.storage.Dialect;

class NextVisitsPostgresTest extends NextVisitsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
