package org.lucarne.signaling.notify;

import org.lucarne.signaling.storage.Dialect;

class NotificationsSqliteTest extends NotificationsContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
