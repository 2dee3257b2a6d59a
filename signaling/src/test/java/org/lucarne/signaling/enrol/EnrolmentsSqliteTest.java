package org.lucarne.signaling.enrol;

import org.lucarne.signaling.storage.Dialect;

class EnrolmentsSqliteTest extends EnrolmentsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
