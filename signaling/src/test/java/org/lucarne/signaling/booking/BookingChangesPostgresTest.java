package org.lucarne.signaling.booking;

import org.lucarne.signaling.storage.Dialect;

class BookingChangesPostgresTest extends BookingChangesContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
