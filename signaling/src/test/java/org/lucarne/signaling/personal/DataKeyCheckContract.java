package org.lucarne.signaling.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.storage.StorageContract;

/** What {@link DataKeyCheck} promises on every dialect: the key store and the database go together. */
abstract class DataKeyCheckContract extends StorageContract {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private KeyFile file() {
        return KeyFile.in(dir);
    }

    @Test
    void firstStartCreatesTheKeyFileAndRecordsItsKey() {
        PersonalData data = DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        assertTrue(file().exists());
        DataKeyCheck.Recorded r = db.inTransaction(DataKeyCheck::recorded).orElseThrow();
        assertEquals("k1", r.keyId());
        assertEquals(data.ring().currentKey().checkValue(), r.checkValue());
        assertEquals(file().load().currentKey().checkValue(), r.checkValue());
    }

    @Test
    void firstStartWithAnExistingKeyFileRecordsThatKey() {
        DataKeyRing ring = file().loadOrCreate(RANDOM);
        DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        assertEquals(ring.currentKey().checkValue(), db.inTransaction(DataKeyCheck::recorded).orElseThrow().checkValue());
    }

    @Test
    void secondStartWithTheSameFilePasses() {
        PersonalData first = DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        String sealed = first.seal(SealedColumns.PATIENT_NAME, "p1", "Marie Dupont");
        PersonalData second = DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        assertEquals("Marie Dupont", second.open(SealedColumns.PATIENT_NAME, "p1", sealed));
        assertEquals(Optional.empty(), second.ring().pending());
    }

    @Test
    void anotherKeyFileIsRefusedWithTheWayOut() {
        DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        KeyFile other = KeyFile.in(dir.resolve("other"));
        other.loadOrCreate(RANDOM);
        PersonalDataException e = assertThrows(PersonalDataException.class,
                () -> DataKeyCheck.open(db, other, RANDOM, CLOCK));
        assertEquals("the data key k1 in the data key file " + other.path().toAbsolutePath().normalize() + " is not the"
                + " key k1 this database was sealed with (its check value differs). Restore the keys that go with this"
                + " database from your backup (docs/operations.md, \"Keys\")", e.getMessage());
    }

    @Test
    void aKeyFileWithoutTheDatabasesKeyIsRefusedWithTheWayOut() {
        DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        KeyFile other = KeyFile.in(dir.resolve("other"));
        other.save(DataKeyRing.generate(RANDOM).withNewPending(RANDOM).promotePending());
        PersonalDataException e = assertThrows(PersonalDataException.class,
                () -> DataKeyCheck.open(db, other, RANDOM, CLOCK));
        assertEquals("this database's personal data is sealed with data key k1, but the data key file "
                + other.path().toAbsolutePath().normalize() + " holds [k2]. Start Lucarne with the keys that go with"
                + " this database (restore them from your backup; docs/operations.md, \"Keys\")", e.getMessage());
    }

    @Test
    void missingFileForADatabaseWithAKeyIsRefusedAndNoNewFileIsCreated() throws Exception {
        DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        java.nio.file.Files.delete(file().path());
        PersonalDataException e = assertThrows(PersonalDataException.class,
                () -> DataKeyCheck.open(db, file(), RANDOM, CLOCK));
        assertEquals("the data key file " + file().path().toAbsolutePath().normalize() + " is missing, and this"
                + " database's personal data is sealed with data key k1. Restore it from your backup"
                + " (docs/operations.md, \"Keys\")", e.getMessage());
        assertFalse(file().exists(), "a new key would make the sealed data unreadable for good");
    }

    @Test
    void pendingKeyIsPromotedWhenTheDatabaseAlreadyUsesIt() {
        PersonalData data = DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        DataKeyRing pending = data.ring().withNewPending(RANDOM);
        file().save(pending);
        // What a rotation's transaction leaves when it committed: the database records the new key.
        db.inTransaction(c -> {
            DataKeyCheck.record(c, pending.pendingKey().orElseThrow(), CLOCK);
            return null;
        });
        PersonalData after = DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        assertEquals("k2", after.ring().current());
        assertEquals(Optional.empty(), after.ring().pending());
        assertEquals(List.of("k2"), List.copyOf(after.ring().keys().keySet()));
        DataKeyRing onDisk = file().load();
        assertEquals("k2", onDisk.current());
        assertEquals(Optional.empty(), onDisk.pending());
        assertEquals(pending.pendingKey().orElseThrow().checkValue(), onDisk.currentKey().checkValue());
    }

    @Test
    void pendingKeyIsDroppedWhenTheDatabaseDoesNotUseIt() {
        PersonalData data = DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        String sealed = data.seal(SealedColumns.CONTACT_NAME, "c1", "Jean Dupont");
        file().save(data.ring().withNewPending(RANDOM));
        PersonalData after = DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        assertEquals("k1", after.ring().current());
        assertEquals(Optional.empty(), after.ring().pending());
        assertEquals(Optional.empty(), file().load().pending());
        assertEquals(List.of("k1"), List.copyOf(file().load().keys().keySet()));
        assertEquals("Jean Dupont", after.open(SealedColumns.CONTACT_NAME, "c1", sealed));
        assertEquals("k1", db.inTransaction(DataKeyCheck::recorded).orElseThrow().keyId());
    }

    @Test
    void pendingKeyWhoseCheckValueDiffersIsRefused() {
        PersonalData data = DataKeyCheck.open(db, file(), RANDOM, CLOCK);
        DataKeyRing pending = data.ring().withNewPending(RANDOM);
        file().save(pending);
        DataKeyRing impostor = data.ring().withNewPending(RANDOM); // another k2
        db.inTransaction(c -> {
            DataKeyCheck.record(c, impostor.pendingKey().orElseThrow(), CLOCK);
            return null;
        });
        PersonalDataException e = assertThrows(PersonalDataException.class,
                () -> DataKeyCheck.open(db, file(), RANDOM, CLOCK));
        assertTrue(e.getMessage().startsWith("the data key k2 in the data key file "), e.getMessage());
        assertEquals(Optional.of("k2"), file().load().pending(), "nothing is rewritten after a refusal");
    }

    @Test
    void twoFirstStartsAtOnceAgreeOnOneKey() throws Exception {
        int n = 4;
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<PersonalData>> starts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                starts.add(pool.submit(() -> {
                    barrier.await();
                    return DataKeyCheck.open(db, file(), RANDOM, CLOCK);
                }));
            }
            String recorded = null;
            for (Future<PersonalData> f : starts) {
                PersonalData d = f.get();
                recorded = recorded == null ? d.ring().currentKey().checkValue() : recorded;
                assertEquals(recorded, d.ring().currentKey().checkValue());
            }
            assertEquals(recorded, file().load().currentKey().checkValue());
            assertEquals(recorded, db.inTransaction(DataKeyCheck::recorded).orElseThrow().checkValue());
        } finally {
            pool.shutdownNow();
        }
    }
}
