package org.lucarne.bridge.sdp;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.SsrcGroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.bridge.sdp.SdpFixtures.CHROMIUM_OFFER;
import static org.lucarne.bridge.sdp.SdpFixtures.chromiumAnswer;

/** What Chromium answers is read into Colibri2 terms; a broken answer is refused with the line and the fault. */
class AnswerParserTest {
    private static final String AUDIO_SSRC_LINE = "a=ssrc:2443606693 cname:pe/VtsjcMkTn0oZp\r\n";

    @Test
    void readsTransportAndOwnSourcesFromChromiumsAnswer() throws Exception {
        EndpointAnswer answer = parse(chromiumAnswer());

        assertEquals("9fdB", answer.transport().ufrag());
        assertEquals("g5JZr0lsyJaxsEY/DKyTl9d9", answer.transport().pwd());
        assertTrue(answer.transport().rtcpMux());
        assertEquals(List.of(new Fingerprint("sha-256", "55:2A:78:B5:9B:90:E7:31:F2:A9:A7:46:A3:D2:90:81:5D:16:B1:C0:DF:9F:"
                + "6C:88:73:00:FC:CF:82:00:51:C5", Fingerprint.Setup.ACTIVE)), answer.transport().fingerprints());
        assertEquals(List.of(2443606693L), answer.audioSsrcs());
        assertEquals(List.of(3274497217L, 3882622226L), answer.videoSsrcs());
        assertEquals(List.of(new SsrcGroup("FID", List.of(3274497217L, 3882622226L))), answer.ssrcGroups());
    }

    @Test
    void keepsUdpAddressCandidatesAndSkipsTcpOnes() throws Exception {
        String sdp = chromiumAnswer().replace("a=ice-ufrag:9fdB\r\n",
                "a=candidate:1383080014 1 tcp 1518214911 127.0.0.1 9 typ host tcptype active generation 0\r\na=ice-ufrag:9fdB\r\n");
        List<Candidate> candidates = parse(sdp).transport().candidates();

        assertEquals(List.of("127.0.0.1:55981", "192.0.2.2:42433", "::1:56658", "fd00::2:44260"),
                candidates.stream().map(c -> c.ip() + ":" + c.port()).toList());
        assertTrue(candidates.stream().allMatch(c -> c.protocol() == Candidate.Protocol.UDP && c.type() == Candidate.Type.HOST));
        assertEquals(2122194687L, candidates.get(0).priority());
    }

    @Test
    void skipsMdnsHostCandidatesTheBridgeCannotResolve() throws Exception {
        String sdp = chromiumAnswer().replace("127.0.0.1 55981 typ host", "1f7c2ab4-0e4d-4b1e-9a61-3f0b8d2c9e11.local 55981 typ host");

        assertEquals(3, parse(sdp).transport().candidates().size());
    }

    @Test
    void namesSourcesAfterTheEndpointWithMsidAndCameraType() throws Exception {
        List<MediaSource> sources = parse(chromiumAnswer()).sources("ep1").mediaSources();

        assertEquals(List.of("ep1-a0", "ep1-v0"), sources.stream().map(MediaSource::id).toList());
        assertEquals(List.of(MediaType.AUDIO, MediaType.VIDEO), sources.stream().map(MediaSource::type).toList());
        MediaSource video = sources.get(1);
        assertEquals("camera", video.sources().get(0).videoType());
        assertEquals(Map.of("msid", "ep1 ep1-v0"), video.sources().get(1).parameters());
        assertEquals(List.of(new SsrcGroup("FID", List.of(3274497217L, 3882622226L))), video.ssrcGroups());
        assertEquals(List.of(), sources.get(0).ssrcGroups());
    }

    @Test
    void putsThePrimarySsrcFirstWhateverTheLineOrder() throws Exception {
        String sdp = chromiumAnswer().replace("a=ssrc:3274497217 cname:pe/VtsjcMkTn0oZp\r\n", "")
                .replace("a=ssrc:3882622226 cname:pe/VtsjcMkTn0oZp\r\n",
                        "a=ssrc:3882622226 cname:pe/VtsjcMkTn0oZp\r\na=ssrc:3274497217 cname:pe/VtsjcMkTn0oZp\r\n");

        assertEquals(List.of(3274497217L, 3882622226L), parse(sdp).videoSsrcs());
    }

