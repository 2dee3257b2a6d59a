package org.lucarne.signaling.audit;

import org.lucarne.signaling.storage.Dialect;

class AuditSearchSqliteTest extends AuditSearchContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
