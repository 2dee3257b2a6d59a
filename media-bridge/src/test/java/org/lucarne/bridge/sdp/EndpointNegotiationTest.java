package org.lucarne.bridge.sdp;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.IceUdpTransport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.bridge.sdp.SdpFixtures.BRIDGE;
import static org.lucarne.bridge.sdp.SdpFixtures.CHROMIUM_OFFER;
import static org.lucarne.bridge.sdp.SdpFixtures.all;
import static org.lucarne.bridge.sdp.SdpFixtures.chromiumAnswer;
import static org.lucarne.bridge.sdp.SdpFixtures.remote;

/** One endpoint's offers and answers in turn: versions, layouts that follow joins and leaves, ICE restarts. */
class EndpointNegotiationTest {
    private static final IceUdpTransport RESTARTED = new IceUdpTransport("n3wufr4g", "n3wpassw0rdw1thenoughchars", true,
            BRIDGE.fingerprints(), BRIDGE.candidates());

    @Test
    void eachOfferHasTheSameSessionIdAndTheNextVersion() {
        EndpointNegotiation n = new EndpointNegotiation("ep-a", 42);

        assertTrue(n.offer(BRIDGE, List.of()).startsWith("v=0\r\no=- 42 1 IN IP4 0.0.0.0\r\n"));
        assertTrue(n.offer(BRIDGE, remote("ep-b", 1000)).startsWith("v=0\r\no=- 42 2 IN IP4 0.0.0.0\r\n"));
    }

    @Test
    void anAcceptedAnswerMakesItsOfferTheLayoutTheNextOneFollows() throws Exception {
        EndpointNegotiation n = new EndpointNegotiation("ep-a", 1);
        n.offer(BRIDGE, remote("ep-b", 1000));

        EndpointAnswer answer = n.answer(chromiumAnswer());

        assertEquals(CHROMIUM_OFFER, n.layout());
        assertEquals(answer, n.lastAnswer());
        assertTrue(n.offer(BRIDGE, List.of()).contains("a=mid:3\r\na=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/"
                + "abs-send-time\r\na=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=extmap:4 http://www.ietf.org/id/"
                + "draft-holmer-rmcat-transport-wide-cc-extensions-01\r\na=inactive\r\n"), "mid 3 is kept, inactive");
    }

    @Test
    void aRefusedAnswerLeavesTheOfferWaiting() throws Exception {
        EndpointNegotiation n = new EndpointNegotiation("ep-a", 1);
        n.offer(BRIDGE, remote("ep-b", 1000));

        assertThrows(InvalidAnswerException.class, () -> n.answer(chromiumAnswer().replace("a=setup:active", "a=setup:x")));
        assertNull(n.lastAnswer());
        assertEquals("9fdB", n.answer(chromiumAnswer()).transport().ufrag());
    }

    @Test
    void anAnswerWithoutAnOfferIsAProgrammingError() {
        EndpointNegotiation n = new EndpointNegotiation("ep-a", 1);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> n.answer(chromiumAnswer()));
        assertEquals("no offer to ep-a is waiting for an answer", e.getMessage());
    }

    @Test
    void anAnswerToAnEarlierLayoutIsRefused() {
        EndpointNegotiation n = new EndpointNegotiation("ep-a", 1);
        n.offer(BRIDGE, all(remote("ep-b", 1000), remote("ep-c", 2000)));

        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> n.answer(chromiumAnswer()));
        assertEquals("the answer has 4 m-sections, the offer 6 (RFC 3264 §6: as many as offered)", e.getMessage());
    }

    @Test
    void anEndpointIsNotOfferedItsOwnSources() {
        EndpointNegotiation n = new EndpointNegotiation("ep-a", 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.offer(BRIDGE, remote("ep-a", 1000)));
        assertEquals("ep-a is not offered its own source ep-a-a0", e.getMessage());
    }

    @Test
    void anIceRestartNeedsNewCredentialsInTheAnswerToo() throws Exception {
        EndpointNegotiation n = new EndpointNegotiation("ep-a", 1);
        n.offer(BRIDGE, remote("ep-b", 1000));
        n.answer(chromiumAnswer());

        String restart = n.offer(RESTARTED, remote("ep-b", 1000));
        assertTrue(restart.contains("a=ice-ufrag:n3wufr4g\r\na=ice-pwd:n3wpassw0rdw1thenoughchars\r\n"), restart);
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> n.answer(chromiumAnswer()));
        assertEquals("the offer restarted ICE but the answer keeps a=ice-ufrag:9fdB (RFC 8445 §9: both sides change their"
                + " credentials)", e.getMessage());

        EndpointAnswer restarted = n.answer(chromiumAnswer().replace("a=ice-ufrag:9fdB", "a=ice-ufrag:R3st")
                .replace("g5JZr0lsyJaxsEY/DKyTl9d9", "Zq0newpasswordFromChrome"));
        assertEquals("R3st", restarted.transport().ufrag());
    }

    @Test
    void aBridgeThatChangesOnlyItsUfragIsRefused() throws Exception {
        EndpointNegotiation n = new EndpointNegotiation("ep-a", 1);
        n.offer(BRIDGE, remote("ep-b", 1000));
        n.answer(chromiumAnswer());
        IceUdpTransport half = new IceUdpTransport("n3wufr4g", BRIDGE.pwd(), true, BRIDGE.fingerprints(), BRIDGE.candidates());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.offer(half, List.of()));
        assertEquals("the bridge's transport for ep-a changed its ufrag but not its pwd: an ICE restart changes both"
                + " (RFC 8445 §9)", e.getMessage());
    }

    @Test
    void refusesANegativeSessionId() {
        assertThrows(IllegalArgumentException.class, () -> new EndpointNegotiation("ep-a", -1));
    }
}