    @Test
    void readsSimulcastLayersAsOneSourceWithTheFirstLayerFirst() throws Exception {
        EndpointAnswer answer = parse(SdpFixtures.simulcastAnswer());

        assertEquals(3274497217L, answer.videoSsrcs().get(0));
        assertEquals(6, answer.videoSsrcs().size());
        MediaSource video = answer.sources("ep1").mediaSources().get(1);
        assertTrue(video.ssrcGroups().contains(new SsrcGroup("SIM", List.of(3274497217L, 1111L, 2222L))));
        assertEquals(4, video.ssrcGroups().size(), "SIM and three FIDs");
    }

    @Test
    void refusesMoreThanThreeSimulcastLayers() {
        assertRefused(SdpFixtures.simulcastAnswer().replace("SIM 3274497217 1111 2222", "SIM 3274497217 1111 2222 3333"),
                "a=ssrc-group:SIM must name 2 to 3 different SSRCs");
    }

    @Test
    void refusesASimulcastLayerNamedTwice() {
        assertRefused(SdpFixtures.simulcastAnswer().replace("SIM 3274497217 1111 2222", "SIM 3274497217 1111 1111"),
                "a=ssrc-group:SIM must name 2 to 3 different SSRCs");
    }

    @Test
    void refusesASecondSimulcastGroup() {
        assertRefused(SdpFixtures.simulcastAnswer().replace("a=ssrc-group:FID 1111 3333", "a=ssrc-group:SIM 3333 4444"),
                "more than one a=ssrc-group:SIM");
    }

    @Test
    void refusesAnRtxThatIsAlsoALayer() {
        assertRefused(SdpFixtures.simulcastAnswer().replace("a=ssrc-group:FID 1111 3333", "a=ssrc-group:FID 1111 2222"),
                "does not pair a simulcast layer with an RTX SSRC of its own");
    }

    @Test
    void refusesASimulcastLayerWithoutItsSsrcLine() {
        assertRefused(SdpFixtures.simulcastAnswer().replace("SIM 3274497217 1111 2222", "SIM 3274497217 1111 5555"),
                "names SSRC 5555, which has no a=ssrc line");
    }

    @Test
    void acceptsBareNewlines() throws Exception {
        assertEquals("9fdB", parse(chromiumAnswer().replace("\r\n", "\n")).transport().ufrag());
    }

    @Test
    void ignoresLegalLinesItHasNoUseFor() throws Exception {
        String sdp = chromiumAnswer().replace("a=rtcp-rsize\r\n", "a=rtcp-rsize\r\na=x-unknown:whatever it says\r\nb=AS:300\r\n");

        assertEquals(List.of(2443606693L), parse(sdp).audioSsrcs());
    }

    @Test
    void acceptsAnAnswerThatSendsNoCamera() throws Exception {
        String sdp = chromiumAnswer();
        int at = sdp.indexOf("a=sendonly", sdp.indexOf("a=mid:1"));
        sdp = (sdp.substring(0, at) + "a=inactive" + sdp.substring(at + "a=sendonly".length()))
                .replaceAll("a=ssrc(-group:FID|:3274497217|:3882622226) [^\r]*\r\n", "");

        EndpointAnswer answer = parse(sdp);
        assertEquals(List.of(), answer.videoSsrcs());
        assertEquals(1, answer.sources("ep1").mediaSources().size());
    }

    @Test
    void refusesAnEmptyAnswer() {
        assertRefused("", "the answer is empty");
    }

    @Test
    void refusesTextThatIsNotSdp() {
        assertRefused("<html>", "line 1 is not v=0");
    }

    @Test
    void refusesAnOversizeAnswer() {
        assertRefused(chromiumAnswer() + "a=x:" + "y".repeat(AnswerParser.MAX_CHARS), "more than 65536");
    }

    @Test
    void refusesAnOverlongLine() {
        assertRefused(chromiumAnswer().replace("s=-", "s=" + "-".repeat(AnswerParser.MAX_LINE_CHARS)),
                "line 3 is 1026 characters, more than 1024");
    }

