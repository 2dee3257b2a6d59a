package org.lucarne.signaling.sso;

import org.lucarne.signaling.storage.Dialect;

class PendingLoginsSqliteTest extends PendingLoginsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
