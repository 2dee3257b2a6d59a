package org.lucarne.signaling.contact;

import org.lucarne.signaling.storage.Dialect;

class ContactsPostgresTest extends ContactsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
