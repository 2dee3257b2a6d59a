package org.lucarne.signaling.staff;

import org.lucarne.signaling.storage.Dialect;

class StaffAccountsPostgresTest extends StaffAccountsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
