package org.lucarne.signaling.contact;

import org.lucarne.signaling.storage.Dialect;

class ContactsSqliteTest extends ContactsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
