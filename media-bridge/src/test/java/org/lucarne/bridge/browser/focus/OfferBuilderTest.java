package org.lucarne.bridge.browser.focus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offers the focus writes for a page: one BUNDLE transport, the call's codecs everywhere, remote sources by slot. */
class OfferBuilderTest {
    private static final String FINGERPRINT = "C7:1E:04:9B:52:AF:E3:68:0D:B4:71:2A:95:CE:38:F6:61:0B:D9:47:AC:13:5E:F0:82:6D:B7:29:E4:5A:C8:1F";
    private static final IceUdpTransport BRIDGE = new IceUdpTransport("7mq2c0fhb3k9sd", "2vn8d61kq0t4hpl3m9rbc5g7ja", true,
            List.of(new Fingerprint("sha-256", FINGERPRINT, Fingerprint.Setup.ACTPASS)),
            List.of(new Candidate(1, "1", 0, "3f6a", "10.20.0.7", 0, 10000, 2130706431L, Candidate.Protocol.UDP,
                            Candidate.Type.HOST, null, null),
                    new Candidate(1, "2", 0, "8b1e", "198.51.100.23", 0, 10000, 1694498815L, Candidate.Protocol.UDP,
                            Candidate.Type.SRFLX, "10.20.0.7", 10000)));

    static RemoteEndpoint remote(String id, long ssrc) {
        return new RemoteEndpoint(id,
                new MediaSource(MediaType.AUDIO, id + "-a0", List.of(Source.of(ssrc)), List.of()),
                new MediaSource(MediaType.VIDEO, id + "-v0", List.of(Source.of(ssrc + 1), Source.of(ssrc + 2)),
                        List.of(new SsrcGroup("FID", List.of(ssrc + 1, ssrc + 2)))));
    }

    @Test
    void bundlesEveryMidOnTheBridgesOneTransport() {
        String sdp = OfferBuilder.offer(5, 1, BRIDGE, List.of(remote("b", 100), remote("c", 200)));

        assertTrue(sdp.startsWith("v=0\r\no=- 5 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1 2 3\r\n"), sdp);
        List<List<String>> sections = SdpText.sections(sdp);
        assertEquals(4, sections.size());
        for (List<String> s : sections) {
            assertTrue(s.contains("a=ice-ufrag:7mq2c0fhb3k9sd"), s::toString);
            assertTrue(s.contains("a=ice-pwd:2vn8d61kq0t4hpl3m9rbc5g7ja"), s::toString);
            assertTrue(s.contains("a=fingerprint:sha-256 " + FINGERPRINT), s::toString);
            assertTrue(s.contains("a=setup:actpass"), s::toString);
            assertTrue(s.contains("a=rtcp-mux"), s::toString);
            assertTrue(s.contains("a=candidate:1 1 udp 2130706431 10.20.0.7 10000 typ host generation 0"), s::toString);
            assertTrue(s.contains("a=candidate:2 1 udp 1694498815 198.51.100.23 10000 typ srflx raddr 10.20.0.7 rport 10000"
                    + " generation 0"), s::toString);
        }
    }

    @Test
    void everyAudioSectionHasOpusAndTheSameExtensionIdsWithoutTransportCc() {
        String sdp = OfferBuilder.offer(5, 1, BRIDGE, List.of(remote("b", 100), remote("c", 200)));

        for (List<String> s : SdpText.sections(sdp)) {
            if (s.get(0).startsWith("m=audio")) {
                assertEquals("m=audio 9 UDP/TLS/RTP/SAVPF 111", s.get(0));
                assertTrue(s.containsAll(List.of("a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
                        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                        "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid")), s::toString);
                assertTrue(s.stream().noneMatch(l -> l.contains("transport-cc") || l.contains("transport-wide-cc")), s::toString);
            }
        }
    }

    @Test
    void everyVideoSectionHasVp8WithRtxAndItsFeedback() {
        String sdp = OfferBuilder.offer(5, 1, BRIDGE, List.of(remote("b", 100), remote("c", 200)));

        for (List<String> s : SdpText.sections(sdp)) {
            if (s.get(0).startsWith("m=video")) {
                assertEquals("m=video 9 UDP/TLS/RTP/SAVPF 100 96", s.get(0));
                assertTrue(s.containsAll(List.of("a=rtpmap:100 VP8/90000", "a=rtcp-fb:100 nack", "a=rtcp-fb:100 nack pli",
                        "a=rtcp-fb:100 ccm fir", "a=rtcp-fb:100 goog-remb", "a=rtpmap:96 rtx/90000", "a=fmtp:96 apt=100",
                        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                        "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid")), s::toString);
            }
        }
    }

