package org.lucarne.bridge.browser;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;
import org.lucarne.bridge.dtls.BridgeCertificate;
import org.lucarne.bridge.sdp.EndpointAnswer;
import org.lucarne.bridge.sdp.EndpointNegotiation;
import org.lucarne.bridge.sdp.RemoteSource;
import org.lucarne.bridge.sdp.SdpText;
import org.lucarne.testing.Chromium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test page and the SDP package agree with real Chromium, without a bridge: the page answers
 * the offers {@link EndpointNegotiation} builds, the answer parser reads what Chromium writes, and
 * renegotiation on join, leave and ICE restart keeps what it should. (Media needs the bridge: see
 * {@link BridgeBrowserIT}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallPageIT {
    private Chromium chromium;
    private IceUdpTransport bridge;

    @BeforeAll
    void launch() {
        chromium = Chromium.launch();
        bridge = bridgeTransport("brdg1234", "0123456789abcdefghijklmn");
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
            EndpointNegotiation negotiation = new EndpointNegotiation("solo", 1);
            String sdp = page.answer(negotiation.offer(bridge, List.of()));
            EndpointAnswer answer = negotiation.answer(sdp);

            Fingerprint fingerprint = answer.transport().fingerprints().get(0);
            assertEquals(Fingerprint.Setup.ACTIVE, fingerprint.setup(), sdp);
            assertEquals("sha-256", fingerprint.hash());
            assertEquals(1, answer.audioSsrcs().size(), sdp);
            assertEquals(2, answer.videoSsrcs().size(), "a camera SSRC and its RTX SSRC: " + sdp);
            assertEquals(List.of(new SsrcGroup("FID", answer.videoSsrcs())), answer.ssrcGroups());
            assertEquals(Map.of("0", "sendonly", "1", "sendonly"), SdpText.directions(sdp));
            assertEquals(List.of(), page.errors());
        }
    }

    @Test
    void renegotiationKeepsTransportAndSourcesAndAddsReceiveOnlyMids() throws Exception {
        try (CallPage page = CallPage.open(chromium.browser(), "renegotiated")) {
            EndpointNegotiation negotiation = new EndpointNegotiation("ep-a", 7);
            EndpointAnswer first = negotiation.answer(page.answer(negotiation.offer(bridge, List.of())));
            String sdp = page.answer(negotiation.offer(bridge, sources(remote("ep-b", 1000), remote("ep-c", 2000))));
            EndpointAnswer second = negotiation.answer(sdp);

            assertEquals(first.transport().ufrag(), second.transport().ufrag(), "no ICE restart");
            assertEquals(first.sources("ep-a"), second.sources("ep-a"));
            assertEquals(Map.of("0", "sendonly", "1", "sendonly", "2", "recvonly", "3", "recvonly", "4", "recvonly",
                    "5", "recvonly"), SdpText.directions(sdp));
            assertEquals(List.of(), page.errors());
        }
    }

    @Test
    void aLeaversMidsGoInactiveAndTheNextJoinerReusesThem() throws Exception {
        try (CallPage page = CallPage.open(chromium.browser(), "reused")) {
            EndpointNegotiation negotiation = new EndpointNegotiation("ep-a", 9);
            negotiation.answer(page.answer(negotiation.offer(bridge, sources(remote("ep-b", 1000), remote("ep-c", 2000)))));

            String left = page.answer(negotiation.offer(bridge, sources(remote("ep-c", 2000))));
            negotiation.answer(left);
            assertEquals(Map.of("0", "sendonly", "1", "sendonly", "2", "inactive", "3", "inactive", "4", "recvonly",
                    "5", "recvonly"), SdpText.directions(left));

            String offer = negotiation.offer(bridge, sources(remote("ep-c", 2000), remote("ep-d", 3000)));
            assertTrue(offer.contains("a=mid:2\r\na=extmap:1"), offer);
            String joined = page.answer(offer);
            negotiation.answer(joined);
            assertEquals(Map.of("0", "sendonly", "1", "sendonly", "2", "recvonly", "3", "recvonly", "4", "recvonly",
                    "5", "recvonly"), SdpText.directions(joined));
            assertTrue(SdpText.sections(offer).get(2).contains("a=ssrc:3000 cname:ep-d"), offer);
            assertEquals(List.of(), page.errors());
        }
    }

    @Test
    void newBridgeCredentialsRestartIceAndChromiumAnswersWithNewOnes() throws Exception {
        try (CallPage page = CallPage.open(chromium.browser(), "restarted")) {
            EndpointNegotiation negotiation = new EndpointNegotiation("ep-a", 11);
            EndpointAnswer before = negotiation.answer(page.answer(negotiation.offer(bridge, List.of())));

            IceUdpTransport restarted = bridgeTransport("brdg5678", "nmlkjihgfedcba9876543210");
            EndpointAnswer after = negotiation.answer(page.answer(negotiation.offer(restarted, List.of())));

            assertNotEquals(before.transport().ufrag(), after.transport().ufrag());
            assertNotEquals(before.transport().pwd(), after.transport().pwd());
            assertEquals(before.sources("ep-a"), after.sources("ep-a"), "a restart keeps the page's sources");
            assertEquals(List.of(), page.errors());
        }
    }

    private static IceUdpTransport bridgeTransport(String ufrag, String pwd) {
        String[] fp = BridgeCertificate.generate(Clock.systemUTC(), new SecureRandom()).sdpFingerprint().split(" ");
        return new IceUdpTransport(ufrag, pwd, true,
                List.of(new Fingerprint(fp[0], fp[1], Fingerprint.Setup.ACTPASS)),
                List.of(new Candidate(1, "1", 0, null, "127.0.0.1", 0, 9, 2130706431L, Candidate.Protocol.UDP,
                        Candidate.Type.HOST, null, null)));
    }

    @SafeVarargs
    private static List<RemoteSource> sources(List<RemoteSource>... endpoints) {
        return java.util.Arrays.stream(endpoints).flatMap(List::stream).toList();
    }

    static List<RemoteSource> remote(String id, long ssrc) {
        MediaSource audio = new MediaSource(MediaType.AUDIO, id + "-a0", List.of(Source.of(ssrc)), List.of());
        MediaSource video = new MediaSource(MediaType.VIDEO, id + "-v0",
                List.of(Source.of(ssrc + 1), Source.of(ssrc + 2)),
                List.of(new SsrcGroup("FID", List.of(ssrc + 1, ssrc + 2))));
        return List.of(new RemoteSource(id, audio), new RemoteSource(id, video));
    }
}
