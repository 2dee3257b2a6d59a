package org.lucarne.signaling.admin;

import java.time.Clock;
import org.lucarne.signaling.LucarneServer;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.DatabaseSettings;
import org.lucarne.signaling.storage.StorageException;

/**
 * What a command-line action needs, opened as the server opens it: the configuration, the
 * database (migrated), the data keys (checked against it) and the audit trail. Closing closes
 * the database.
 */
public final class AdminContext implements AutoCloseable {
    private final SignalingConfig config;
    private final Clock clock;
    private final Database database;
    private final PersonalData personalData;
    private final AuditTrail audit;

    private AdminContext(SignalingConfig config, Clock clock, Database database, PersonalData personalData) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.personalData = personalData;
        this.audit = new AuditTrail(database, clock);
    }

    /**
     * @throws StartupException with a message for the operator when the database or the keys cannot be opened
     */
    public static AdminContext open(SignalingConfig config, Clock clock) {
        Database db;
        try {
            db = Database.open(new DatabaseSettings(config.database().jdbcUrl(),
                    config.database().user().orElse(null), config.database().password().orElse(null)));
        } catch (StorageException e) {
            throw new StartupException(e.getMessage(), e);
        }
        try {
            return new AdminContext(config, clock, db, LucarneServer.openPersonalData(config, db, clock));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public SignalingConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    public PersonalData personalData() {
        return personalData;
    }

    public AuditTrail audit() {
        return audit;
    }

    @Override
    public void close() {
        database.close();
    }
}
