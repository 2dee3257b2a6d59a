package org.lucarne.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.e2ee.wire.EnvelopeType;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.testing.ManualScheduler;

/**
 * The relay over real sockets (docs/protocol.md, "Messages"): family devices bound through their links, the kiosk on
 * its mutual-TLS listener with its identity, envelopes stored while the tablet is away and delivered in order when
 * it comes back, acknowledgements that delete, the circle's refusals, the bounds and the expiry.
 */
class RelayIT {
    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;
    private TestVisit visit;
    private final TestDevice phone = TestDevice.create();
    private final TestDevice tablet = TestDevice.create();

    @BeforeAll
    static void start() {
        timers = ManualScheduler.startingNow();
        server = TestServer.start(Map.of(), timers);
        sockets = new CallSockets(server, dir.resolve("tablets"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void book() {
        visit = sockets.book(timers.clock(), Duration.ofHours(2));
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    /** The visit's kiosk, its identity published: a member of its patient's circle, attached to the relay. */
    private WsTestClient kioskProven(TestVisit v, TestDevice identity) {
        WsTestClient k = sockets.kiosk(v);
        k.send(identity.identityFrame());
        // The circle after welcome comes first; the one naming this identity says it is published and attached.
        while (!next(k, "e2ee_circle").toString().contains(identity.deviceIdText())) {
            continue;
        }
        return k;
    }

    /** A family page of the visit's invite, bound to {@code device}, attached to the relay. */
    private WsTestClient familyProven(TestVisit v, TestDevice device) {
        WsTestClient page = sockets.hello("family");
        JsonNode bound = sockets.bind(page, v.invite(), device);
        assertEquals("e2ee_bound", bound.get("type").asText(), bound.toString());
        next(page, "e2ee_circle");
        return page;
    }

    /** A normal-message envelope from {@code from} to {@code to}: a clear part and a 256-byte bucket with its tag. */
    static byte[] envelope(TestDevice from, byte[] to, int n) {
        byte[] ratchet = new byte[32];
        ratchet[0] = (byte) n;
        byte[] clear = new EnvelopeHeader(1, 1, EnvelopeType.NORMAL, from.deviceId(), to, null, ratchet, 0, n, 272)
                .encode();
        byte[] out = new byte[clear.length + 272];
        System.arraycopy(clear, 0, out, 0, clear.length);
        out[out.length - 1] = (byte) n;
        return out;
    }

    static String send(byte[] envelope) {
        return "{\"v\":1,\"type\":\"e2ee_send\",\"envelope\":\"" + Base64Url.encode(envelope) + "\"}";
    }

    private static void assertError(String code, JsonNode frame) {
        assertEquals("error", frame.get("type").asText(), frame.toString());
        assertEquals(code, frame.get("code").asText(), frame.toString());
    }

    private int queued(String recipient) {
        return server.server().database().inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT COUNT(*) FROM e2ee_queue WHERE recipient_id = '" + recipient + "'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void aFamilyWritesWhileTheTabletIsAwayAndTheTabletReadsBothInOrderThenTheyAreGone() {
        WsTestClient kiosk = kioskProven(visit, tablet);
        kiosk.abort();
        WsTestClient page = familyProven(visit, phone);
        byte[] first = envelope(phone, tablet.deviceId(), 1);
        byte[] second = envelope(phone, tablet.deviceId(), 2);
        page.send(send(first));
        JsonNode sent1 = next(page, "e2ee_sent");
        page.send(send(second));
        JsonNode sent2 = next(page, "e2ee_sent");
        assertEquals(tablet.deviceIdText(), sent1.get("recipient").asText());
        assertEquals(sent1.get("seq").asLong() + 1, sent2.get("seq").asLong());
        assertEquals(2, queued(tablet.deviceIdText()), "stored durably before e2ee_sent");

        WsTestClient back = kioskProven(visit, tablet);
        JsonNode d1 = next(back, "e2ee_deliver");
        JsonNode d2 = next(back, "e2ee_deliver");
        assertEquals(Base64Url.encode(first), d1.get("envelope").asText());
        assertEquals(Base64Url.encode(second), d2.get("envelope").asText());
        assertEquals(timers.clock().millis(), d1.get("at").asLong());
        back.send("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[" + d1.get("seq").asLong() + "," + d2.get("seq").asLong()
                + "]}");
        back.send("{\"v\":1,\"type\":\"ping\",\"seq\":1}");
        next(back, "pong");
        assertEquals(0, queued(tablet.deviceIdText()), "acknowledged: deleted");
    }

    @Test
    void theSenderHearsDeliveredWhenTheTabletAcknowledgesAndNothingIsKeptForASenderAway() {
        WsTestClient kiosk = kioskProven(visit, tablet);
        WsTestClient page = familyProven(visit, phone);
        page.send(send(envelope(phone, tablet.deviceId(), 1)));
        long seq = next(page, "e2ee_sent").get("seq").asLong();
        JsonNode delivery = next(kiosk, "e2ee_deliver");
        assertEquals(seq, delivery.get("seq").asLong());
        kiosk.send("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[" + seq + "]}");
        JsonNode delivered = next(page, "e2ee_delivered");
        assertEquals(tablet.deviceIdText(), delivered.get("recipient").asText(), "what e2ee_sent named");
        assertEquals(seq, delivered.get("seq").asLong());

        page.send(send(envelope(phone, tablet.deviceId(), 2)));
        long second = next(page, "e2ee_sent").get("seq").asLong();
        next(kiosk, "e2ee_deliver");
        page.abort();
        kiosk.send("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[" + second + "]}");
        kiosk.send("{\"v\":1,\"type\":\"ping\",\"seq\":1}");
        next(kiosk, "pong");
        assertEquals(0, queued(tablet.deviceIdText()), "the queue row is all the server held");
        WsTestClient again = familyProven(visit, phone);
        again.send("{\"v\":1,\"type\":\"ping\",\"seq\":2}");
        JsonNode after = next(again);
        while (!"pong".equals(after.get("type").asText())) {
            assertFalse("e2ee_delivered".equals(after.get("type").asText()), "a sender away is not told later: " + after);
            after = next(again);
        }
    }

    @Test
    void aSocketThatProvedNoDeviceMayNotUseTheRelay() {
        WsTestClient page = sockets.hello("family");
        page.send(send(envelope(phone, tablet.deviceId(), 1)));
        assertError("not_allowed", next(page));
        page.send("{\"v\":1,\"type\":\"e2ee_bundle_get\",\"device\":\"" + tablet.deviceIdText() + "\"}");
        assertError("not_allowed", next(page));
    }

    @Test
    void anEnvelopeOfAnotherSenderOrCutShortIsRefusedWithItsCodeAndNothingIsStored() {
        kioskProven(visit, tablet).abort();
        WsTestClient page = familyProven(visit, phone);
        page.send(send(envelope(TestDevice.create(), tablet.deviceId(), 1)));
        assertError("envelope_malformed", next(page));
        byte[] good = envelope(phone, tablet.deviceId(), 1);
        page.send(send(java.util.Arrays.copyOf(good, 80)));
        assertError("envelope_truncated", next(page));
        byte[] unknownSuite = good.clone();
        unknownSuite[1] = 9;
        page.send(send(unknownSuite));
        assertError("envelope_unsupported", next(page));
        assertEquals(0, queued(tablet.deviceIdText()));
    }

    @Test
    void aDeviceOfAnotherCircleIsRefusedAndAuditedOnceNotForEachEnvelope() {
        AuditRows audit = new AuditRows(server.server().database());
        TestVisit other = sockets.book(timers.clock(), Duration.ofHours(2), "Paul Martin", "Anne Martin");
        TestDevice otherTablet = TestDevice.create();
        kioskProven(other, otherTablet).abort();
        WsTestClient page = familyProven(visit, phone);
        for (int i = 1; i <= 3; i++) {
            page.send(send(envelope(phone, otherTablet.deviceId(), i)));
            assertError("e2ee_not_in_circle", next(page));
        }
        page.send("{\"v\":1,\"type\":\"e2ee_bundle_get\",\"device\":\"" + otherTablet.deviceIdText() + "\"}");
        assertError("e2ee_not_in_circle", next(page));
        assertEquals(0, queued(otherTablet.deviceIdText()));
        List<AuditRows.Row> refused = audit.since("e2ee.relay.refused");
        assertEquals(2, refused.size(), "one entry for the envelopes, one for the bundle: " + refused);
        assertEquals("family:" + visit.contactId(), refused.get(0).actor());
        assertEquals("device:" + otherTablet.deviceIdText(), refused.get(0).target());
    }

    @Test
    void aRecipientWithAFullQueueRefusesTheSenderAndStoresNothing() {
        kioskProven(visit, tablet).abort();
        WsTestClient page = familyProven(visit, phone);
        byte[] small = envelope(phone, tablet.deviceId(), 0);
        server.server().database().inTransaction(c -> {
            for (int i = 0; i < EnvelopeQueue.MAX_ENVELOPES; i++) {
                EnvelopeQueue.enqueue(c, tablet.deviceIdText(), phone.deviceIdText(), small, timers.clock().instant());
            }
            return null;
        });
        page.send(send(envelope(phone, tablet.deviceId(), 1)));
        assertError("e2ee_queue_full", next(page));
        assertEquals(EnvelopeQueue.MAX_ENVELOPES, queued(tablet.deviceIdText()));
    }

    @Test
    void envelopesNeverReadGoWithTheRetentionPurgeAfterTheQueuesDays() {
        kioskProven(visit, tablet).abort();
        WsTestClient page = familyProven(visit, phone);
        page.send(send(envelope(phone, tablet.deviceId(), 1)));
        next(page, "e2ee_sent");
        var s = server.server();
        java.time.Clock later = java.time.Clock.offset(timers.clock(), Duration.ofDays(30).plusMinutes(1));
        var purged = new org.lucarne.signaling.retention.Retention(s.config().retention(), s.config().e2ee().queueFor(),
                s.database(), s.personalData(), s.audit(), later, Runnable::run).run();
        assertTrue(purged.envelopes() >= 1, purged.words());
        assertEquals(0, queued(tablet.deviceIdText()));
    }

    @Test
    void aBundleHandsOutAOneTimePrekeyOnceAndTellsItsOwner() {
        WsTestClient kiosk = kioskProven(visit, tablet);
        byte[] spk = new byte[32];
        spk[0] = 7;
        long created = timers.clock().millis();
        byte[] sig = tablet.sign(SignedPrekey.signedBytes(tablet.deviceId(), 1, created, spk));
        String signed = Base64Url.encode(new SignedPrekey(1, created, spk, sig).encode());
        String opk = Base64Url.encode(new OneTimePrekey(5, new byte[32]).encode());
        kiosk.send("{\"v\":1,\"type\":\"e2ee_prekeys\",\"signedPrekey\":\"" + signed + "\",\"oneTime\":[\"" + opk
                + "\"]}");
        JsonNode state = next(kiosk, "e2ee_prekeys_state");
        assertEquals(1, state.get("oneTimeLeft").asInt());

        WsTestClient page = familyProven(visit, phone);
        String get = "{\"v\":1,\"type\":\"e2ee_bundle_get\",\"device\":\"" + tablet.deviceIdText() + "\"}";
        page.send(get);
        JsonNode bundle = next(page, "e2ee_bundle");
        assertEquals(tablet.recordText(), bundle.get("identity").asText());
        assertEquals(signed, bundle.get("signedPrekey").asText());
        assertEquals(opk, bundle.get("oneTime").asText());
        JsonNode told = next(kiosk, "e2ee_prekeys_state");
        assertEquals(0, told.get("oneTimeLeft").asInt());
        assertEquals(5, told.get("handedOut").get(0).asLong());
        page.send(get);
        assertFalse(next(page, "e2ee_bundle").has("oneTime"), "handed out once");

        byte[] forged = new SignedPrekey(2, created, spk, phone.sign(SignedPrekey.signedBytes(tablet.deviceId(), 2,
                created, spk))).encode();
        kiosk.send("{\"v\":1,\"type\":\"e2ee_prekeys\",\"signedPrekey\":\"" + Base64Url.encode(forged)
                + "\",\"oneTime\":[]}");
        assertError("e2ee_prekey_invalid", nextError(kiosk));
    }

    @Test
    void aPhotosChunksReachTheTabletAndNoOtherCircle() {
        WsTestClient kiosk = kioskProven(visit, tablet);
        WsTestClient page = familyProven(visit, phone);
        String blob = Base64Url.encode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        String[] data = new String[2];
        for (int i = 0; i < 2; i++) {
            byte[] chunk = new byte[Blobs.CHUNK_BYTES];
            chunk[0] = (byte) (i + 1);
            data[i] = Base64Url.encode(chunk);
            page.send("{\"v\":1,\"type\":\"e2ee_blob_put\",\"blob\":\"" + blob + "\",\"index\":" + i
                    + ",\"count\":2,\"data\":\"" + data[i] + "\"}");
            assertEquals(i, next(page, "e2ee_blob_stored").get("index").asInt());
        }
        kiosk.send("{\"v\":1,\"type\":\"e2ee_blob_get\",\"blob\":\"" + blob + "\",\"index\":1}");
        JsonNode chunk = next(kiosk, "e2ee_blob_chunk");
        assertEquals(2, chunk.get("count").asInt());
        assertEquals(data[1], chunk.get("data").asText());

        TestVisit other = sockets.book(timers.clock(), Duration.ofHours(2), "Paul Martin", "Anne Martin");
        WsTestClient stranger = familyProven(other, TestDevice.create());
        stranger.send("{\"v\":1,\"type\":\"e2ee_blob_get\",\"blob\":\"" + blob + "\",\"index\":0}");
        assertError("e2ee_not_in_circle", nextError(stranger));
    }

    @Test
    void theKioskGetsTheValueOfEachLiveInvitesLinkSecretAndNeverTheSecret() {
        keepLink(visit);
        WsTestClient kiosk = sockets.kiosk(visit);
        kiosk.send(tablet.identityFrame());
        JsonNode link = next(kiosk, "e2ee_link_secret");
        assertEquals(visit.inviteHash(), link.get("invite").asText());
        assertEquals(visit.contactId(), link.get("contact").asText());
        assertEquals("lYS4ltHZQUVPfr3NzUBmh_zkMmvhLkj9t3QZrEZnsaU", link.get("psk").asText(), "x3dh.json's psk");
        assertEquals(visit.endsAt().toEpochMilli(), link.get("until").asLong());
    }

    @Test
    void anEnvelopeToAConnectedDeviceIsPushedAtOnceAndADeviceThatLeavesItsCircleIsForgotten() throws Exception {
        WsTestClient kiosk = kioskProven(visit, tablet);
        WsTestClient page = familyProven(visit, phone);
        page.send("{\"v\":1,\"type\":\"e2ee_prekeys\",\"oneTime\":[\""
                + Base64Url.encode(new OneTimePrekey(1, new byte[32]).encode()) + "\"]}");
        next(page, "e2ee_prekeys_state");
        byte[] first = envelope(tablet, phone.deviceId(), 1);
        kiosk.send(send(first));
        next(kiosk, "e2ee_sent");
        assertEquals(Base64Url.encode(first), next(page, "e2ee_deliver").get("envelope").asText(), "pushed at once");

        new org.lucarne.signaling.invite.Invites(server.server().database(), timers.clock())
                .revokeByHash(visit.inviteHash()); // Jean's only invite: the phone leaves the circle
        timers.advance(org.lucarne.signaling.circle.CircleFeed.WATCH_INTERVAL);
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (rows(phone.deviceIdText()) > 0 && System.nanoTime() < until) {
            Thread.sleep(20); // a poll of the database, bounded above
        }
        assertEquals(0, rows(phone.deviceIdText()), "its queue and prekeys are deleted");
        kiosk.send(send(envelope(tablet, phone.deviceId(), 2)));
        assertError("e2ee_not_in_circle", nextError(kiosk));
    }

    /** What the relay holds of a device: queued envelopes and one-time prekeys. */
    private int rows(String device) {
        return server.server().database().inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT (SELECT COUNT(*) FROM e2ee_queue WHERE recipient_id = '" + device + "')"
                            + " + (SELECT COUNT(*) FROM e2ee_one_time_prekey WHERE device_id = '" + device + "')")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void theSameEnvelopeSentTwiceIsStoredTwiceForTheRatchetToRefuse() {
        kioskProven(visit, tablet).abort();
        WsTestClient page = familyProven(visit, phone);
        byte[] same = envelope(phone, tablet.deviceId(), 1);
        page.send(send(same));
        long first = next(page, "e2ee_sent").get("seq").asLong();
        page.send(send(same));
        assertEquals(first + 1, next(page, "e2ee_sent").get("seq").asLong(), "docs/protocol.md, \"Replays\"");
        assertEquals(2, queued(tablet.deviceIdText()));
    }

    @Test
    void aKioskConnectedWhenAnInviteIsBookedGetsItsValueAtTheWardsChange() {
        WsTestClient kiosk = kioskProven(visit, tablet);
        keepLink(visit); // as notify keeps it in the booking's transaction
        server.server().staff().wardFeed().changed(visit.wardId()); // as booking tells after its commit
        // The feed tells a ward at most once a second, and the kiosk coming online was this second's push.
        timers.advance(Duration.ofSeconds(1));
        JsonNode link = next(kiosk, "e2ee_link_secret");
        assertEquals(visit.inviteHash(), link.get("invite").asText());
        assertEquals("lYS4ltHZQUVPfr3NzUBmh_zkMmvhLkj9t3QZrEZnsaU", link.get("psk").asText());
    }

    /** The visit's link kept sealed as notify keeps it, with x3dh.json's secret. */
    private void keepLink(TestVisit v) {
        String secret = "C22loiuD3fEPoOe3TTQ8McpCLmA_DjUFnoUNKRkO-8U";
        var s = server.server();
        s.database().inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO invite_link (invite_id_hash, link) VALUES (?, ?)")) {
                ps.setString(1, v.inviteHash());
                ps.setString(2, s.personalData().seal(org.lucarne.signaling.personal.SealedColumns.INVITE_LINK,
                        v.inviteHash(), s.origin() + "/v/" + v.invite() + "#" + secret));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The next error frame, skipping others, within 5 s each. */
    private static JsonNode nextError(WsTestClient c) {
        for (int i = 0; i < 20; i++) {
            JsonNode n = next(c);
            if ("error".equals(n.get("type").asText())) {
                return n;
            }
        }
        throw new AssertionError("no error frame");
    }
}
