package org.lucarne.signaling.sso;

import org.lucarne.signaling.storage.Dialect;

class SsoAccountsPostgresTest extends SsoAccountsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
