package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.StorageException;

class AuditTrailPostgresTest extends AuditTrailContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Test
    void databaseRefusesToTruncateTheTrail() {
        trail.record(event(1));
        StorageException e = assertThrows(StorageException.class,
                () -> AuditRows.execute(db, "TRUNCATE audit_entry"));
        assertTrue(e.getMessage().contains("the audit trail is append-only: TRUNCATE on audit_entry refused"),
                e.getMessage());
        assertEquals(1, AuditRows.count(db));
    }
}
