package org.lucarne.signaling.visit;

import org.lucarne.signaling.storage.Dialect;

class JoinRulesPostgresTest extends JoinRulesContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
