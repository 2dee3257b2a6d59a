package org.lucarne.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.storage.StorageException;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/** What the relay's stores ({@link Prekeys}, {@link EnvelopeQueue}, {@link Blobs}, {@link RelayStore}) promise on every dialect. */
abstract class RelayStoreContract extends StorageContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TABLET = RelayKeys.deviceId(1);
    private static final String JEAN = RelayKeys.deviceId(2);
    private static final String LEA = RelayKeys.deviceId(3);

    @BeforeEach
    void twoPatients() {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w1', 'Ward 1')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('b1', 'w1', 'Bed 1')");
                st.executeUpdate("INSERT INTO patient (id, bed_id, display_name) VALUES ('p1', 'b1', 'x')");
                st.executeUpdate("INSERT INTO patient (id, bed_id, display_name) VALUES ('p2', 'b1', 'y')");
            }
            return null;
        });
    }

    private <T> T tx(org.lucarne.signaling.storage.SqlWork<T> work) {
        return db.inTransaction(work);
    }

    private static List<OneTimePrekey> oneTime(long from, int count) {
        return LongStream.range(from, from + count).mapToObj(i -> new OneTimePrekey(i, RelayKeys.bytes(32, (int) i))).toList();
    }

    private void upload(String device, List<OneTimePrekey> keys) {
        tx(c -> {
            Prekeys.addOneTime(c, device, keys, T0);
            return null;
        });
    }

    @Test
    void aDeviceHasOneSignedPrekeyReplacedByTheNext() {
        RelayKeys keys = RelayKeys.create();
        SignedPrekey first = keys.signedPrekey(1, T0);
        SignedPrekey second = keys.signedPrekey(2, T0.plus(Duration.ofDays(7)));
        tx(c -> { Prekeys.putSigned(c, TABLET, first, T0); return null; });
        assertEquals(Optional.of(first), tx(c -> Prekeys.signed(c, TABLET)));
        tx(c -> { Prekeys.putSigned(c, TABLET, second, T0); return null; });
        assertEquals(Optional.of(second), tx(c -> Prekeys.signed(c, TABLET)));
        assertEquals(1, count("SELECT COUNT(*) FROM e2ee_signed_prekey"));
        assertEquals(Optional.empty(), tx(c -> Prekeys.bundle(c, JEAN, T0)), "no signed prekey, no bundle");
    }

    @Test
    void oneTimePrekeysAreHandedOutOnceLowestIdFirstThenBundlesComeWithoutOne() {
        RelayKeys keys = RelayKeys.create();
        tx(c -> { Prekeys.putSigned(c, TABLET, keys.signedPrekey(1, T0), T0); return null; });
        upload(TABLET, oneTime(5, 2));
        Prekeys.Bundle b1 = tx(c -> Prekeys.bundle(c, TABLET, T0)).orElseThrow();
        Prekeys.Bundle b2 = tx(c -> Prekeys.bundle(c, TABLET, T0)).orElseThrow();
        Prekeys.Bundle b3 = tx(c -> Prekeys.bundle(c, TABLET, T0)).orElseThrow();
        assertEquals(Optional.of(oneTime(5, 1).get(0)), b1.oneTime());
        assertEquals(Optional.of(oneTime(6, 1).get(0)), b2.oneTime());
        assertEquals(Optional.empty(), b3.oneTime());
        assertEquals(keys.signedPrekey(1, T0), b3.signed());
        assertEquals(0, count("SELECT COUNT(*) FROM e2ee_one_time_prekey"), "deleted as handed out");

        Prekeys.State state = tx(c -> Prekeys.state(c, TABLET));
        assertEquals(new Prekeys.State(0, List.of(5L, 6L)), state);
        tx(c -> { Prekeys.reported(c, TABLET, state.handedOut()); return null; });
        assertEquals(new Prekeys.State(0, List.of()), tx(c -> Prekeys.state(c, TABLET)));
    }

    @Test
    void aDeviceHoldsAtMost200OneTimePrekeysAndAnUploadBeyondIsRefusedWhole() {
        upload(JEAN, oneTime(1, 100));
        upload(JEAN, oneTime(101, 99));
        RelayRefusal refused = assertThrows(RelayRefusal.class, () -> upload(JEAN, oneTime(200, 2)));
        assertEquals(ErrorCode.E2EE_PREKEYS_FULL, refused.code());
        assertEquals(199, count("SELECT COUNT(*) FROM e2ee_one_time_prekey"), "nothing of the refused upload");
        upload(JEAN, oneTime(200, 1));
        assertEquals(new Prekeys.State(200, List.of()), tx(c -> Prekeys.state(c, JEAN)));
    }

    @Test
    void aOneTimePrekeyIdHeldOrRepeatedInAnUploadIsRefused() {
        upload(JEAN, oneTime(1, 3));
        assertEquals(ErrorCode.E2EE_PREKEYS_FULL,
                assertThrows(RelayRefusal.class, () -> upload(JEAN, oneTime(3, 2))).code());
        List<OneTimePrekey> twice = List.of(oneTime(9, 1).get(0), oneTime(9, 1).get(0));
        assertEquals(ErrorCode.E2EE_PREKEYS_FULL, assertThrows(RelayRefusal.class, () -> upload(JEAN, twice)).code());
        upload(LEA, oneTime(1, 3)); // ids are the owner's own
        assertEquals(6, count("SELECT COUNT(*) FROM e2ee_one_time_prekey"));
    }

    @Test
    void twoTransactionsTakingTheLastOneTimePrekeyAtOnceGetItOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            upload(TABLET, oneTime(1 + round, 1));
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                List<Future<Optional<OneTimePrekey>>> takes = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    takes.add(two.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return tx(c -> Prekeys.takeOneTime(c, TABLET, T0));
                    }));
                }
                int got = 0;
                for (var f : takes) {
                    got += f.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertEquals(1, got, "round " + round + ": the last one-time prekey is handed out exactly once");
            } finally {
                two.shutdownNow();
            }
        }
        assertEquals(5, tx(c -> Prekeys.state(c, TABLET)).handedOut().size());
    }

    @Test
    void envelopesWaitInArrivalOrderAndAreReadAfterASeq() {
        for (int i = 1; i <= 5; i++) {
            int n = i;
            assertEquals(i, (long) tx(c -> EnvelopeQueue.enqueue(c, TABLET, JEAN, RelayKeys.bytes(100 + n, n),
                    T0.plusSeconds(n))));
        }
        assertEquals(1, (long) tx(c -> EnvelopeQueue.enqueue(c, JEAN, TABLET, RelayKeys.bytes(10, 0), T0)),
                "each recipient counts its own seqs");
        List<EnvelopeQueue.Queued> after2 = tx(c -> EnvelopeQueue.after(c, TABLET, 2, 2));
        assertEquals(List.of(3L, 4L), after2.stream().map(EnvelopeQueue.Queued::seq).toList());
        assertArrayEquals(RelayKeys.bytes(103, 3), after2.get(0).envelope());
        assertEquals(T0.plusSeconds(3).toEpochMilli(), after2.get(0).queuedAt());
    }

    @Test
    void anAcknowledgementDeletesItsEnvelopesAndFreesTheirPlace() {
        for (int i = 1; i <= 3; i++) {
            tx(c -> EnvelopeQueue.enqueue(c, TABLET, JEAN, RelayKeys.bytes(1000, 1), T0));
        }
        assertArrayEquals(new long[] {3, 3000}, tx(c -> EnvelopeQueue.size(c, TABLET)));
        assertEquals(List.of(new EnvelopeQueue.Acknowledged(JEAN, 1), new EnvelopeQueue.Acknowledged(JEAN, 3)),
                tx(c -> EnvelopeQueue.ack(c, TABLET, List.of(1L, 3L, 99L))), "each with its sender, for e2ee_delivered");
        assertEquals(List.of(), tx(c -> EnvelopeQueue.ack(c, JEAN, List.of(2L))), "only one's own queue");
        assertArrayEquals(new long[] {1, 1000}, tx(c -> EnvelopeQueue.size(c, TABLET)));
        assertEquals(List.of(2L), tx(c -> EnvelopeQueue.after(c, TABLET, 0, 30)).stream()
                .map(EnvelopeQueue.Queued::seq).toList());
    }

    @Test
    void aRecipientWithTenThousandEnvelopesWaitingTakesNoMore() {
        byte[] small = RelayKeys.bytes(64, 7);
        tx(c -> {
            for (int i = 0; i < EnvelopeQueue.MAX_ENVELOPES; i++) {
                EnvelopeQueue.enqueue(c, TABLET, JEAN, small, T0);
            }
            return null;
        });
        RelayRefusal full = assertThrows(RelayRefusal.class,
                () -> tx(c -> EnvelopeQueue.enqueue(c, TABLET, JEAN, small, T0)));
        assertEquals(ErrorCode.E2EE_QUEUE_FULL, full.code());
        assertEquals(EnvelopeQueue.MAX_ENVELOPES, count("SELECT COUNT(*) FROM e2ee_queue"));
        tx(c -> EnvelopeQueue.ack(c, TABLET, List.of(1L)));
        assertEquals(10_001L, (long) tx(c -> EnvelopeQueue.enqueue(c, TABLET, JEAN, small, T0)), "a place freed");
    }

    @Test
    void aRecipientWith64MiBWaitingTakesNoMore() {
        byte[] big = RelayKeys.bytes(40 * 1024, 9);
        int fit = (int) (EnvelopeQueue.MAX_BYTES / big.length); // 1,638 envelopes: 64 MiB less 16 KiB
        tx(c -> {
            for (int i = 0; i < fit; i++) {
                EnvelopeQueue.enqueue(c, LEA, JEAN, big, T0);
            }
            return null;
        });
        long left = EnvelopeQueue.MAX_BYTES - (long) fit * big.length;
        assertEquals(ErrorCode.E2EE_QUEUE_FULL, assertThrows(RelayRefusal.class,
                () -> tx(c -> EnvelopeQueue.enqueue(c, LEA, JEAN, RelayKeys.bytes((int) left + 1, 1), T0))).code());
        tx(c -> EnvelopeQueue.enqueue(c, LEA, JEAN, RelayKeys.bytes((int) left, 1), T0));
        assertArrayEquals(new long[] {fit + 1, EnvelopeQueue.MAX_BYTES}, tx(c -> EnvelopeQueue.size(c, LEA)));
    }

    @Test
    void envelopesAndBlobsOlderThanTheCutoffExpireInBatches() {
        for (int i = 0; i < 3; i++) {
            int n = i;
            tx(c -> EnvelopeQueue.enqueue(c, TABLET, JEAN, RelayKeys.bytes(500, n), T0.plus(Duration.ofDays(n))));
        }
        tx(c -> Blobs.put(c, RelayKeys.deviceId(50), 0, 1, chunk(1), JEAN, "p1", T0));
        tx(c -> Blobs.put(c, RelayKeys.deviceId(51), 0, 1, chunk(2), JEAN, "p1", T0.plus(Duration.ofDays(2))));
        Instant cutoff = T0.plus(Duration.ofDays(2));
        assertEquals(new RelayStore.Expired(1, 1, 0), tx(c -> RelayStore.expire(c, cutoff, 1)));
        assertEquals(new RelayStore.Expired(1, 0, 0), tx(c -> RelayStore.expire(c, cutoff, 1)));
        assertEquals(new RelayStore.Expired(0, 0, 0), tx(c -> RelayStore.expire(c, cutoff, 1)));
        assertEquals(List.of(3L), tx(c -> EnvelopeQueue.after(c, TABLET, 0, 30)).stream()
                .map(EnvelopeQueue.Queued::seq).toList());
        assertArrayEquals(new long[] {1, 500}, tx(c -> EnvelopeQueue.size(c, TABLET)), "the sizes follow");
        assertEquals(1, count("SELECT COUNT(*) FROM e2ee_blob_chunk"));
    }

    private static byte[] chunk(int seed) {
        return RelayKeys.bytes(Blobs.CHUNK_BYTES, seed);
    }

    @Test
    void aPhotosChunksAreFetchedByItsCircleOnly() {
        String blob = RelayKeys.deviceId(60);
        assertEquals(Blobs.Put.NEW_BLOB, tx(c -> Blobs.put(c, blob, 1, 2, chunk(1), JEAN, "p1", T0)));
        assertEquals(Blobs.Put.STORED, tx(c -> Blobs.put(c, blob, 0, 2, chunk(0), JEAN, "p1", T0)));
        Blobs.Chunk got = tx(c -> Blobs.get(c, blob, 1, "p1"));
        assertEquals(2, got.count());
        assertArrayEquals(chunk(1), got.data());
        assertEquals(ErrorCode.E2EE_NOT_IN_CIRCLE,
                assertThrows(RelayRefusal.class, () -> tx(c -> Blobs.get(c, blob, 0, "p2"))).code());
        assertEquals(ErrorCode.E2EE_BLOB_UNKNOWN,
                assertThrows(RelayRefusal.class, () -> tx(c -> Blobs.get(c, RelayKeys.deviceId(61), 0, "p1"))).code());
    }

    @Test
    void aStoredChunkNeverChangesAndItsBlobKeepsItsUploaderAndCount() {
        String blob = RelayKeys.deviceId(70);
        tx(c -> Blobs.put(c, blob, 0, 3, chunk(0), JEAN, "p1", T0));
        assertEquals(Blobs.Put.ALREADY_STORED, tx(c -> Blobs.put(c, blob, 0, 3, chunk(0), JEAN, "p1", T0)), "a retry");
        for (var attempt : List.<Runnable>of(
                () -> tx(c -> Blobs.put(c, blob, 0, 3, chunk(9), JEAN, "p1", T0)),
                () -> tx(c -> Blobs.put(c, blob, 1, 3, chunk(1), LEA, "p1", T0)),
                () -> tx(c -> Blobs.put(c, blob, 1, 4, chunk(1), JEAN, "p1", T0)),
                () -> tx(c -> Blobs.put(c, blob, 3, 3, chunk(1), JEAN, "p1", T0)),
                () -> tx(c -> Blobs.put(c, blob, 1, 3, Arrays.copyOf(chunk(1), 100), JEAN, "p1", T0)),
                () -> tx(c -> Blobs.put(c, RelayKeys.deviceId(71), 0, 65, chunk(1), JEAN, "p1", T0)))) {
            assertEquals(ErrorCode.E2EE_BLOB_INVALID, assertThrows(RelayRefusal.class, attempt::run).code());
        }
        assertArrayEquals(chunk(0), tx(c -> Blobs.get(c, blob, 0, "p1")).data());
        assertEquals(1, count("SELECT COUNT(*) FROM e2ee_blob_chunk"));
    }

    @Test
    void aDeviceThatLeftItsCircleLeavesNothingBehind() {
        RelayKeys keys = RelayKeys.create();
        tx(c -> { Prekeys.putSigned(c, JEAN, keys.signedPrekey(1, T0), T0); return null; });
        upload(JEAN, oneTime(1, 3));
        tx(c -> Prekeys.takeOneTime(c, JEAN, T0));
        tx(c -> EnvelopeQueue.enqueue(c, JEAN, TABLET, RelayKeys.bytes(300, 1), T0));
        tx(c -> EnvelopeQueue.enqueue(c, TABLET, JEAN, RelayKeys.bytes(300, 1), T0));
        tx(c -> Blobs.put(c, RelayKeys.deviceId(80), 0, 1, chunk(0), JEAN, "p1", T0));
        tx(c -> { RelayStore.forget(c, JEAN); return null; });
        for (String table : List.of("e2ee_signed_prekey", "e2ee_one_time_prekey", "e2ee_prekey_handed_out",
                "e2ee_blob", "e2ee_blob_chunk")) {
            assertEquals(0, count("SELECT COUNT(*) FROM " + table), table);
        }
        assertEquals(1, count("SELECT COUNT(*) FROM e2ee_queue"), "what Jean sent the tablet stays for it");
        assertArrayEquals(new long[] {0, 0}, tx(c -> EnvelopeQueue.size(c, JEAN)));
    }

    @Test
    void aBlobBelongsToAPatientOfThisDatabase() {
        assertThrows(StorageException.class, () -> tx(c -> Blobs.put(c, RelayKeys.deviceId(90), 0, 1, chunk(0), JEAN,
                "nobody", T0)));
        assertTrue(count("SELECT COUNT(*) FROM e2ee_blob") == 0);
    }

    private int count(String sql) {
        return tx(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
