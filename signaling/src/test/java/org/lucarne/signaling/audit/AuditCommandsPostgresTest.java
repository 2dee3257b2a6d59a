package org.lucarne.signaling.audit;

import org.lucarne.signaling.storage.Dialect;

class AuditCommandsPostgresTest extends AuditCommandsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
