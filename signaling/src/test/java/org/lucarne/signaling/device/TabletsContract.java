package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.TestBackend;

/** What {@link Tablets} promises on every dialect. */
abstract class TabletsContract {
    private TestBackend backend;
    private Database db;

    protected abstract Dialect dialect();

    @BeforeEach
    void openDatabase() {
        backend = TestBackend.create(dialect());
        db = Database.open(backend.settings());
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void enrolledTabletMayConnect() {
        TabletRows.enrol(db, "tablet-1");
        assertEquals(TabletStatus.ENROLLED, new Tablets(db).status("tablet-1"));
    }

    @Test
    void revokedTabletIsToldApartFromUnknownOne() {
        TabletRows.enrol(db, "tablet-1");
        TabletRows.enrol(db, "tablet-2");
        TabletRows.revoke(db, "tablet-1");
        Tablets tablets = new Tablets(db);
        assertEquals(TabletStatus.REVOKED, tablets.status("tablet-1"));
        assertEquals(TabletStatus.ENROLLED, tablets.status("tablet-2"));
        assertEquals(TabletStatus.UNKNOWN, tablets.status("tablet-3"));
    }
}
