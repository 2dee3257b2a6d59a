package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lucarne.signaling.call.CallPages.TIMEOUT_MS;
import static org.lucarne.signaling.call.CallPages.awaitSeesAndHears;
import static org.lucarne.signaling.call.CallPages.waitForCallState;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.TurnServerTls;
import org.lucarne.testing.Chromium;
import org.lucarne.testing.Coturn;
import org.lucarne.testing.net.LabNamespace;
import org.lucarne.testing.net.NetLab;

/**
 * A family member on a network that drops every UDP datagram (a workplace firewall) calls the tablet: their
 * Chromium runs in a network namespace of the lab with UDP blocked, and reaches the server and coturn only over
 * TCP; the media go over TURN on TLS ({@code turns:…?transport=tcp}) to coturn, which relays them to the bridge.
 * The tablet's Chromium stays outside, with UDP. Needs root (the lab skips otherwise).
 */
class TurnUdpBlockedBrowserIT {
    @TempDir
    Path dir;

    @Test
    void aFamilyWhoseNetworkDropsUdpSeesAndHearsTheTabletThroughCoturnOverTls() throws Exception {
        try (NetLab lab = NetLab.open()) {
            LabNamespace network = lab.namespace();
            network.blockUdp();
            String secret = "turn-test-" + HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
            Path dataDir = Files.createDirectories(dir.resolve("data"));
            // The server's host is the link's address: what both browsers (and Playwright's client-certificate
            // proxy for the tablet) reach without a name to resolve.
            String host = network.rootAddress();
            TurnServerTls tls = TurnServerTls.issue(dataDir, host, dir.resolve("turn-tls"));
            // coturn where the family's network reaches it; it relays from loopback, where the test's bridge is.
            try (Coturn turn = Coturn.start(Coturn.Options.listeningOn(network.rootAddress()).relayFrom("127.0.0.1")
                    .secret(secret).tls(tls.certificateChain(), tls.privateKey()).allowLoopbackPeers());
                 TestServer server = TestServer.start(Map.of("LUCARNE_DATA_DIR", dataDir.toString(),
                         "LUCARNE_HOST", host, "LUCARNE_BIND_ADDRESS", host,
                         "LUCARNE_TURN_URLS", turn.url("turn", "udp") + "," + turn.url("turns", "tcp"),
                         "LUCARNE_TURN_SECRET", secret));
                 Chromium tablet = Chromium.launchTrusting(tls.caCertificate());
                 Chromium family = Chromium.launch(Chromium.Launch.trusting(tls.caCertificate())
                         .executable(network.chromiumExecutable()));
                 CallPages tabletPages = new CallPages(server, tablet);
                 CallPages familyPages = new CallPages(server, family)) {
                DemoVisit visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(),
                        Clock.systemUTC());
                Page kiosk = tabletPages.kiosk(visit, dir.resolve("tablet"));
                Page page = familyPages.family(visit.familyLink(server.origin()));
                page.click("#join-call");
                kiosk.waitForSelector("body[data-kiosk-screen=\"incoming\"]",
                        new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
                kiosk.click("#kiosk-answer");
                try {
                    waitForCallState(page, "in-call");
                    awaitSeesAndHears(page, 1, TIMEOUT_MS);
                    awaitSeesAndHears(kiosk, 1, TIMEOUT_MS);
                    CallPages.SelectedPair selected = CallPages.selectedPair(page);
                    assertEquals("relay", selected == null ? null : selected.candidateType(), "relayed: " + selected);
                    assertEquals("tls", selected.relayProtocol(), "over TLS: " + selected);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(e.getMessage() + "\ncoturn's log:\n" + turn.logText(), e);
                }
            }
        }
    }
}
