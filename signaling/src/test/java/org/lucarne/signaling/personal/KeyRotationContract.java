package org.lucarne.signaling.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.audit.AuditEntry;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.demo.DemoData;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.SealedRows;

/**
 * {@code ./lucarne keys rotate} on every dialect, with rows in every sealed column and a blind
 * index: a full rotation, and an interruption at each point, after which every start opens the data.
 */
abstract class KeyRotationContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    /** A sealed column with a blind index, as staff e-mail addresses will have: made by the test. */
    static final SealedColumn EMAIL = new SealedColumn("rotation_probe", "email", "id");
    static final BlindIndexColumn EMAIL_INDEX = new BlindIndexColumn("email_index", EMAIL, "probe.email",
            s -> s.toLowerCase(Locale.ROOT));

    private final ManualClock clock = new ManualClock(NOW);
    private final SecureRandom random = new SecureRandom();
    private AuditTrail audit;
    private DataKeyStore store;
    private PersonalData data;

    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        audit = new AuditTrail(db, clock);
        useStore(KeyFile.in(dir));
    }

    /** Opens the keys from {@code s} as a start does, and fills every sealed column under them. */
    private void useStore(DataKeyStore s) {
        store = s;
        data = DataKeyCheck.open(db, store, random, clock);
        DemoData.seed(db, data, clock);
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS rotation_probe (id BIGINT PRIMARY KEY, email TEXT,"
                        + " email_index TEXT)");
            }
            SealedRows.contact(c, data, "contact-2", "demo-patient", "Zoë Lefèvre", 0);
            probe(c, 1, "Marie.Dupont@Example.org");
            probe(c, 2, null);
            probe(c, 3, "jean@example.org");
            new StaffAccounts(db, data, clock, random).create(c, new StaffAccounts.NewUser("claire.martin",
                    "Claire Martin", Role.NURSE, Set.of("demo-ward-4"), null, false));
            return null;
        });
    }

    private void probe(java.sql.Connection c, long id, String email) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rotation_probe (id, email, email_index)"
                + " VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, data.sealNullable(EMAIL, Long.toString(id), email));
            ps.setString(3, email == null ? null : data.index(EMAIL_INDEX, email));
            ps.executeUpdate();
        }
    }

    private KeyRotation rotation() {
        List<SealedColumn> columns = new ArrayList<>(SealedColumns.ALL);
        columns.add(EMAIL);
        List<BlindIndexColumn> indexes = new ArrayList<>(SealedColumns.INDEXES);
        indexes.add(EMAIL_INDEX);
        return new KeyRotation(db, store, data, audit, random, clock, columns, indexes);
    }

    @Test
    void rotationReSealsEveryValueAndRecomputesEveryIndexUnderANewKey() {
        Map<String, String> before = plaintexts(data);
        KeyRotation.Result r = rotation().run();

        assertEquals("k1", r.from());
        assertEquals("k2", r.to());
        Map<SealedColumn, Integer> expected = new java.util.HashMap<>();
        SealedColumns.ALL.forEach(col -> expected.put(col, 0));
        expected.putAll(Map.of(SealedColumns.PATIENT_NAME, 1, SealedColumns.CONTACT_NAME, 2, EMAIL, 2,
                SealedColumns.STAFF_USERNAME, 1, SealedColumns.STAFF_DISPLAY_NAME, 1));
        // The demo's hospital identifier, and its contact's relationship, phone and e-mail address.
        expected.putAll(Map.of(SealedColumns.PATIENT_HOSPITAL_ID, 1, SealedColumns.CONTACT_RELATIONSHIP, 1,
                SealedColumns.CONTACT_PHONE, 1, SealedColumns.CONTACT_EMAIL, 1));
        assertEquals(expected, r.values());
        assertEquals(11, r.valueCount());
        assertEquals(4, r.indexCount(), "the demo patient's hospital identifier is indexed too");
        for (String sealed : stored()) {
            assertTrue(sealed.startsWith("v1.k2."), sealed);
        }
        assertEquals(before, plaintexts(data), "every value opens to what it was");
        assertNull(cell("SELECT email FROM rotation_probe WHERE id = 2"));
        assertEquals(data.index(EMAIL_INDEX, "marie.dupont@example.ORG"),
                cell("SELECT email_index FROM rotation_probe WHERE id = 1"), "a lookup finds the row under the new key");
        assertNull(cell("SELECT email_index FROM rotation_probe WHERE id = 2"));

        DataKeyCheck.Recorded recorded = db.inTransaction(DataKeyCheck::recorded).orElseThrow();
        assertEquals("k2", recorded.keyId());
        assertEquals(data.ring().currentKey().checkValue(), recorded.checkValue());
        DataKeyRing onDisk = store.load();
        assertEquals(List.of("k2"), List.copyOf(onDisk.keys().keySet()));
        assertEquals(Optional.empty(), onDisk.pending());
        assertTrue(data.seal(SealedColumns.PATIENT_NAME, "x", "y").startsWith("v1.k2."), "new values use the new key");

        AuditEntry entry = audit.head().orElseThrow();
        assertEquals(r.audit(), entry);
        assertEquals("cli", entry.actor());
        assertEquals("data_keys.rotated", entry.action());
        assertEquals("data_key:k2", entry.target());
        assertEquals("success", entry.outcome());
        assertEquals("from=k1 to=k2 values=11 indexes=4", entry.detail());
        assertTrue(db.inTransaction(c -> new StaffAccounts(db, data, clock, random).idOfUsername(c, "claire.martin"))
                .isPresent(), "sign-in finds the username by its index under the new key");

        PersonalData restarted = DataKeyCheck.open(db, store, random, clock);
        assertEquals(before, plaintexts(restarted));
    }

    @Test
    void theOldKeyOpensNothingAfterARotation() {
        PersonalData old = new PersonalData(data.ring(), random);
        rotation().run();
        String name = cell("SELECT display_name FROM patient WHERE id = 'demo-patient'");
        PersonalDataException e = assertThrows(PersonalDataException.class,
                () -> old.open(SealedColumns.PATIENT_NAME, "demo-patient", name));
        assertTrue(e.getMessage().contains("is sealed under data key k2, which the key file does not hold"),
                e.getMessage());
    }

    @Test
    void aSecondRotationMovesOnToTheNextKey() {
        Map<String, String> before = plaintexts(data);
        rotation().run();
        KeyRotation.Result second = rotation().run();
        assertEquals("k2", second.from());
        assertEquals("k3", second.to());
        assertEquals(before, plaintexts(DataKeyCheck.open(db, store, random, clock)));
    }

    @Test
    void interruptedAfterThePendingKeyWasWrittenTheNextStartForgetsIt() {
        Map<String, String> before = plaintexts(data);
        rotation().writePendingKey();
        assertEquals(Optional.of("k2"), store.load().pending());
        // The process dies here.
        PersonalData next = DataKeyCheck.open(db, store, random, clock);
        assertEquals("k1", next.ring().current());
        assertEquals(List.of("k1"), List.copyOf(store.load().keys().keySet()));
        assertEquals(before, plaintexts(next));
        assertEquals("k1", db.inTransaction(DataKeyCheck::recorded).orElseThrow().keyId());
    }

    @Test
    void interruptedAfterItsTransactionCommittedTheNextStartFinishesIt() {
        Map<String, String> before = plaintexts(data);
        KeyRotation rotation = rotation();
        DataKeyRing pending = rotation.writePendingKey();
        rotation.reseal(pending);
        assertEquals(Optional.of("k2"), store.load().pending(), "the store still has both keys");
        // The process dies here.
        PersonalData next = DataKeyCheck.open(db, store, random, clock);
        assertEquals("k2", next.ring().current());
        assertEquals(List.of("k2"), List.copyOf(store.load().keys().keySet()));
        assertEquals(before, plaintexts(next));
    }

    @Test
    void aKeyStoreThatCannotBeRewrittenAfterTheCommitKeepsBothKeysAndTheNextStartFinishes() throws Exception {
        Map<String, String> before = plaintexts(data);
        KeyRotation rotation = rotation();
        DataKeyRing pending = rotation.writePendingKey();
        Path file = ((KeyFile) store).path();
        byte[] both = java.nio.file.Files.readAllBytes(file);
        rotation.reseal(pending);
        // Something makes the key file impossible to replace (here: a directory in its place).
        java.nio.file.Files.delete(file);
        java.nio.file.Files.createDirectory(file);
        Optional<String> why = rotation.finishOrExplain(pending);
        assertTrue(why.orElseThrow().startsWith("cannot write the data key file " + file), why.get());
        assertEquals(before, plaintexts(data), "this process still opens everything");
        java.nio.file.Files.delete(file);
        java.nio.file.Files.write(file, both);
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(
                "rw-------"));
        PersonalData next = DataKeyCheck.open(db, store, random, clock);
        assertEquals("k2", next.ring().current());
        assertEquals(List.of("k2"), List.copyOf(store.load().keys().keySet()));
        assertEquals(before, plaintexts(next));
    }

    @Test
    void aRotationThatFailsInItsTransactionChangesNothingInTheDatabase() {
        // A value copied from another row does not open: the rotation stops and rolls back.
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE family_contact SET display_name = (SELECT display_name FROM"
                        + " family_contact WHERE id = 'demo-contact') WHERE id = 'contact-2'");
            }
        });
        List<String> before = stored();
        Optional<AuditEntry> head = audit.head();
        PersonalDataException e = assertThrows(PersonalDataException.class, () -> rotation().run());
        assertEquals("family_contact.display_name of row contact-2 does not open: it was altered, or sealed for"
                + " another row", e.getMessage());
        assertEquals(before, stored());
        assertEquals("k1", db.inTransaction(DataKeyCheck::recorded).orElseThrow().keyId());
        assertEquals(head, audit.head(), "no audit entry for a rotation that did not happen");
        assertEquals("k1", DataKeyCheck.open(db, store, random, clock).ring().current());
        assertEquals(Optional.empty(), store.load().pending());
    }

    @Test
    void rotationInAPkcs12KeystoreAndItsInterruptions() throws Exception {
        Pkcs12KeyStore p12 = new Pkcs12KeyStore(dir.resolve("p12").resolve("data-keys.p12"), "keystore pw".toCharArray());
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM visit_invite");
                st.executeUpdate("DELETE FROM invite");
                st.executeUpdate("DELETE FROM visit");
                st.executeUpdate("DELETE FROM family_contact");
                st.executeUpdate("DELETE FROM tablet");
                st.executeUpdate("DELETE FROM patient");
                st.executeUpdate("DELETE FROM rotation_probe");
                st.executeUpdate("DELETE FROM staff_ward");
                st.executeUpdate("DELETE FROM staff_user");
                st.executeUpdate("DELETE FROM data_key");
            }
            return null;
        });
        useStore(p12);
        Map<String, String> before = plaintexts(data);

        KeyRotation first = rotation();
        DataKeyRing pending = first.writePendingKey();
        assertEquals(List.of("lucarne-data-k1", "lucarne-data-k2-pending"), aliases(p12));
        first.reseal(pending);
        PersonalData next = DataKeyCheck.open(db, p12, random, clock); // interrupted after the commit
        assertEquals(List.of("lucarne-data-k2"), aliases(p12));
        assertEquals(before, plaintexts(next));

        data = next;
        rotation().writePendingKey();
        next = DataKeyCheck.open(db, p12, random, clock); // interrupted before the transaction
        assertEquals(List.of("lucarne-data-k2"), aliases(p12));
        assertEquals(before, plaintexts(next));

        data = next;
        KeyRotation.Result r = rotation().run();
        assertEquals("k3", r.to());
        assertEquals(List.of("lucarne-data-k3"), aliases(p12));
        assertEquals(before, plaintexts(DataKeyCheck.open(db, p12, random, clock)));
    }

    private List<String> aliases(Pkcs12KeyStore p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(p12.path())) {
            ks.load(in, "keystore pw".toCharArray());
        }
        List<String> all = Collections.list(ks.aliases());
        Collections.sort(all);
        return all;
    }

    /** Every sealed value, opened, by column and row. */
    private Map<String, String> plaintexts(PersonalData with) {
        Map<String, String> all = new java.util.TreeMap<>();
        for (SealedColumn column : List.of(SealedColumns.PATIENT_NAME, SealedColumns.CONTACT_NAME, EMAIL,
                SealedColumns.STAFF_USERNAME, SealedColumns.STAFF_DISPLAY_NAME)) {
            db.inTransaction(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + column.idColumn()
                        + ", " + column.column() + " FROM " + column.table() + " WHERE " + column.column()
                        + " IS NOT NULL")) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        all.put(column + "/" + id, with.open(column, id, rs.getString(2)));
                    }
                }
                return null;
            });
        }
        assertEquals(7, all.size(), all.keySet().toString());
        assertNotEquals(null, all.get("patient.display_name/demo-patient"));
        return all;
    }

    /** Every stored sealed value, as stored. */
    private List<String> stored() {
        List<String> all = new ArrayList<>();
        db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT display_name FROM patient"
                    + " UNION ALL SELECT display_name FROM family_contact UNION ALL SELECT email FROM rotation_probe"
                    + " WHERE email IS NOT NULL UNION ALL SELECT username FROM staff_user"
                    + " UNION ALL SELECT display_name FROM staff_user")) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
            return null;
        });
        Collections.sort(all);
        return all;
    }

    private String cell(String sql) {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
