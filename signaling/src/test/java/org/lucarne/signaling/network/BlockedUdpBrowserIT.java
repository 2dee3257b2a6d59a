package org.lucarne.signaling.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallPages.waitForCallState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallPages;

/**
 * A family member on a network that drops every UDP datagram (a workplace firewall, some guest
 * Wi-Fi) still has the visit: their Chromium runs in a lab namespace with UDP blocked both ways
 * ({@link LabCall}), the tablet's beside the server, and each way of getting through is one test
 * here: the server's settings for it, then the same call and the same checks on the family's
 * selected candidate. Needs root (the lab skips the tests otherwise).
 */
class BlockedUdpBrowserIT {
    /** ICE gives up on the UDP pairs before the TCP ones are through: more than a UDP call needs. */
    private static final long MEDIA_BOUND_MS = 40_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Decoded video frames and received audio samples over all the page's inbound streams. */
    private static final String COUNTERS = """
            async () => {
              const out = { framesDecoded: 0, totalSamplesReceived: 0 };
              for (const pc of (window.__lucarnePcs || []).filter((p) => p.connectionState === 'connected')) {
                (await pc.getStats()).forEach((s) => {
                  if (s.type !== 'inbound-rtp') return;
                  if (s.kind === 'video') out.framesDecoded += s.framesDecoded || 0;
                  if (s.kind === 'audio') out.totalSamplesReceived += s.totalSamplesReceived || 0;
                });
              }
              return JSON.stringify(out);
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theFamilyConnectsThroughTheBridgesIceTcpAndBothSidesSeeAndHear() {
        try (LabCall lab = LabCall.start(Map.of("LUCARNE_BRIDGE_TCP_PORT", "0"))) {
            lab.family().blockUdp();
            assertTrue(lab.server().server().bridge().orElseThrow().tcpAddress().isPresent(),
                    "the embedded bridge listens for ICE-TCP");

            Call call = join(lab);

            CallPages.SelectedPair family = CallPages.selectedPair(call.family());
            assertNotNull(family, "the family's page has a connected peer connection");
            assertEquals("tcp", family.protocol(), "with UDP dropped, the family's media goes over TCP: " + family);
            // Chromium reports its active TCP connection's end as peer-reflexive (its host one has port 9)
            assertNotEquals("relay", family.candidateType(), "straight to the bridge, no TURN: " + family);
            assertEquals(lab.family().address(), family.address(), "from the family's own address: " + family);
            assertEquals("udp", CallPages.selectedPair(call.kiosk()).protocol(), "the tablet keeps UDP");
        }
    }

    @Test
    void theFamilyConnectsThroughCoturnOverTlsAndBothSidesSeeAndHear() {
        try (LabCall lab = LabCall.startWithTurn(Map.of())) { // no ICE-TCP on the bridge: TURN is the only way
            lab.family().blockUdp();
            assertTrue(lab.server().server().bridge().orElseThrow().tcpAddress().isEmpty(), "no ICE-TCP here");
            try {
                Call call = join(lab);

                CallPages.SelectedPair family = CallPages.selectedPair(call.family());
                assertNotNull(family, "the family's page has a connected peer connection");
                assertEquals("relay", family.candidateType(), "with UDP dropped, through coturn: " + family);
                assertEquals("tls", family.relayProtocol(), "reached over TLS (turns:): " + family);
                assertEquals("udp", CallPages.selectedPair(call.kiosk()).protocol(), "the tablet keeps UDP");
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\ncoturn's log:\n" + lab.turn().logText(), e);
            }
        }
    }

    private record Call(Page kiosk, Page family) {
    }

    /** The family member asks from their link, the tablet answers, and both decode and hear more and more. */
    private Call join(LabCall lab) {
        Page kiosk = lab.rootPages().kiosk(lab.visit(), dir);
        Page family = lab.familyPages().family(lab.familyLink());
        CallPages.familyCallsTabletAnswers(kiosk, family);
        waitForCallState(kiosk, "in-call");
        awaitGrowingMedia(family, "the family");
        awaitGrowingMedia(kiosk, "the tablet");
        return new Call(kiosk, family);
    }

    /** Waits until the page decodes video and receives audio, then until both have grown since. */
    private static void awaitGrowingMedia(Page page, String who) {
        long[] first = await(page, who + " decodes video and receives audio", c -> c[0] > 0 && c[1] > 0);
        await(page, who + "'s decoded frames and received audio samples grow", c -> c[0] > first[0] && c[1] > first[1]);
    }

    private static long[] await(Page page, String what, Predicate<long[]> state) {
        long end = System.nanoTime() + MEDIA_BOUND_MS * 1_000_000;
        long[] last = counters(page);
        while (!state.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("within " + MEDIA_BOUND_MS + " ms, not true: " + what + "; frames decoded "
                        + last[0] + ", audio samples " + last[1] + ", selected pair " + CallPages.selectedPair(page));
            }
            page.waitForTimeout(200); // polling interval, not a wait for an outcome
            last = counters(page);
        }
        return last;
    }

    private static long[] counters(Page page) {
        try {
            JsonNode n = JSON.readTree((String) page.evaluate(COUNTERS));
            return new long[] {n.get("framesDecoded").asLong(), n.get("totalSamplesReceived").asLong()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
