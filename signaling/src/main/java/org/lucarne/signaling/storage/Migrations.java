package org.lucarne.signaling.storage;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Brings a database's schema up to this build's version with Flyway. {@link Database#open} calls
 * it, so the server does not have to.
 *
 * <p>Migrations are SQL files on the classpath: {@code db/migration/common/V<n>__<words>.sql} for
 * both databases, and {@code db/migration/sqlite/} or {@code db/migration/postgresql/} for a
 * version written once per dialect (one version number lives in exactly one of {@code common} or
 * the two dialect folders). Flyway records each applied one in {@code flyway_schema_history}, runs
 * each in its own transaction (a failure leaves the schema at the last good version), and on
 * PostgreSQL holds an advisory lock so nodes starting together migrate once.
 *
 * <p>Start is refused when an applied migration's file changed, or when the database has a
 * migration this build does not know (a newer Lucarne migrated it).
 *
 * <p>A database made by Lucarne's first migration runner (table {@code schema_migrations}) is
 * taken over in place: its records are checked against the bundled files, Flyway is baselined at
 * its version, the newer migrations run, and the old table is dropped ({@link FirstRunnerHistory}).
 */
public final class Migrations {

    public static final String LOCATION = "db/migration";

    private Migrations() {
    }

    /** Where the bundled migrations of {@code dialect} are, as Flyway locations. */
    public static List<String> locations(Dialect dialect) {
        return List.of("classpath:" + LOCATION + "/common", "classpath:" + LOCATION + "/" + dialect.id());
    }

    /** Applies the bundled migrations that {@code db} does not have yet. */
    public static MigrationReport migrate(Database db) {
        return migrate(db, locations(db.dialect()));
    }

    /** Applies the migrations found at {@code locations} (Flyway's {@code classpath:} form). */
    static MigrationReport migrate(Database db, List<String> locations) {
        DataSource ds = db.migrationDataSource();
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(ds)
                .locations(locations.toArray(String[]::new))
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .baselineDescription(FirstRunnerHistory.BASELINE_DESCRIPTION)
                .load();
        try {
            FirstRunnerHistory.takeOver(db, flyway, locations);
            refuseNewerSchema(flyway);
            refuseChangedHistory(flyway);
            int from = currentVersion(flyway);
            MigrateResult result = flyway.migrate();
            List<String> applied = new ArrayList<>();
            for (MigrateOutput m : result.migrations) {
                applied.add(label(m.version, m.description));
            }
            FirstRunnerHistory.dropOldTable(db);
            return new MigrationReport(from, currentVersion(flyway), applied);
        } catch (FlywayException e) {
            throw explain(e);
        }
    }

    /** {@code V001__init}: the migration's file name without extension. */
    static String label(String version, String description) {
        String words = description == null ? "" : description.strip().replace(' ', '_');
        try {
            return String.format("V%03d__%s", Integer.parseInt(version), words);
        } catch (NumberFormatException e) {
            return "V" + version + "__" + words;
        }
    }

    private static void refuseNewerSchema(Flyway flyway) {
        MigrationInfo[] all = flyway.info().all();
        int newestKnown = 0;
        int newestApplied = 0;
        for (MigrationInfo m : all) {
            int v = m.getVersion() == null ? 0 : m.getVersion().getMajor().intValue();
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                newestApplied = Math.max(newestApplied, v);
            } else if (m.getState().isResolved()) {
                newestKnown = Math.max(newestKnown, v);
            }
        }
        if (newestApplied > newestKnown) {
            throw new StorageException("database schema is version " + newestApplied
                    + " but this Lucarne knows up to " + newestKnown + ": upgrade Lucarne");
        }
    }

    /**
     * Flyway's validation (pending migrations are fine, they are about to run), each problem in
     * words that say what to do.
     */
    private static void refuseChangedHistory(Flyway flyway) {
        ValidateResult result = Flyway.configure(Migrations.class.getClassLoader())
                .configuration(flyway.getConfiguration())
                .ignoreMigrationPatterns("*:pending")
                .load()
                .validateWithResult();
        if (result.validationSuccessful) {
            return;
        }
        int applied = currentVersion(flyway);
        List<String> problems = new ArrayList<>();
        for (ValidateOutput o : result.invalidMigrations) {
            String label = label(o.version, o.description);
            ErrorCode code = o.errorDetails == null ? null : o.errorDetails.errorCode;
            if (code == CoreErrorCode.CHECKSUM_MISMATCH) {
                problems.add("migration " + label + " (" + fileName(o.filepath) + ") was changed after it was applied to this"
                        + " database. Restore the released file: a released migration is never edited, a new one is"
                        + " added instead");
            } else if (code == CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED) {
                problems.add("migration " + label + " is not applied but the database is already at version "
                        + applied + ": a new migration must be numbered above every released one");
            } else {
                problems.add("migration " + label + ": "
                        + (o.errorDetails == null ? "invalid" : firstLine(o.errorDetails.errorMessage)));
            }
        }
        throw new StorageException(String.join("; ", problems));
    }

    /** The file name without the directory, which depends on the machine and the build. */
    private static String fileName(String path) {
        String p = String.valueOf(path).replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static String firstLine(String text) {
        String t = String.valueOf(text).strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static int currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        if (current == null || current.getVersion() == null) {
            return 0;
        }
        MigrationVersion v = current.getVersion();
        return v.getMajor().intValue();
    }

    /** Flyway's words, with what the operator should do. */
    private static StorageException explain(FlywayException e) {
        String message = firstLine(e.getMessage());
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null && !(cause instanceof java.sql.SQLException)) {
            cause = cause.getCause();
        }
        String why = cause instanceof java.sql.SQLException sql ? ": " + firstLine(sql.getMessage()) : "";
        return new StorageException("schema migration failed: " + message + why
                + ". Nothing of the failed migration was applied", e);
    }
}
