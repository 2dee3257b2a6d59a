package org.lucarne.signaling.visit;

import org.lucarne.signaling.storage.Dialect;

class VisitsPostgresTest extends VisitsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
