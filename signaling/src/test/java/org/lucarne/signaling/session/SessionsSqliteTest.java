package org.lucarne.signaling.session;

import org.lucarne.signaling.storage.Dialect;

class SessionsSqliteTest extends SessionsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
