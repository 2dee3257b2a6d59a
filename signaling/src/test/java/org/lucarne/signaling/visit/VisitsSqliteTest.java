package org.lucarne.signaling.visit;

import org.lucarne.signaling.storage.Dialect;

class VisitsSqliteTest extends VisitsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
