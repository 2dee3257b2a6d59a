package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lucarne.signaling.storage.StorageContract;

/** What {@link Tablets} promises on every dialect. */
abstract class TabletsContract extends StorageContract {
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
