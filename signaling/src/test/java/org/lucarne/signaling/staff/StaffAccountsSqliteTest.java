package org.lucarne.signaling.staff;

import org.lucarne.signaling.storage.Dialect;

class StaffAccountsSqliteTest extends StaffAccountsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
