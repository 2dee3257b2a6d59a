package org.lucarne.signaling.notify;

import org.lucarne.signaling.storage.Dialect;

class NotificationsPostgresTest extends NotificationsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
