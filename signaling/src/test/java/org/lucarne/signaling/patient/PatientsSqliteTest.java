package org.lucarne.signaling.patient;

import org.lucarne.signaling.storage.Dialect;

class PatientsSqliteTest extends PatientsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
