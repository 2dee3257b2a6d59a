package org.lucarne.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Colibri2Codec;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.ConferenceModify;
import org.lucarne.bridge.colibri.Endpoint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.Media;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.PayloadType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.Sources;
import org.lucarne.bridge.colibri.Transport;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.testing.PeerPacket;
import org.lucarne.bridge.testing.PlainPackets;
import org.lucarne.bridge.testing.SyntheticPeer;

/**
 * Two synthetic peers (real ICE, DTLS and SRTP, no browser) in one conference, set up through the
 * Colibri2 HTTP API only, as a focus would: media goes from one to the other through the bridge,
 * and an ICE restart asked for in a PATCH gives the peer new bridge credentials to reconnect to.
 */
class TwoPeerCallIT {
    private static final String CONFERENCES = "/colibri/v2/conferences";
    private static final int OPUS = 111;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Colibri2Codec codec = new Colibri2Codec();
    private MediaBridge bridge;
    private BridgeHttp http;
    private SyntheticPeer alice;
    private SyntheticPeer bob;
    private int sequence = 100;

    @BeforeEach
    void start() throws Exception {
        bridge = MediaBridge.create(BridgeConfig.loopbackForTests(), Clock.systemUTC()).start();
        http = new BridgeHttp(bridge.httpUri());
        alice = SyntheticPeer.create();
        bob = SyntheticPeer.create();
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        bridge.close();
    }

