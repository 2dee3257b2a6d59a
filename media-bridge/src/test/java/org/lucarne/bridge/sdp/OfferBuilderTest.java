package org.lucarne.bridge.sdp;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.bridge.sdp.SdpFixtures.BRIDGE;
import static org.lucarne.bridge.sdp.SdpFixtures.FINGERPRINT;
import static org.lucarne.bridge.sdp.SdpFixtures.all;
import static org.lucarne.bridge.sdp.SdpFixtures.remote;

/** The offers written for an endpoint: one BUNDLE transport, the call's codecs everywhere, one m-section per remote source. */
class OfferBuilderTest {
    private static final OfferLayout TWO_REMOTES = OfferLayout.initial().next(all(remote("b", 100), remote("c", 200)));

    @Test
    void bundlesEveryMidOnTheBridgesOneTransport() {
        String sdp = OfferBuilder.offer(5, 1, BRIDGE, TWO_REMOTES);

        assertTrue(sdp.startsWith("v=0\r\no=- 5 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1 2 3 4 5\r\n"), sdp);
        List<List<String>> sections = SdpText.sections(sdp);
        assertEquals(6, sections.size());
        for (List<String> s : sections) {
            assertTrue(s.contains("a=ice-ufrag:7mq2c0fhb3k9sd"), s::toString);
            assertTrue(s.contains("a=ice-pwd:2vn8d61kq0t4hpl3m9rbc5g7ja"), s::toString);
            assertTrue(s.contains("a=fingerprint:sha-256 " + FINGERPRINT), s::toString);
            assertTrue(s.contains("a=setup:actpass"), s::toString);
            assertTrue(s.contains("a=rtcp-mux"), s::toString);
            assertTrue(s.contains("a=candidate:1 1 udp 2130706431 10.20.0.7 10000 typ host generation 0"), s::toString);
            assertTrue(s.contains("a=candidate:2 1 udp 1694498815 198.51.100.23 10000 typ srflx raddr 10.20.0.7 rport 10000"
                    + " generation 0"), s::toString);
            assertEquals("a=end-of-candidates", s.get(s.size() - 1));
        }
    }

