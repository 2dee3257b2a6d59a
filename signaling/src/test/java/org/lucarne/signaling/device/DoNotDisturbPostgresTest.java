package org.lucarne.signaling.device;

import org.lucarne.signaling.storage.Dialect;

class DoNotDisturbPostgresTest extends DoNotDisturbContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
