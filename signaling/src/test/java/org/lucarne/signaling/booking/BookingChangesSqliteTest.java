package org.lucarne.signaling.booking;

import org.lucarne.signaling.storage.Dialect;

class BookingChangesSqliteTest extends BookingChangesContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
