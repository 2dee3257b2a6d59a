package org.lucarne.signaling.storage;

import java.util.List;

/**
 * What {@link Migrations#migrate(Database)} did.
 *
 * @param fromVersion schema version found (0 for an empty database)
 * @param toVersion   schema version now
 * @param applied     labels of the migrations this call applied, in order; empty when the
 *                    schema was already current (or another node did the work)
 */
public record MigrationReport(int fromVersion, int toVersion, List<String> applied) {

    public MigrationReport {
        applied = List.copyOf(applied);
    }
}
