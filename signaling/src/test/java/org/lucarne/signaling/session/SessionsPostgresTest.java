package org.lucarne.signaling.session;

import org.lucarne.signaling.storage.Dialect;

class SessionsPostgresTest extends SessionsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