    @Test
    void slotZeroSendsAndReceivesAndFurtherSlotsOnlyReachThePage() {
        String sdp = OfferBuilder.offer(5, 1, BRIDGE, List.of(remote("b", 100), remote("c", 200)));

        assertEquals(Map.of("0", "sendrecv", "1", "sendrecv", "2", "sendonly", "3", "sendonly"), SdpText.directions(sdp));
    }

    @Test
    void freeSlotsStayInTheOfferAsRecvonlyOrInactive() {
        String sdp = OfferBuilder.offer(5, 3, BRIDGE, Arrays.asList(null, null, remote("c", 200)));

        assertEquals(Map.of("0", "recvonly", "1", "recvonly", "2", "inactive", "3", "inactive", "4", "sendonly",
                "5", "sendonly"), SdpText.directions(sdp));
        assertTrue(SdpText.sections(sdp).get(0).stream().noneMatch(l -> l.startsWith("a=ssrc") || l.startsWith("a=msid")));
    }

    @Test
    void remoteSourcesCarryTheirSsrcsFidGroupAndAnMsidNamingTheEndpoint() {
        List<List<String>> sections = SdpText.sections(OfferBuilder.offer(5, 1, BRIDGE, List.of(remote("b", 100))));

        assertTrue(sections.get(0).containsAll(List.of("a=msid:b b-a0", "a=ssrc:100 cname:b", "a=ssrc:100 msid:b b-a0")));
        assertTrue(sections.get(1).containsAll(List.of("a=msid:b b-v0", "a=ssrc-group:FID 101 102",
                "a=ssrc:101 cname:b", "a=ssrc:101 msid:b b-v0", "a=ssrc:102 cname:b", "a=ssrc:102 msid:b b-v0")));
    }

    @Test
    void aSourcesOwnMsidIsKept() {
        MediaSource audio = new MediaSource(MediaType.AUDIO, "b-a0",
                List.of(new Source(100, "b-a0", null, null, Map.of("msid", "stream-b track-b"))), List.of());
        RemoteEndpoint b = new RemoteEndpoint("b", audio, remote("b", 200).video());

        assertTrue(SdpText.sections(OfferBuilder.offer(5, 1, BRIDGE, List.of(b))).get(0).contains("a=msid:stream-b track-b"));
    }

    @Test
    void refusesABridgeTransportWithoutFingerprint() {
        IceUdpTransport bare = new IceUdpTransport("7mq2", "2vn8d61kq0t4hpl3m9rbc5g7ja", true, List.of(), BRIDGE.candidates());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfferBuilder.offer(5, 1, bare, Arrays.asList((RemoteEndpoint) null)));
        assertEquals("the bridge's transport.transport.fingerprints is empty: DTLS cannot be verified", e.getMessage());
    }

    @Test
    void refusesABridgeTransportWithoutCandidates() {
        IceUdpTransport bare = new IceUdpTransport("7mq2", "2vn8d61kq0t4hpl3m9rbc5g7ja", true, BRIDGE.fingerprints(), List.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfferBuilder.offer(5, 1, bare, Arrays.asList((RemoteEndpoint) null)));
        assertTrue(e.getMessage().startsWith("the bridge's transport.transport.candidates is empty"), e.getMessage());
    }

    @Test
    void refusesABridgeTransportWithoutIcePassword() {
        IceUdpTransport bare = new IceUdpTransport("7mq2", null, true, BRIDGE.fingerprints(), BRIDGE.candidates());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfferBuilder.offer(5, 1, bare, Arrays.asList((RemoteEndpoint) null)));
        assertEquals("the bridge's transport.transport.pwd is missing", e.getMessage());
    }

    @Test
    void refusesAnOfferWithoutSlots() {
        assertThrows(IllegalArgumentException.class, () -> OfferBuilder.offer(5, 1, BRIDGE, List.of()));
    }
}
