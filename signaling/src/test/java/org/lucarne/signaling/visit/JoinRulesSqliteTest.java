package org.lucarne.signaling.visit;

import org.lucarne.signaling.storage.Dialect;

class JoinRulesSqliteTest extends JoinRulesContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
