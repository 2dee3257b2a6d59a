package org.lucarne.signaling.ward;

import org.lucarne.signaling.storage.Dialect;

class WardSettingsPostgresTest extends WardSettingsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
