package org.lucarne.signaling.audit;

import org.lucarne.signaling.storage.Dialect;

class AuditCommandsSqliteTest extends AuditCommandsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