    @Test
    void audioFromOnePeerReachesTheOtherThroughTheBridge() throws Exception {
        join("m1", "alice", alice, 1111L, true);
        join("m1", "bob", bob, 2222L, false);

        byte[] payload = "hello from alice".getBytes(StandardCharsets.UTF_8);
        PeerPacket got = sendUntilReceived(alice, bob, 1111L, payload);
        RtpPacket rtp = RtpPacket.parse(got.plain(), 0, got.plain().length);
        assertEquals(1111L, rtp.ssrc());
        assertEquals(OPUS, rtp.payloadType());
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(got.plain(), rtp.payloadOffset(),
                rtp.payloadOffset() + rtp.payloadLength()));
        assertFalse(anyRtpFrom(alice, 1111L), "a sender does not get its own media back");
    }

    @Test
    void iceRestartThroughAPatchGivesNewCredentialsAndMediaFlowsAgain() throws Exception {
        IceUdpTransport first = join("m2", "alice", alice, 1111L, true);
        join("m2", "bob", bob, 2222L, false);
        sendUntilReceived(alice, bob, 1111L, new byte[] {1});

        alice.restartIce();
        ConferenceModified answer = patch("m2", new Endpoint("alice", false, false, List.of(),
                new Transport(false, false, alice.description()), null, List.of()));
        IceUdpTransport restarted = answer.endpoints().get(0).transport().iceUdp();
        assertNotNull(restarted, "an ICE restart answers with the bridge's new transport");
        assertNotEquals(first.ufrag(), restarted.ufrag());
        alice.connectTo(restarted);
        sendUntilReceived(alice, bob, 1111L, new byte[] {2});

        ConferenceModified plain = patch("m2", new Endpoint("alice", false, false, List.of(),
                new Transport(false, false, alice.description()), null, List.of()));
        assertNull(plain.endpoints().get(0).transport(), "the same ufrag again changes nothing");
    }

    @Test
    void oversizedRtcpIsDroppedWithAReasonAndTheCallGoesOn() throws Exception {
        join("m3", "alice", alice, 1111L, true);
        join("m3", "bob", bob, 2222L, false);
        sendUntilReceived(alice, bob, 1111L, new byte[] {1});
        long authFailuresBefore = srtcpAuthFailures();

        // A receiver report padded with an APP packet to 6,000 bytes: beyond any MTU and any
        // compound a browser sends (RFC 3550 §6.7 allows APP of any size).
        int appWords = (6000 - 8) / 4;
        java.nio.ByteBuffer rtcp = java.nio.ByteBuffer.allocate(8 + 4 * (appWords + 1));
        rtcp.put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt(1111);
        rtcp.put((byte) 0x80).put((byte) 204).putShort((short) (appWords - 1)).putInt(1111).put("LUCA".getBytes(
                StandardCharsets.US_ASCII));
        alice.sendOversizedRtcp(java.util.Arrays.copyOf(rtcp.array(), 8 + 4 * appWords));

        sendUntilReceived(alice, bob, 1111L, new byte[] {2});
        // The port reads at most 1,472 bytes (an MTU's worth): the rest is cut off, and the cut
        // SRTCP fails its authentication.
        assertEquals(authFailuresBefore + 1, srtcpAuthFailures(), http.get("/colibri/stats").body());
    }

    private long srtcpAuthFailures() {
        return http.get("/colibri/stats").json().path("dropped").path("srtp_auth_failed").asLong();
    }

    /** Creates the endpoint (and the conference when asked), connects the peer and announces its SSRC. */
    private IceUdpTransport join(String meetingId, String id, SyntheticPeer peer, long ssrc, boolean createConference)
            throws Exception {
        Media audio = new Media(MediaType.AUDIO, List.of(new PayloadType(OPUS, "opus", 48000, 2, Map.of(), List.of())),
                List.of(), false);
        Endpoint create = new Endpoint(id, true, false, List.of(audio), new Transport(true, false, null), null,
                List.of());
        String body = codec.encodeRequest(new ConferenceModify(createConference ? meetingId : null, null,
                createConference, false, List.of(create)));
        BridgeHttp.Answer a = createConference ? http.post(CONFERENCES, body) : http.patch(CONFERENCES + "/" + meetingId, body);
        assertEquals(200, a.status(), a.body());
        IceUdpTransport bridgeSide = codec.decodeResponse(a.body()).endpoints().get(0).transport().iceUdp();

        Sources sources = new Sources(List.of(new MediaSource(MediaType.AUDIO, id + "-a0", List.of(Source.of(ssrc)),
                List.of())));
        patch(meetingId, new Endpoint(id, false, false, List.of(), new Transport(false, false, peer.description()),
                sources, List.of()));
        peer.connectTo(bridgeSide);
        return bridgeSide;
    }

    private ConferenceModified patch(String meetingId, Endpoint endpoint) throws Exception {
        BridgeHttp.Answer a = http.patch(CONFERENCES + "/" + meetingId,
                codec.encodeRequest(new ConferenceModify(null, null, false, false, List.of(endpoint))));
        assertEquals(200, a.status(), a.body());
        return codec.decodeResponse(a.body());
    }

    /**
     * Sends packets until one arrives: the bridge forwards only once both transports are connected
     * on its side, which may be a moment after the peers' own handshakes returned.
     */
    private PeerPacket sendUntilReceived(SyntheticPeer from, SyntheticPeer to, long ssrc, byte[] payload)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            // One sequence for the whole test, as a browser keeps its numbering across an ICE restart:
            // the bridge never protects one SRTP index twice towards a receiver.
            from.sendRtp(PlainPackets.rtp(OPUS, sequence, sequence * 960L, ssrc, payload));
            sequence++;
            PeerPacket p;
            while ((p = to.poll(Duration.ofMillis(100))) != null) {
                if (!p.rtcp()) {
                    return p;
                }
            }
        }
        throw new AssertionError("no RTP reached the other peer within " + WAIT + "; bridge stats: "
                + http.get("/colibri/stats").body());
    }

    private static boolean anyRtpFrom(SyntheticPeer peer, long ssrc) throws Exception {
        PeerPacket p;
        while ((p = peer.poll(Duration.ofMillis(300))) != null) {
            if (!p.rtcp() && RtpPacket.parse(p.plain(), 0, p.plain().length).ssrc() == ssrc) {
                return true;
            }
        }
        return false;
    }
}
