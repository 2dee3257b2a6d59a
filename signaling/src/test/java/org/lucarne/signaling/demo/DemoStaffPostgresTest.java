package org.lucarne.signaling.demo;

import org.lucarne.signaling.storage.Dialect;

class DemoStaffPostgresTest extends DemoStaffContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
