package org.lucarne.signaling.report;

import org.lucarne.signaling.storage.Dialect;

class ReportsPostgresTest extends ReportsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
