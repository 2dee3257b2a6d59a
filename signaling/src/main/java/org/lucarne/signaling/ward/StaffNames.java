package org.lucarne.signaling.ward;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;

/**
 * Who did something, as the ward's staff see it on a record ("consent recorded by", "cleaned by"): the
 * stored actor ({@code staff:<id>}) and the member of staff's display name, opened from its sealed
 * column. An account since removed shows as {@link Names#UNKNOWN}; an actor that is not a member of
 * staff ({@code system}, {@code cli}) has no name.
 */
public final class StaffNames {
    /** A member of staff on a record. */
    public record Ref(String id, String name) { }

    private StaffNames() {
    }

    /** The staff member an actor names; empty for null or an actor other than {@code staff:<id>}. */
    public static Optional<Ref> of(Connection c, PersonalData personal, String actor) throws SQLException {
        if (actor == null || !actor.startsWith("staff:")) {
            return Optional.empty();
        }
        String id = actor.substring("staff:".length());
        try (PreparedStatement ps = c.prepareStatement("SELECT display_name FROM staff_user WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                String name = rs.next() ? Names.open(personal, SealedColumns.STAFF_DISPLAY_NAME, id, rs.getString(1))
                        : Names.UNKNOWN;
                return Optional.of(new Ref(id, name));
            }
        }
    }
}
