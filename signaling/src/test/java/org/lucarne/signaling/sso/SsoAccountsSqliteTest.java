package org.lucarne.signaling.sso;

import org.lucarne.signaling.storage.Dialect;

class SsoAccountsSqliteTest extends SsoAccountsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
