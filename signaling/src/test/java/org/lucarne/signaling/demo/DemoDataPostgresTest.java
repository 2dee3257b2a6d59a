package org.lucarne.signaling.demo;

import org.lucarne.signaling.storage.Dialect;

class DemoDataPostgresTest extends DemoDataContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
