package org.lucarne.signaling.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The database's use lock on every dialect: shared beside shared, exclusive alone. PostgreSQL
 * sessions and SQLite lock files behave alike within this JVM as across processes.
 */
abstract class DatabaseUseContract extends StorageContract {

    private Optional<DatabaseUse> take(DatabaseUse.Mode mode) {
        return DatabaseUse.tryAcquire(db, mode);
    }

    @Test
    void sharedUsesGoTogether() {
        try (DatabaseUse a = take(DatabaseUse.Mode.SHARED).orElseThrow();
                DatabaseUse b = take(DatabaseUse.Mode.SHARED).orElseThrow()) {
            assertTrue(take(DatabaseUse.Mode.EXCLUSIVE).isEmpty());
        }
    }

    @Test
    void exclusiveIsRefusedWhileAnyShareIsHeldAndGrantedOnceAllAreReleased() {
        DatabaseUse a = take(DatabaseUse.Mode.SHARED).orElseThrow();
        DatabaseUse b = take(DatabaseUse.Mode.SHARED).orElseThrow();
        a.close();
        assertTrue(take(DatabaseUse.Mode.EXCLUSIVE).isEmpty(), "one share is still held");
        b.close();
        b.close();
        try (DatabaseUse x = take(DatabaseUse.Mode.EXCLUSIVE).orElseThrow()) {
            assertTrue(take(DatabaseUse.Mode.SHARED).isEmpty());
            assertTrue(take(DatabaseUse.Mode.EXCLUSIVE).isEmpty());
        }
        take(DatabaseUse.Mode.SHARED).orElseThrow().close();
    }

    @Test
    void anotherDatabaseIsNotLocked() {
        try (TestBackend other = TestBackend.create(dialect()); Database otherDb = Database.open(other.settings());
                DatabaseUse x = take(DatabaseUse.Mode.EXCLUSIVE).orElseThrow()) {
            DatabaseUse.tryAcquire(otherDb, DatabaseUse.Mode.EXCLUSIVE).orElseThrow().close();
        }
    }
}
