package org.lucarne.signaling.invite;

import org.lucarne.signaling.storage.Dialect;

class InvitesPostgresTest extends InvitesContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
