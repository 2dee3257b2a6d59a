package org.lucarne.signaling.demo;

import org.lucarne.signaling.storage.Dialect;

class DemoDataSqliteTest extends DemoDataContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