    @Test
    void refusesALineThatIsNotTypeEqualsValue() {
        assertRefused(chromiumAnswer().replace("s=-", "s-"), "line 3 is not <type>=<value>");
    }

    @Test
    void refusesControlCharacters() {
        assertRefused(chromiumAnswer().replace("s=-", "s=\u0000"), "line 3 is not <type>=<value>");
    }

    @Test
    void refusesSetupActpassInAnAnswer() {
        assertRefused(chromiumAnswer().replace("a=setup:active", "a=setup:actpass"),
                "m-section 0 (mid 0) has a=setup:actpass; an answer must say active or passive");
    }

    @Test
    void refusesAnAnswerWithoutSetup() {
        assertRefused(chromiumAnswer().replace("a=setup:active\r\n", ""), "m-section 0 (mid 0) has no a=setup");
    }

    @Test
    void refusesAnAnswerWithoutFingerprint() {
        assertRefused(chromiumAnswer().replaceAll("a=fingerprint:[^\r]*\r\n", ""), "has no a=fingerprint");
    }

    @Test
    void refusesAFingerprintWithAnUnknownHash() {
        assertRefused(chromiumAnswer().replace("a=fingerprint:sha-256", "a=fingerprint:md5"), "line 17: a=fingerprint must be");
    }

    @Test
    void refusesAnAnswerWithoutIceUfrag() {
        assertRefused(chromiumAnswer().replace("a=ice-ufrag:9fdB\r\n", ""), "m-section 0 (mid 0) has no a=ice-ufrag");
    }

    @Test
    void refusesAnAnswerWithoutIcePassword() {
        assertRefused(chromiumAnswer().replaceAll("a=ice-pwd:[^\r]*\r\n", ""), "m-section 0 (mid 0) has no a=ice-pwd");
    }

    @Test
    void refusesAShortIcePassword() {
        assertRefused(chromiumAnswer().replace("g5JZr0lsyJaxsEY/DKyTl9d9", "short"),
                "line 15: a=ice-pwd must be 22 to 256 ice-chars");
    }

    @Test
    void refusesTwoTransportsInOneBundle() {
        String sdp = chromiumAnswer();
        int second = sdp.indexOf("a=ice-ufrag:9fdB", sdp.indexOf("a=mid:0"));
        sdp = sdp.substring(0, second) + "a=ice-ufrag:Other" + sdp.substring(second + "a=ice-ufrag:9fdB".length());
        assertRefused(sdp, "m-section 1 (mid 1) has another a=ice-ufrag or a=ice-pwd");
    }

    @Test
    void refusesAnAnswerWithoutRtcpMux() {
        assertRefused(chromiumAnswer().replace("a=rtcp-mux\r\n", ""), "has no a=rtcp-mux");
    }

    @Test
    void refusesASendingSectionWithoutSsrcs() {
        assertRefused(chromiumAnswer().replace(AUDIO_SSRC_LINE, ""), "m-section 0 (mid 0) is sendonly but has no a=ssrc line");
    }

    @Test
    void refusesAGroupNamingAnUnlistedSsrc() {
        assertRefused(chromiumAnswer().replace("a=ssrc-group:FID 3274497217 3882622226", "a=ssrc-group:FID 3274497217 42"),
                "a=ssrc-group:FID names SSRC 42");
    }

    @Test
    void refusesAnSsrcOutOfRange() {
        assertRefused(chromiumAnswer().replace("a=ssrc:2443606693 ", "a=ssrc:4294967296 "),
                "line 29 has SSRC 4294967296, outside 0 to 4294967295");
    }

    @Test
    void refusesAnSsrcThatIsNotANumber() {
        assertRefused(chromiumAnswer().replace("a=ssrc:2443606693 ", "a=ssrc:-1 "), "line 29 has SSRC \"-1\", not a number");
    }

    @Test
    void refusesAnSsrcLineWithoutAttribute() {
        assertRefused(chromiumAnswer().replace(AUDIO_SSRC_LINE, "a=ssrc:2443606693\r\n"),
                "line 29: a=ssrc must be \"<ssrc> <attribute>[:<value>]\"");
    }

