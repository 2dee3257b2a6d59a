package org.lucarne.signaling.admin;

import java.time.Clock;
import org.lucarne.signaling.LucarneServer;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.DatabaseSettings;
import org.lucarne.signaling.storage.DatabaseUse;
import org.lucarne.signaling.storage.StorageException;

/**
 * What a command-line action needs, opened as the server opens it: the configuration, the
 * database (migrated) and its use lock, the data keys (checked against it) and the audit trail.
 * Closing closes the database and releases the lock.
 */
public final class AdminContext implements AutoCloseable {
    private final SignalingConfig config;
    private final Clock clock;
    private final Database database;
    private final PersonalData personalData;
    private final AuditTrail audit;
    private final DatabaseUse use;

    private AdminContext(SignalingConfig config, Clock clock, Database database, DatabaseUse use,
                         PersonalData personalData) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.use = use;
        this.personalData = personalData;
        this.audit = new AuditTrail(database, clock);
    }

    /**
     * Opens what a command needs, beside a running server (the database's use lock shared).
     *
     * @throws StartupException with a message for the operator when the database or the keys cannot be opened
     */
    public static AdminContext open(SignalingConfig config, Clock clock) {
        return open(config, clock, DatabaseUse.Mode.SHARED);
    }

    /**
     * Opens what a command needs, holding the database's use lock in {@code mode}: {@code EXCLUSIVE}
     * for a command that no server may run beside ({@code keys rotate}).
     *
     * @throws StartupException with a message for the operator when the database or the keys cannot be
     *                          opened, or the lock is held the other way
     */
    public static AdminContext open(SignalingConfig config, Clock clock, DatabaseUse.Mode mode) {
        Database db;
        try {
            db = Database.open(new DatabaseSettings(config.database().jdbcUrl(),
                    config.database().user().orElse(null), config.database().password().orElse(null)));
        } catch (StorageException e) {
            throw new StartupException(e.getMessage(), e);
        }
        DatabaseUse use = null;
        try {
            use = mode == DatabaseUse.Mode.SHARED ? LucarneServer.useDatabase(db)
                    : DatabaseUse.tryAcquire(db, mode).orElseThrow(() -> new StartupException("Lucarne is running on"
                            + " this database (a server, or another ./lucarne command): stop Lucarne (every node)"
                            + " first, then run this command again"));
            return new AdminContext(config, clock, db, use, LucarneServer.openPersonalData(config, db, clock));
        } catch (RuntimeException e) {
            db.close();
            if (use != null) {
                use.close();
            }
            throw e instanceof StorageException s ? new StartupException(s.getMessage(), s) : e;
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
        try {
            database.close();
        } finally {
            use.close();
        }
    }
}
