package org.lucarne.signaling.audit;

import org.lucarne.signaling.storage.Dialect;

class AuditHeadSqliteTest extends AuditHeadContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
