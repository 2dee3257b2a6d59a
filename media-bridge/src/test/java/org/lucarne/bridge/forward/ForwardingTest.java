package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.RtpPacket;

/** RTP from one endpoint reaches every other connected endpoint, decryptable and unchanged. */
class ForwardingTest {
    private final TestConference conf = new TestConference();

    @Test
    void rtpFromAReachesBAndCButNotA() {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        Peer c = conf.connectedPeer("c", 5555, 6666);
        byte[] sent = Packets.rtp(111, 7, 960, 1111, 40);
        ForwardingStats.Snapshot before = conf.stats.snapshot();

        a.sendRtp(sent);

        for (Peer receiver : List.of(b, c)) {
            List<RtpPacket> got = receiver.rtp();
            assertEquals(1, got.size(), receiver.id);
            assertArrayEquals(sent, bytes(got.get(0)), "forwarded unchanged to " + receiver.id);
        }
        assertTrue(a.rtp().isEmpty(), "nothing back to the sender");
        ForwardingStats.Snapshot after = conf.stats.snapshot();
        assertEquals(1, after.packetsIn() - before.packetsIn());
        // Two RTP packets, and the bridge's first receiver report to a.
        assertEquals(3, after.packetsOut() - before.packetsOut());
        assertEquals(1, a.rtcp(org.lucarne.bridge.rtp.RtcpPacket.RR, -1).size());
    }

    @Test
    void rtxFromAnFidGroupIsForwarded() {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);

        a.sendRtp(Packets.rtp(97, 1, 3000, 2223, 30));

        assertEquals(1, b.rtp().size());
        assertEquals(2223, b.rtp().get(0).ssrc());
    }

    @Test
    void endpointNotYetConnectedGetsNothingAndOthersStillDo() {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        Peer late = new Peer(conf.router, "late", 99);

        a.sendRtp(Packets.rtp(111, 1, 960, 1111, 20));

        assertEquals(1, b.rtp().size());
        assertEquals(0, late.datagramsReceived());
    }

    @Test
    void unannouncedSsrcIsDroppedAndCounted() {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);

        a.sendRtp(Packets.rtp(111, 1, 960, 9999, 20));

        assertTrue(b.rtp().isEmpty());
        assertEquals(1, conf.stats.snapshot().dropped(ForwardingStats.UNKNOWN_SSRC));
    }

    @Test
    void replayedSrtpIsDroppedAndCountedByStatus() {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        byte[] wire = a.sendRtp(Packets.rtp(111, 1, 960, 1111, 20));

        a.deliver(wire);

        assertEquals(1, b.rtp().size());
        assertEquals(1, conf.stats.snapshot().dropped("srtp_replayed"));
    }

    @Test
    void tamperedSrtpIsDroppedAsAuthenticationFailure() {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        byte[] plain = Packets.rtp(111, 1, 960, 1111, 20);
        byte[] wire = a.sendRtp(plain);
        b.clear();
        byte[] tampered = wire.clone();
        tampered[2] ^= 0x01; // a different sequence number: the tag no longer matches
        tampered[20] ^= 0x55;

        a.deliver(tampered);

        assertTrue(b.rtp().isEmpty());
        assertEquals(1, conf.stats.snapshot().dropped("srtp_auth_failed"));
    }

    @Test
    void packetsBeforeKeysAreCountedNotConnected() {
        Peer early = new Peer(conf.router, "early", 5);
        early.endpoint.setSources(TestConference.sources("early", 1, 2));

        early.deliver(Packets.rtp(111, 1, 960, 1, 20));

        assertEquals(1, conf.stats.snapshot().dropped(ForwardingStats.NOT_CONNECTED));
    }

    @Test
    void malformedRtpInsideValidSrtpIsCountedByReason() {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        byte[] plain = Packets.rtp(111, 1, 960, 1111, 20);
        plain[0] = (byte) 0xA0; // says it is padded, but its last byte counts no padding
        plain[plain.length - 1] = 0;

        a.sendRtp(plain);

        assertTrue(b.rtp().isEmpty());
        assertEquals(1, conf.stats.snapshot().dropped("malformed_bad_padding"));
    }

    @Test
    void garbageThatIsNotRtpOrRtcpIsCounted() {
        Peer a = conf.connectedPeer("a", 1111, 2222);

        a.deliver(new byte[] {(byte) 0x80});

        assertEquals(1, conf.stats.snapshot().dropped(ForwardingStats.NOT_RTP));
    }

    @Test
    void lastActivityMovesWithEveryDatagram() {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        var before = a.endpoint.lastActivity();
        conf.clock.advanceMillis(5_000);

        a.deliver(new byte[] {1, 2, 3});

        assertEquals(before.plusMillis(5_000), a.endpoint.lastActivity());
    }

    static byte[] bytes(RtpPacket p) {
        return Arrays.copyOfRange(p.buffer(), p.offset(), p.offset() + p.length());
    }
}