    @Test
    void refusesAnSsrcInTwoMSections() {
        assertRefused(chromiumAnswer().replace("a=ssrc:3274497217 cname", "a=ssrc:2443606693 cname"),
                "SSRC 2443606693 of m-section 1 (mid 1) is m-section 0 (mid 0)'s too");
    }

    @Test
    void refusesAnSsrcThatIsARemoteSourcesInTheOffer() {
        assertRefused(chromiumAnswer().replace("a=ssrc:2443606693 ", "a=ssrc:1000 "),
                "line 29: SSRC 1000 of m-section 0 (mid 0) is a remote source's in the offer");
    }

    @Test
    void refusesACandidateWithAnUnknownType() {
        assertRefused(chromiumAnswer().replace("55981 typ host", "55981 typ wormhole"), "has type \"wormhole\"");
    }

    @Test
    void refusesADirectionTheOfferDoesNotAllow() {
        assertRefused(chromiumAnswer().replace("a=recvonly\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:111",
                "a=sendonly\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:111"),
                "m-section 2 (mid 2) answers sendonly to an offered sendonly (RFC 3264 §6.1)");
    }

    @Test
    void refusesAnotherMid() {
        assertRefused(chromiumAnswer().replace("a=mid:2", "a=mid:7"), "m-section 2 (mid 7) has a=mid:7, the offer's is 2");
    }

    @Test
    void refusesAMidOutsideTheBundle() {
        assertRefused(chromiumAnswer().replace("a=group:BUNDLE 0 1 2 3", "a=group:BUNDLE 0 1 2"),
                "m-section 3 (mid 3) is not in the answer's a=group:BUNDLE");
    }

    @Test
    void refusesAnExtensionIdTheOfferDidNotGive() {
        assertRefused(chromiumAnswer().replace("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=extmap:5 urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
                "m-section 0 (mid 0) maps extension id 5 to urn:ietf:params:rtp-hdrext:ssrc-audio-le…, which the offer does not");
    }

    @Test
    void refusesAPayloadTypeTheOfferDidNotGive() {
        assertRefused(chromiumAnswer().replace("m=audio 55981 UDP/TLS/RTP/SAVPF 111", "m=audio 55981 UDP/TLS/RTP/SAVPF 111 0"),
                "line 7: m-section 0 (mid 0) has payload type 0, which the offer does not have");
    }

    @Test
    void refusesAPayloadTypeMappedToAnotherCodec() {
        assertRefused(chromiumAnswer().replace("a=rtpmap:100 VP8/90000", "a=rtpmap:100 H264/90000"),
                "m-section 1 (mid 1) maps payload type 100 to h264/90000, the offer to vp8/90000");
    }

    @Test
    void refusesMoreMSectionsThanOffered() {
        assertRefused(chromiumAnswer() + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n", "is m-section 4, but the offer has 4");
    }

    @Test
    void refusesFewerMSectionsThanOffered() {
        String sdp = chromiumAnswer();
        assertRefused(sdp.substring(0, sdp.lastIndexOf("m=video")), "the answer has 3 m-sections, the offer 4");
    }

    @Test
    void refusesAnotherMediaTypeThanOffered() {
        String sdp = chromiumAnswer();
        int last = sdp.lastIndexOf("m=video");
        assertRefused(sdp.substring(0, last) + "m=audio" + sdp.substring(last + 7), "line 72: m-section 3 (mid 3) is \"audio\", the offer's is video");
    }

    @Test
    void refusesAnAnswerThatRejectsEverything() {
        assertRefused("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" + "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\n"
                + "m=video 0 UDP/TLS/RTP/SAVPF 100\r\n".repeat(1) + "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\n"
                + "m=video 0 UDP/TLS/RTP/SAVPF 100\r\n", "the answer accepts no m-section");
    }

    private static EndpointAnswer parse(String sdp) throws InvalidAnswerException {
        return AnswerParser.parse(sdp, CHROMIUM_OFFER);
    }

    private static void assertRefused(String sdp, String expected) {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> parse(sdp));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
