package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.admin.AdminCommands;
import org.lucarne.signaling.admin.AdminContext;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.DatabaseSettings;

/** {@code ./lucarne admin create-user … --oidc-subject SUB}: an account linked to the hospital's SSO. */
class SsoAdminLinkTest {
    static final String ISSUER = "https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet";

    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void aDatabaseWithAWard() {
        env.put("LUCARNE_DATA_DIR", dir.toString());
        try (Database db = Database.open(DatabaseSettings.sqlite(dir))) {
            db.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO ward (id, name) VALUES ('icu', 'ICU')");
                }
                return null;
            });
        }
    }

    private void withSso() {
        env.put("LUCARNE_AUTH_OIDC_ISSUER", ISSUER);
        env.put("LUCARNE_AUTH_OIDC_CLIENT_ID", "lucarne");
        env.put("LUCARNE_AUTH_OIDC_CLIENT_SECRET", "secret");
        env.put("LUCARNE_AUTH_OIDC_ACCOUNTS", "linked");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        String[] all = new String[args.length + 2];
        all[0] = "admin";
        all[1] = "create-user";
        System.arraycopy(args, 0, all, 2, args.length);
        return AdminCommands.run(all, Optional.empty(), env, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void accountCreatedWithASubjectHasNoPasswordAndIsFoundByThatSubject() {
        withSso();
        assertEquals(0, run("--username", "jdurand", "--role", "nurse", "--ward", "icu", "--name", "Jeanne Durand",
                "--oidc-subject", "810012345678"), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("One-time password"), printed);
        assertTrue(printed.contains("hospital account"), printed);
        try (AdminContext ctx = AdminContext.open(SignalingConfig.load(Optional.empty(), env), Clock.systemUTC())) {
            StaffAccounts accounts = new StaffAccounts(ctx.database(), ctx.personalData(), ctx.clock(), new SecureRandom());
            String id = ctx.database().inTransaction(c -> accounts.idOfOidcSubject(c,
                    SsoIdentity.link(ISSUER, "810012345678"))).orElseThrow();
            StaffUser u = accounts.find(id).orElseThrow();
            assertEquals("jdurand", u.username());
            assertTrue(u.sso());
            assertFalse(u.hasPassword());
            String detail = ctx.database().inTransaction(c -> {
                try (var ps = c.prepareStatement("SELECT actor, detail FROM audit_entry WHERE action = 'user.created'");
                     var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1) + " " + rs.getString(2);
                }
            });
            assertTrue(detail.startsWith("cli ") && detail.contains("source=sso"), detail);
            assertFalse(detail.contains("810012345678"), "the subject is not in the audit trail");
        }
    }

    @Test
    void subjectAlreadyLinkedIsRefused() {
        withSso();
        assertEquals(0, run("--username", "jdurand", "--role", "nurse", "--oidc-subject", "810012345678"));
        assertEquals(1, run("--username", "jdurand2", "--role", "nurse", "--oidc-subject", "810012345678"));
        assertTrue(err.toString().contains("already linked"), err.toString());
    }

    @Test
    void subjectWithoutSsoConfiguredSaysWhatToDo() {
        assertEquals(1, run("--username", "jdurand", "--role", "nurse", "--oidc-subject", "810012345678"));
        assertTrue(err.toString().contains("auth.oidc.issuer"), err.toString());
    }
}
