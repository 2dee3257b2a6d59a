package org.lucarne.signaling.device;

import org.lucarne.signaling.storage.Dialect;

class NextVisitsSqliteTest extends NextVisitsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
