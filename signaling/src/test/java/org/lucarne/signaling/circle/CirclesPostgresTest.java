package org.lucarne.signaling.circle;

import org.lucarne.signaling.storage.Dialect;

class CirclesPostgresTest extends CirclesContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
