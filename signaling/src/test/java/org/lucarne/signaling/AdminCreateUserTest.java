package org.lucarne.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.admin.AdminContext;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.staff.PasswordHasher;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.DatabaseSettings;

/** {@code ./lucarne admin create-user}, through {@link Main#run} as the script calls it. */
class AdminCreateUserTest {
    @TempDir
    Path dir;
    private Map<String, String> env;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void aDatabaseWithTwoWards() {
        env = Map.of("LUCARNE_DATA_DIR", dir.toString());
        try (Database db = Database.open(DatabaseSettings.sqlite(dir))) {
            db.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO ward (id, name) VALUES ('icu', 'ICU'), ('w4', 'Ward 4')");
                }
                return null;
            });
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theFirstAdminIsCreatedWithAOneTimePasswordPrintedOnce() {
        assertEquals(0, run("admin", "create-user", "--username", "Alice.Admin", "--role", "admin", "--ward", "icu",
                "--ward", "w4", "--name", "Alice Martin"), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("One-time password \\(shown only now\\): (\\S+)").matcher(printed);
        assertTrue(m.find(), printed);
        String oneTime = m.group(1);
        assertTrue(printed.contains("alice.admin"), printed);
        assertTrue(printed.contains("/staff"), printed);

        try (AdminContext ctx = AdminContext.open(SignalingConfig.load(Optional.empty(), env), Clock.systemUTC())) {
            StaffAccounts accounts = new StaffAccounts(ctx.database(), ctx.personalData(), ctx.clock(),
                    new java.security.SecureRandom());
            String id = ctx.database().inTransaction(c -> accounts.idOfUsername(c, "alice.admin")).orElseThrow();
            StaffUser u = accounts.find(id).orElseThrow();
            assertEquals(Role.ADMIN, u.role());
            assertEquals("Alice Martin", u.displayName());
            assertEquals(java.util.List.of("icu", "w4"), u.wardIds());
            assertTrue(u.passwordOneTime(), "to be changed at first sign-in");
            assertFalse(u.secondFactor(), "an authenticator app is set up at first sign-in");
            String hash = ctx.database().inTransaction(c -> accounts.passwordHash(c, id)).orElseThrow();
            assertTrue(PasswordHasher.standard().verify(hash, oneTime).matches());
            String audit = ctx.database().inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT actor, action, target, detail FROM audit_entry"
                        + " ORDER BY seq DESC LIMIT 1")) {
                    rs.next();
                    return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4);
                }
            });
            assertEquals("cli user.created user:" + id + " role=admin wards=icu,w4", audit);
        }
    }

    @Test
    void anExistingUsernameOrAnUnknownWardIsRefusedByName() {
        assertEquals(0, run("admin", "create-user", "--username", "bob", "--role", "nurse", "--ward", "w4"));
        assertEquals(1, run("admin", "create-user", "--username", "BOB", "--role", "admin"));
        assertTrue(err.toString().contains("bob is taken"), err.toString());
        assertEquals(1, run("admin", "create-user", "--username", "carol", "--role", "nurse", "--ward", "w5"));
        assertTrue(err.toString().contains("no ward w5"), err.toString());
        assertFalse(out.toString().contains("One-time password"), "nothing created, nothing printed");
    }

    @Test
    void aBadRoleOrMissingOptionIsAUsageError() {
        assertEquals(2, run("admin", "create-user", "--username", "dave", "--role", "doctor"));
        assertTrue(err.toString().contains("doctor is not a role"), err.toString());
        assertTrue(err.toString().contains("usage:"), err.toString());
        assertEquals(2, run("admin", "create-user", "--username", "dave"));
        assertEquals(2, run("admin", "create-user", "--username", "dave", "--role", "nurse", "--colour", "blue"));
        assertEquals(2, run("admin", "create-user", "--username", "d a v e", "--role", "nurse"));
        assertEquals(2, run("admin", "no-such-command"));
    }
}