    @Test
    void everyAudioSectionHasOpusAndTheSameExtensionIdsWithTransportCc() {
        for (List<String> s : SdpText.sections(OfferBuilder.offer(5, 1, BRIDGE, TWO_REMOTES))) {
            if (s.get(0).startsWith("m=audio")) {
                assertEquals("m=audio 9 UDP/TLS/RTP/SAVPF 111", s.get(0));
                assertTrue(s.containsAll(List.of("a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
                        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                        "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
                        "a=extmap:4 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                        "a=rtcp-fb:111 transport-cc")), s::toString);
            }
        }
    }

    @Test
    void everyVideoSectionHasVp8WithRtxAndItsFeedbackAndTheSameExtensionIds() {
        for (List<String> s : SdpText.sections(OfferBuilder.offer(5, 1, BRIDGE, TWO_REMOTES))) {
            if (s.get(0).startsWith("m=video")) {
                assertEquals("m=video 9 UDP/TLS/RTP/SAVPF 100 96", s.get(0));
                assertTrue(s.containsAll(List.of("a=rtpmap:100 VP8/90000", "a=rtcp-fb:100 nack", "a=rtcp-fb:100 nack pli",
                        "a=rtcp-fb:100 ccm fir", "a=rtcp-fb:100 goog-remb", "a=rtcp-fb:100 transport-cc",
                        "a=rtpmap:96 rtx/90000", "a=fmtp:96 apt=100",
                        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                        "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
                        "a=extmap:4 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01")), s::toString);
            }
        }
    }

    @Test
    void theEndpointsOwnMidsReceiveAndRemoteMidsSend() {
        String sdp = OfferBuilder.offer(5, 1, BRIDGE, TWO_REMOTES);

        assertEquals(Map.of("0", "recvonly", "1", "recvonly", "2", "sendonly", "3", "sendonly", "4", "sendonly",
                "5", "sendonly"), SdpText.directions(sdp));
    }

    @Test
    void freedMidsStayInTheBundleAsInactiveWithoutSources() {
        String sdp = OfferBuilder.offer(5, 3, BRIDGE, TWO_REMOTES.next(remote("c", 200)));

        assertEquals(Map.of("0", "recvonly", "1", "recvonly", "2", "inactive", "3", "inactive", "4", "sendonly",
                "5", "sendonly"), SdpText.directions(sdp));
        assertTrue(sdp.contains("a=group:BUNDLE 0 1 2 3 4 5\r\n"), sdp);
        assertTrue(SdpText.sections(sdp).get(2).stream().noneMatch(l -> l.startsWith("a=ssrc") || l.startsWith("a=msid")));
    }

    @Test
    void remoteSourcesCarryTheirSsrcsFidGroupAndAnMsidNamingTheEndpoint() {
        List<List<String>> sections = SdpText.sections(OfferBuilder.offer(5, 1, BRIDGE, OfferLayout.initial().next(remote("b", 100))));

        assertTrue(sections.get(2).containsAll(List.of("a=msid:b b-a0", "a=ssrc:100 cname:b", "a=ssrc:100 msid:b b-a0")));
        assertTrue(sections.get(3).containsAll(List.of("a=msid:b b-v0", "a=ssrc-group:FID 101 102",
                "a=ssrc:101 cname:b", "a=ssrc:101 msid:b b-v0", "a=ssrc:102 cname:b", "a=ssrc:102 msid:b b-v0")));
        assertTrue(sections.get(0).stream().noneMatch(l -> l.startsWith("a=ssrc")), "the own mids carry no remote SSRC");
    }

    @Test
    void aSourcesOwnMsidIsKept() {
        MediaSource audio = new MediaSource(MediaType.AUDIO, "b-a0",
                List.of(new Source(100, "b-a0", null, null, Map.of("msid", "stream-b track-b"))), List.of());
        OfferLayout layout = OfferLayout.initial().next(List.of(new RemoteSource("b", audio)));

        assertTrue(SdpText.sections(OfferBuilder.offer(5, 1, BRIDGE, layout)).get(2).contains("a=msid:stream-b track-b"));
    }

    @Test
    void newBridgeCredentialsGoIntoEveryMSection() {
        IceUdpTransport restarted = new IceUdpTransport("r3st4rt", "an0therpassw0rdof26chars", true, BRIDGE.fingerprints(),
                BRIDGE.candidates());

        for (List<String> s : SdpText.sections(OfferBuilder.offer(5, 2, restarted, TWO_REMOTES))) {
            assertTrue(s.containsAll(List.of("a=ice-ufrag:r3st4rt", "a=ice-pwd:an0therpassw0rdof26chars")), s::toString);
        }
    }

    @Test
    void tcpCandidatesOfTheBridgeAreLeftOut() {
        Candidate tcp = new Candidate(1, "3", 0, null, "10.20.0.7", 0, 4443, 1518280447L, Candidate.Protocol.TCP,
                Candidate.Type.HOST, null, null);
        IceUdpTransport withTcp = new IceUdpTransport(BRIDGE.ufrag(), BRIDGE.pwd(), true, BRIDGE.fingerprints(),
                List.of(BRIDGE.candidates().get(0), tcp));

        assertTrue(OfferBuilder.offer(5, 1, withTcp, OfferLayout.initial()).lines().noneMatch(l -> l.contains(" tcp ")));
    }

    @Test
    void aPassiveTcpCandidateOfTheBridgeIsOfferedWithItsTcptype() {
        Candidate tcp = new Candidate(1, "3", 0, null, "10.20.0.7", 0, 4443, 1518280447L, Candidate.Protocol.TCP,
                Candidate.Type.HOST, null, null, Candidate.TcpType.PASSIVE);
        IceUdpTransport withTcp = new IceUdpTransport(BRIDGE.ufrag(), BRIDGE.pwd(), true, BRIDGE.fingerprints(),
                List.of(BRIDGE.candidates().get(0), tcp));

        assertTrue(OfferBuilder.offer(5, 1, withTcp, OfferLayout.initial()).lines()
                .anyMatch(l -> l.equals("a=candidate:3 1 tcp 1518280447 10.20.0.7 4443 typ host tcptype passive generation 0")));
    }

    @Test
    void refusesABridgeTransportWithoutFingerprint() {
        assertRefused(new IceUdpTransport("7mq2", BRIDGE.pwd(), true, List.of(), BRIDGE.candidates()),
                "the bridge's transport.transport.fingerprints is empty: DTLS cannot be verified");
    }

    @Test
    void refusesABridgeTransportWithoutUdpCandidates() {
        assertRefused(new IceUdpTransport("7mq2", BRIDGE.pwd(), true, BRIDGE.fingerprints(), List.of()),
                "the bridge's transport.transport.candidates has no UDP or passive TCP candidate: the browser cannot reach the bridge");
    }

    @Test
    void refusesABridgeTransportWithoutIcePassword() {
        assertRefused(new IceUdpTransport("7mq2", null, true, BRIDGE.fingerprints(), BRIDGE.candidates()),
                "the bridge's transport.transport.pwd is missing");
    }

    @Test
    void refusesABridgeUfragThatWouldAddALine() {
        assertRefused(new IceUdpTransport("7mq2\r\na=inject", BRIDGE.pwd(), true, BRIDGE.fingerprints(), BRIDGE.candidates()),
                "the bridge's transport.transport.ufrag must be 4 to 256 ice-chars (RFC 8839 §5.4)");
    }

    @Test
    void refusesABridgeFingerprintThatIsNotHexPairs() {
        assertRefused(new IceUdpTransport("7mq2", BRIDGE.pwd(), true,
                        List.of(new Fingerprint("sha-256", "not hex", null)), BRIDGE.candidates()),
                "the bridge's transport.transport.fingerprints has \"sha-256\" with a value that is not a sha-1/224/256/384/512"
                        + " hash in hex pairs (RFC 8122 §5)");
    }

    @Test
    void refusesABridgeCandidateWithAnAddressThatIsNotOne() {
        Candidate bad = new Candidate(1, "1", 0, null, "10.0.0.1 9 typ host\r\na=x", 0, 10000, 1L, Candidate.Protocol.UDP,
                Candidate.Type.HOST, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfferBuilder.offer(5, 1,
                new IceUdpTransport("7mq2", BRIDGE.pwd(), true, BRIDGE.fingerprints(), List.of(bad)), OfferLayout.initial()));
        assertTrue(e.getMessage().startsWith("the bridge's transport.transport.candidates has a candidate that is not valid SDP"),
                e.getMessage());
    }

    @Test
    void refusesABridgeWithoutRtcpMux() {
        assertRefused(new IceUdpTransport("7mq2", BRIDGE.pwd(), false, BRIDGE.fingerprints(), BRIDGE.candidates()),
                "the bridge's transport.transport.rtcp-mux is not true: browsers here only do rtcp-mux");
    }

    private static void assertRefused(IceUdpTransport bridge, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfferBuilder.offer(5, 1, bridge, OfferLayout.initial()));
        assertEquals(message, e.getMessage());
    }
}
