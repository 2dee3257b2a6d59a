package org.lucarne.signaling.booking;

import org.lucarne.signaling.storage.Dialect;

class BookingsPostgresTest extends BookingsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
