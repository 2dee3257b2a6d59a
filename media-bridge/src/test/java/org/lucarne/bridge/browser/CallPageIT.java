package org.lucarne.bridge.browser;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lucarne.bridge.browser.focus.AnswerParser;
import org.lucarne.bridge.browser.focus.OfferBuilder;
import org.lucarne.bridge.browser.focus.PageAnswer;
import org.lucarne.bridge.browser.focus.RemoteEndpoint;
import org.lucarne.bridge.browser.focus.SdpText;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;
import org.lucarne.bridge.dtls.BridgeCertificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test page and the focus's SDP agree with real Chromium, without a bridge: the page answers
 * the offers the focus builds, the answer parser reads what Chromium writes, and renegotiation
 * keeps the page's transport and sources. (Media needs the bridge: see {@link BridgeBrowserIT}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallPageIT {
    private Chromium chromium;
    private IceUdpTransport bridge;

    @BeforeAll
    void launch() {
        chromium = Chromium.launch();
        String[] fp = BridgeCertificate.generate(Clock.systemUTC(), new SecureRandom()).sdpFingerprint().split(" ");
        bridge = new IceUdpTransport("brdg1234", "0123456789abcdefghijklmn", true,
                List.of(new Fingerprint(fp[0], fp[1], Fingerprint.Setup.ACTPASS)),
                List.of(new Candidate(1, "1", 0, null, "127.0.0.1", 0, 9, 2130706431L, Candidate.Protocol.UDP,
                        Candidate.Type.HOST, null, null)));
    }

    @AfterAll
    void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void pageAnswersAsDtlsClientSendingItsMicrophoneAndCameraWithRtx() throws Exception {
        try (CallPage page = CallPage.open(chromium.browser(), "solo")) {
            String sdp = page.answer(OfferBuilder.offer(1, 1, bridge, Arrays.asList((RemoteEndpoint) null)));
            PageAnswer answer = AnswerParser.parse(sdp);

            Fingerprint fingerprint = answer.transport().fingerprints().get(0);
            assertEquals(Fingerprint.Setup.ACTIVE, fingerprint.setup(), sdp);
            assertEquals("sha-256", fingerprint.hash());
            assertEquals(1, answer.audioSsrcs().size(), sdp);
            assertEquals(2, answer.videoSsrcs().size(), "a camera SSRC and its RTX SSRC: " + sdp);
            assertEquals(List.of(new SsrcGroup("FID", answer.videoSsrcs())), answer.videoGroups());
            assertTrue(sdp.contains("a=sendonly"), "nothing to receive yet, so the page only sends: " + sdp);
            assertEquals(List.of(), page.errors());
        }
    }

    @Test
    void renegotiationKeepsTransportAndSourcesAndAddsReceiveOnlyMids() throws Exception {
        try (CallPage page = CallPage.open(chromium.browser(), "renegotiated")) {
            PageAnswer first = AnswerParser.parse(page.answer(OfferBuilder.offer(7, 1, bridge,
                    Arrays.asList((RemoteEndpoint) null))));
            String sdp = page.answer(OfferBuilder.offer(7, 2, bridge, List.of(remote("ep-b", 1000), remote("ep-c", 2000))));
            PageAnswer second = AnswerParser.parse(sdp);

            assertEquals(first.transport().ufrag(), second.transport().ufrag(), "no ICE restart");
            assertEquals(first.sources("ep-a"), second.sources("ep-a"));
            assertEquals(Map.of("0", "sendrecv", "1", "sendrecv", "2", "recvonly", "3", "recvonly"), SdpText.directions(sdp));
            assertEquals(List.of(), page.errors());
        }
    }

    static RemoteEndpoint remote(String id, long ssrc) {
        MediaSource audio = new MediaSource(MediaType.AUDIO, id + "-a0", List.of(Source.of(ssrc)), List.of());
        MediaSource video = new MediaSource(MediaType.VIDEO, id + "-v0",
                List.of(Source.of(ssrc + 1), Source.of(ssrc + 2)),
                List.of(new SsrcGroup("FID", List.of(ssrc + 1, ssrc + 2))));
        return new RemoteEndpoint(id, audio, video);
    }
}
