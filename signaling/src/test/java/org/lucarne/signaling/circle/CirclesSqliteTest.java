package org.lucarne.signaling.circle;

import org.lucarne.signaling.storage.Dialect;

class CirclesSqliteTest extends CirclesContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
