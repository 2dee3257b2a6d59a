package org.lucarne.signaling.audit;

import org.lucarne.signaling.storage.Dialect;

class AuditVerifierSqliteTest extends AuditVerifierContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
