package org.lucarne.signaling.demo;

import org.lucarne.signaling.storage.Dialect;

class DemoStaffSqliteTest extends DemoStaffContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
