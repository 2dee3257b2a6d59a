package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpTest {
    private static final String FP = "sha-256 4F:47:44:4D:CE:EE:40:81:2D:DC:1F:F6:B0:C1:EC:91:DA:1B:FC:8B:9C:DD:D9:C9:59:"
            + "B0:A2:11:DA:F2:79:3F";

    /** The transport part of an answer Janus 1.1.2 gave on this machine (two m-lines, IPv6 candidates too). */
    private static final String JANUS_ANSWER = "v=0\r\no=- 1 1 IN IP4 192.0.2.2\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0 1\r\na=ice-options:trickle\r\na=fingerprint:" + FP + "\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 192.0.2.2\r\na=sendrecv\r\na=mid:0\r\na=rtcp-mux\r\n"
            + "a=ice-ufrag:sGEZ\r\na=ice-pwd:6X/0cGddZdA+QRb7CgW3VY\r\na=setup:active\r\n"
            + "a=rtpmap:111 opus/48000/2\r\na=candidate:2 1 udp 2015363583 fd00::2 35655 typ host\r\n"
            + "a=candidate:1 1 udp 2015363327 192.0.2.2 38287 typ host\r\na=end-of-candidates\r\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 100\r\na=mid:1\r\na=ice-ufrag:sGEZ\r\n";

    @Test
    void answerGivesIceCredentialsFingerprintSetupAndTheIpv4HostCandidate() {
        RemoteDescription r = Sdp.parseAnswer(JANUS_ANSWER);
        assertEquals("sGEZ", r.ufrag());
        assertEquals("6X/0cGddZdA+QRb7CgW3VY", r.pwd());
        assertEquals(FP, r.fingerprint().toSdp());
        assertEquals("active", r.setup());
        assertEquals(new InetSocketAddress("192.0.2.2", 38287), r.candidate());
    }

    @Test
    void answerWithoutAnIpv4CandidateIsRefusedNamingIt() {
        String noV4 = JANUS_ANSWER.replace("a=candidate:1 1 udp 2015363327 192.0.2.2 38287 typ host\r\n", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sdp.parseAnswer(noV4));
        assertEquals("the SDP answer has no IPv4 UDP a=candidate", e.getMessage());
    }

    @Test
    void answerWithoutPasswordIsRefusedNamingIt() {
        String noPwd = JANUS_ANSWER.replace("a=ice-pwd:6X/0cGddZdA+QRb7CgW3VY\r\n", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sdp.parseAnswer(noPwd));
        assertEquals("the SDP answer has no a=ice-pwd", e.getMessage());
    }

    @Test
    void offerAnnouncesBothStreamsOnTheBundledTransportAndReadsBackAsItsOwnDescription() {
        LocalDescription local = new LocalDescription("abcd1234", "0123456789abcdef01234567", FP, "actpass",
                new InetSocketAddress("127.0.0.1", 50000), 1111, List.of(2222L));
        String offer = Sdp.offer(local, 7);

        assertTrue(offer.contains("a=group:BUNDLE 0 1\r\n"), offer);
        assertTrue(offer.contains("a=rtpmap:111 opus/48000/2\r\n") && offer.contains("a=rtpmap:100 VP8/90000\r\n"), offer);
        assertTrue(offer.contains("a=ssrc:1111 cname:bench\r\n") && offer.contains("a=ssrc:2222 cname:bench\r\n"), offer);
        RemoteDescription self = Sdp.parseAnswer(offer);
        assertEquals("abcd1234", self.ufrag());
        assertEquals("actpass", self.setup());
        assertEquals(local.candidate(), self.candidate());
        assertFalse(offer.contains("ssrc-group"), offer);
    }

    @Test
    void simulcastOfferGroupsTheLayersLowToHighInTheVideoSectionOnly() {
        LocalDescription local = new LocalDescription("abcd1234", "0123456789abcdef01234567", FP, "actpass",
                new InetSocketAddress("127.0.0.1", 50000), 1111, List.of(21L, 22L, 23L));
        String offer = Sdp.offer(local, 7);
        String video = offer.substring(offer.indexOf("m=video"));

        assertTrue(video.contains("a=ssrc-group:SIM 21 22 23\r\n"), offer);
        for (long ssrc : List.of(21L, 22L, 23L)) {
            assertTrue(video.contains("a=ssrc:" + ssrc + " cname:bench\r\n"), offer);
        }
        assertFalse(offer.substring(0, offer.indexOf("m=video")).contains("ssrc-group"), offer);
        // RFC 5576 §4.2: the group comes before the a=ssrc lines it names, as Chromium writes it.
        assertTrue(video.indexOf("a=ssrc-group:SIM") < video.indexOf("a=ssrc:21 "), offer);
        assertEquals(local.candidate(), Sdp.parseAnswer(offer).candidate());
    }

    @Test
    void moreThanThreeLayersAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LocalDescription("u", "p",
                FP, "actpass", new InetSocketAddress("127.0.0.1", 1), 1, List.of(1L, 2L, 3L, 4L)));
        assertEquals("one video SSRC, or two or three simulcast layers, not [1, 2, 3, 4]", e.getMessage());
    }
}
