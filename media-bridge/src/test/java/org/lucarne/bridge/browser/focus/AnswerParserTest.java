package org.lucarne.bridge.browser.focus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

/** The focus reads what Chromium answers, and refuses a broken answer with the line and the fault. */
class AnswerParserTest {
    /** A renegotiation answer of Chromium 156 (mids 0, 1 sendrecv; 2, 3 recvonly), as the test page gave it. */
    static String chromiumAnswer() {
        try (InputStream in = AnswerParserTest.class.getResourceAsStream("/browser/chrome-answer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTransportAndOwnSourcesFromChromiumsAnswer() throws Exception {
        PageAnswer answer = AnswerParser.parse(chromiumAnswer());

        assertEquals("Zs3v", answer.transport().ufrag());
        assertEquals("BY5DjaqCmk1qdN3YMrLgrhGD", answer.transport().pwd());
        assertTrue(answer.transport().rtcpMux());
        assertEquals(List.of(new Fingerprint("sha-256", "0B:6D:D3:7E:ED:21:0F:1D:70:80:96:34:53:93:C0:EE:AA:7B:32:5D:9D:44:"
                + "D1:BC:F3:36:EC:09:F3:43:96:BD", Fingerprint.Setup.ACTIVE)), answer.transport().fingerprints());
        assertEquals(List.of(3822245817L), answer.audioSsrcs());
        assertEquals(List.of(3291964979L, 1900749525L), answer.videoSsrcs());
        assertEquals(List.of(new SsrcGroup("FID", List.of(3291964979L, 1900749525L))), answer.videoGroups());
    }

    @Test
    void keepsUdpAddressCandidatesAndSkipsTcpOnes() throws Exception {
        List<Candidate> candidates = AnswerParser.parse(chromiumAnswer()).transport().candidates();

        assertEquals(List.of("127.0.0.1:33034", "192.0.2.2:39669", "::1:51502", "fd00::2:52856"),
                candidates.stream().map(c -> c.ip() + ":" + c.port()).toList());
        assertTrue(candidates.stream().allMatch(c -> c.protocol() == Candidate.Protocol.UDP && c.type() == Candidate.Type.HOST));
        assertEquals(2122194687L, candidates.get(0).priority());
    }

    @Test
    void skipsMdnsHostCandidatesTheBridgeCannotResolve() throws Exception {
        String sdp = chromiumAnswer().replace("127.0.0.1 33034 typ host", "1f7c2ab4-0e4d-4b1e-9a61-3f0b8d2c9e11.local 33034 typ host");

        assertEquals(3, AnswerParser.parse(sdp).transport().candidates().size());
    }

    @Test
    void namesSourcesAfterTheEndpointWithMsidAndCameraType() throws Exception {
        List<MediaSource> sources = AnswerParser.parse(chromiumAnswer()).sources("ep1");

        assertEquals(List.of("ep1-a0", "ep1-v0"), sources.stream().map(MediaSource::id).toList());
        assertEquals(List.of(MediaType.AUDIO, MediaType.VIDEO), sources.stream().map(MediaSource::type).toList());
        MediaSource video = sources.get(1);
        assertEquals("camera", video.sources().get(0).videoType());
        assertEquals(Map.of("msid", "ep1 ep1-v0"), video.sources().get(1).parameters());
        assertEquals("ep1-v0", video.sources().get(1).name());
    }

    @Test
    void putsThePrimarySsrcFirstWhateverTheLineOrder() throws Exception {
        String sdp = chromiumAnswer().replace("a=ssrc:3291964979 cname:UMI6Oknyrq717569\r\n", "")
                .replace("a=ssrc:1900749525 cname:UMI6Oknyrq717569\r\n",
                        "a=ssrc:1900749525 cname:UMI6Oknyrq717569\r\na=ssrc:3291964979 cname:UMI6Oknyrq717569\r\n");

        assertEquals(List.of(3291964979L, 1900749525L), AnswerParser.parse(sdp).videoSsrcs());
    }

    @Test
    void acceptsBareNewlines() throws Exception {
        assertEquals("Zs3v", AnswerParser.parse(chromiumAnswer().replace("\r\n", "\n")).transport().ufrag());
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
    void refusesAnAnswerWithoutFingerprint() {
        assertRefused(chromiumAnswer().replaceAll("a=fingerprint:[^\r]*\r\n", ""), "has no a=fingerprint");
    }

    @Test
    void refusesAFingerprintWithAnUnknownHash() {
        assertRefused(chromiumAnswer().replace("a=fingerprint:sha-256", "a=fingerprint:md5"), "line 21: a=fingerprint must be");
    }

    @Test
    void refusesAShortIcePassword() {
        assertRefused(chromiumAnswer().replace("BY5DjaqCmk1qdN3YMrLgrhGD", "short"), "a=ice-pwd must be 22 to 256 ice-chars");
    }

    @Test
    void refusesTwoTransportsInOneBundle() {
        String sdp = chromiumAnswer();
        int second = sdp.indexOf("a=ice-ufrag:Zs3v", sdp.indexOf("a=mid:0"));
        sdp = sdp.substring(0, second) + "a=ice-ufrag:Other" + sdp.substring(second + "a=ice-ufrag:Zs3v".length());
        assertRefused(sdp, "m-section 1 (mid 1) has another a=ice-ufrag");
    }

    @Test
    void refusesAnAnswerWithoutRtcpMux() {
        assertRefused(chromiumAnswer().replace("a=rtcp-mux\r\n", ""), "has no a=rtcp-mux");
    }

    @Test
    void refusesASendingSectionWithoutSsrcs() {
        assertRefused(chromiumAnswer().replace("a=ssrc:3822245817 cname:UMI6Oknyrq717569\r\n", ""),
                "m-section 0 (mid 0) is sendrecv but has no a=ssrc line");
    }

    @Test
    void refusesAGroupNamingAnUnlistedSsrc() {
        assertRefused(chromiumAnswer().replace("a=ssrc-group:FID 3291964979 1900749525", "a=ssrc-group:FID 3291964979 42"),
                "a=ssrc-group:FID names SSRC 42");
    }

    @Test
    void refusesAnSsrcOutOfRange() {
        assertRefused(chromiumAnswer().replace("a=ssrc:3822245817 ", "a=ssrc:4294967296 "), "SSRC 4294967296, outside 0 to 4294967295");
    }

    @Test
    void refusesACandidateWithAnUnknownType() {
        assertRefused(chromiumAnswer().replace("33034 typ host", "33034 typ wormhole"), "has type \"wormhole\"");
    }

    @Test
    void refusesASecondSendingAudioSection() {
        assertRefused(chromiumAnswer().replace("a=recvonly\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:111",
                "a=sendonly\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:111"), "m-section 2 (mid 2) is a second sending audio");
    }

    @Test
    void refusesAnAnswerThatRejectsEverything() {
        assertRefused("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 0 UDP/TLS/RTP/SAVPF 111\r\n",
                "the answer accepts no m-section");
    }

    private static void assertRefused(String sdp, String expected) {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> AnswerParser.parse(sdp));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
