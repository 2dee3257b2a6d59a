package org.lucarne.signaling.testing;

import java.security.SecureRandom;
import java.sql.Statement;
import java.util.Set;
import org.lucarne.signaling.StaffServices;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.staff.Totp;
import org.lucarne.signaling.storage.Database;

/**
 * Wards, patients and staff accounts for a test server, written as the server would (names sealed,
 * passwords hashed), without going through the console.
 */
public final class StaffFixture {
    /** The password every fixture account gets. */
    public static final String PASSWORD = "correct horse battery staple";

    /** A signed-up member of staff: their id, username and authenticator secret. */
    public record Member(String id, String username, String secret) { }

    private final TestServer server;

    public StaffFixture(TestServer server) {
        this.server = server;
    }

    private StaffServices staff() {
        return server.server().staff();
    }

    /**
     * A ward {@code wardId} with one bed, one patient (name sealed), one tablet and one family contact,
     * all named after the ward: {@code <ward>-bed}, {@code <ward>-patient}, {@code <ward>-tablet},
     * {@code <ward>-contact}.
     */
    public void ward(String wardId, String patientName) {
        Database db = server.server().database();
        var personal = server.server().personalData();
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('" + wardId + "', 'Ward " + wardId + "')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('" + wardId + "-bed', '" + wardId
                        + "', 'Bed 1')");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('" + wardId + "-tablet', '"
                        + wardId + "-bed', 'Tablet 1', 0)");
            }
            try (var ps = c.prepareStatement("INSERT INTO patient (id, bed_id, display_name) VALUES (?, ?, ?)")) {
                ps.setString(1, wardId + "-patient");
                ps.setString(2, wardId + "-bed");
                ps.setString(3, personal.seal(SealedColumns.PATIENT_NAME, wardId + "-patient", patientName));
                ps.executeUpdate();
            }
            // Added now, as staff add them: a contact added long ago with no visit since is the retention purge's.
            try (var ps = c.prepareStatement("INSERT INTO family_contact (id, patient_id, display_name, created_at)"
                    + " VALUES (?, ?, ?, ?)")) {
                ps.setString(1, wardId + "-contact");
                ps.setString(2, wardId + "-patient");
                ps.setString(3, personal.seal(SealedColumns.CONTACT_NAME, wardId + "-contact", "Contact of " + patientName));
                ps.setLong(4, server.server().clock().millis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** An active account with {@link #PASSWORD} and a confirmed authenticator. */
    public Member member(String username, Role role, String... wards) {
        String secret = Totp.newSecret(new SecureRandom());
        String hash = staff().hasher().hash(PASSWORD);
        StaffUser u = server.server().database().inTransaction(c -> {
            StaffUser created = staff().accounts().create(c, new StaffAccounts.NewUser(username,
                    "Display " + username, role, Set.of(wards), hash, false));
            staff().secondFactors().setUnconfirmedSecret(c, created.id(), secret);
            staff().secondFactors().confirm(c, created.id());
            return created;
        });
        return new Member(u.id(), username, secret);
    }

    /** A new account as an admin makes it: a one-time password to change, no second factor yet. */
    public Member newcomer(String username, Role role, String oneTimePassword, String... wards) {
        String hash = staff().hasher().hash(oneTimePassword);
        StaffUser u = server.server().database().inTransaction(c -> staff().accounts().create(c,
                new StaffAccounts.NewUser(username, "Display " + username, role, Set.of(wards), hash, true)));
        return new Member(u.id(), username, null);
    }
}
