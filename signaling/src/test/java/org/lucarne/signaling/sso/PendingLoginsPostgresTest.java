package org.lucarne.signaling.sso;

import org.lucarne.signaling.storage.Dialect;

class PendingLoginsPostgresTest extends PendingLoginsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
