package org.lucarne.signaling.audit;

import org.lucarne.signaling.storage.Dialect;

class AuditVerifierPostgresTest extends AuditVerifierContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
