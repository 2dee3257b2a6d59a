package org.lucarne.signaling.ward;

import org.lucarne.signaling.storage.Dialect;

class WardSettingsSqliteTest extends WardSettingsContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
