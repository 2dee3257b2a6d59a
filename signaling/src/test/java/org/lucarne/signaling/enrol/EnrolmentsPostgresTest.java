package org.lucarne.signaling.enrol;

import org.lucarne.signaling.storage.Dialect;

class EnrolmentsPostgresTest extends EnrolmentsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
