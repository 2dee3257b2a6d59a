package org.lucarne.signaling.device;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.lucarne.signaling.storage.Database;

/** The enrolled tablets, as the kiosk listener needs them: is this id allowed to connect now? */
public final class Tablets {
    private final Database database;

    public Tablets(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * The tablet's status in table {@code tablet}: revoked when {@code revoked_at} is set.
     *
     * @throws org.lucarne.signaling.storage.StorageException when the database fails
     */
    public TabletStatus status(String tabletId) {
        return database.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT revoked_at FROM tablet WHERE id = ?")) {
                st.setString(1, tabletId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return TabletStatus.UNKNOWN;
                    }
                    rs.getLong(1);
                    return rs.wasNull() ? TabletStatus.ENROLLED : TabletStatus.REVOKED;
                }
            }
        });
    }

    /** The ids of every revoked tablet (a few hundred at most in a hospital), for {@link RevokedTablets}. */
    public Set<String> revokedIds() {
        return database.inTransaction(c -> {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id FROM tablet WHERE revoked_at IS NOT NULL");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }
}
