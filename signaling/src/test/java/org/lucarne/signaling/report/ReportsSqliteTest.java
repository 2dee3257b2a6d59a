package org.lucarne.signaling.report;

import org.lucarne.signaling.storage.Dialect;

class ReportsSqliteTest extends ReportsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
