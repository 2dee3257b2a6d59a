package org.lucarne.signaling.booking;

import org.lucarne.signaling.storage.Dialect;

class BookingsSqliteTest extends BookingsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
