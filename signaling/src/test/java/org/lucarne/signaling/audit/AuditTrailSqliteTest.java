package org.lucarne.signaling.audit;

import org.lucarne.signaling.storage.Dialect;

class AuditTrailSqliteTest extends AuditTrailContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
