package org.lucarne.signaling.audit;

import org.lucarne.signaling.storage.Dialect;

class AuditSearchPostgresTest extends AuditSearchContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
