package org.lucarne.signaling.audit;

import org.lucarne.signaling.storage.Dialect;

class AuditHeadPostgresTest extends AuditHeadContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
