package org.lucarne.signaling.patient;

import org.lucarne.signaling.storage.Dialect;

class PatientsPostgresTest extends PatientsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
