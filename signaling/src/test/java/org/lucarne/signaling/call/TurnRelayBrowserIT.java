package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallPages.TIMEOUT_MS;
import static org.lucarne.signaling.call.CallPages.awaitSeesAndHears;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.config.TurnSettings;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.TurnServerTls;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.ws.protocol.CallMessage;
import org.lucarne.testing.Chromium;
import org.lucarne.testing.Coturn;

/**
 * TURN with a real coturn ({@code use-auth-secret}, TLS from the server's development CA) and real Chromium: the
 * credentials of a real {@code joined} get a relay candidate over UDP and over TLS, expired ones are refused, and a
 * family page that may only relay sees and hears the tablet through coturn.
 */
class TurnRelayBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "turn-test-" + HexFormat.of().formatHex(new java.security.SecureRandom()
            .generateSeed(16));

    /** Gathers candidates with one TURN server and relay only: the candidates, and the errors coturn answered. */
    private static final String GATHER = """
            async ({ server, timeoutMs }) => {
              const pc = new RTCPeerConnection({ iceServers: [server], iceTransportPolicy: 'relay' });
              const found = [];
              const errors = [];
              pc.addEventListener('icecandidate', (e) => {
                if (e.candidate && e.candidate.candidate) {
                  found.push({ type: e.candidate.type, address: e.candidate.address, port: e.candidate.port });
                }
              });
              pc.addEventListener('icecandidateerror', (e) => errors.push({ code: e.errorCode, url: e.url }));
              const complete = new Promise((resolve) => {
                pc.addEventListener('icegatheringstatechange', () => {
                  if (pc.iceGatheringState === 'complete') resolve(true);
                });
                setTimeout(() => resolve(false), timeoutMs);
              });
              pc.createDataChannel('probe');
              await pc.setLocalDescription(await pc.createOffer());
              const done = await complete;
              const relayed = []; // the protocol between the browser and coturn, as the statistics name it
              (await pc.getStats()).forEach((r) => {
                if (r.type === 'local-candidate' && r.candidateType === 'relay') relayed.push(r.relayProtocol);
              });
              pc.close();
              return JSON.stringify({ done, found, errors, relayed });
            }
            """;

    /**
     * The family page's switch to relay only, set by the test before the page's scripts run (an init script of its
     * browser context, which nothing outside the test reaches): every RTCPeerConnection the page makes gets
     * {@code iceTransportPolicy: 'relay'}, and the configuration the call engine gave is kept to be read.
     */
    private static final String RELAY_ONLY = """
            (() => {
              const Inner = window.RTCPeerConnection;
              if (!Inner) return;
              window.__lucarneConfigs = [];
              const RelayOnly = function (config, ...rest) {
                window.__lucarneConfigs.push(JSON.parse(JSON.stringify(config || {})));
                return new Inner({ ...(config || {}), iceTransportPolicy: 'relay' }, ...rest);
              };
              RelayOnly.prototype = Inner.prototype;
              Object.setPrototypeOf(RelayOnly, Inner);
              window.RTCPeerConnection = RelayOnly;
            })();
            """;

    @TempDir
    static Path dir;
    private static Coturn turn;
    private static TestServer server;
    private static Chromium chromium;

    @RegisterExtension
    static final TestWatcher SHOW_TURN_LOG = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.err.println("coturn's log for " + context.getDisplayName() + ":\n"
                    + (turn == null ? "(not started)" : turn.logText()));
        }
    };

    @BeforeAll
    static void start() throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        TurnServerTls tls = TurnServerTls.issue(dataDir, "localhost", dir.resolve("turn-tls"));
        turn = Coturn.start(Coturn.Options.listeningOn("127.0.0.1").secret(SECRET)
                .tls(tls.certificateChain(), tls.privateKey()).allowLoopbackPeers());
        server = TestServer.start(Map.of("LUCARNE_DATA_DIR", dataDir.toString(),
                "LUCARNE_TURN_URLS", turn.url("turn", "udp") + "," + turn.url("turns", "localhost", "tcp"),
                "LUCARNE_TURN_SECRET", SECRET));
        chromium = Chromium.launchTrusting(server.caCertificate());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {chromium, server, turn}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    @Test
    void theCredentialsOfARealJoinedGetARelayCandidateOverUdpAndOverTls() throws Exception {
        JsonNode server = realJoined().get("iceServers").get(0);
        assertEquals(List.of(turn.url("turn", "udp"), turn.url("turns", "localhost", "tcp")),
                JSON.convertValue(server.get("urls"), List.class));

        JsonNode overUdp = gather(server.get("urls").get(0).asText(), server.get("username").asText(),
                server.get("credential").asText());
        assertTrue(relayed(overUdp, "udp"), "a relay candidate allocated over UDP: " + overUdp);
        JsonNode overTls = gather(server.get("urls").get(1).asText(), server.get("username").asText(),
                server.get("credential").asText());
        assertTrue(relayed(overTls, "tls"), "a relay candidate allocated over TLS: " + overTls);
    }

    @Test
    void expiredCredentialsAreRefusedByCoturn() throws Exception {
        TurnSettings settings = server.server().config().calls().turn().orElseThrow();
        Clock sixHoursAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-6)); // five-hour credentials
        CallMessage.IceServer expired = new TurnCredentials(settings, sixHoursAgo).forParticipant("p-expired");
        assertTrue(Long.parseLong(expired.username().split(":")[0]) < System.currentTimeMillis() / 1000);

        for (String url : expired.urls()) {
            JsonNode result = gather(url, expired.username(), expired.credential());
            assertFalse(result.get("found").elements().hasNext(), "no candidate with expired credentials: " + result);
            assertTrue(result.get("errors").findValues("code").stream().anyMatch(c -> c.asInt() == 401),
                    "coturn answered 401 Unauthorized: " + result);
        }
        // The same username with a credential made with another secret is refused too.
        JsonNode forged = gather(expired.urls().get(0), "9999999999:p-forged", "bm90LXRoZS1obWFjLW9mLWFueXRoaW5n");
        assertFalse(forged.get("found").elements().hasNext(), "no candidate with a forged credential: " + forged);
    }

    @Test
    void aTurnsServerWhoseCertificateTheBrowserDoesNotTrustRelaysNothing() throws Exception {
        Path otherDataDir = Files.createDirectories(dir.resolve("another-ca"));
        TurnServerTls untrusted = TurnServerTls.issue(otherDataDir, "localhost", dir.resolve("untrusted-tls"));
        try (Coturn other = Coturn.start(Coturn.Options.listeningOn("127.0.0.1").secret(SECRET)
                .tls(untrusted.certificateChain(), untrusted.privateKey()).allowLoopbackPeers())) {
            TurnSettings settings = server.server().config().calls().turn().orElseThrow();
            CallMessage.IceServer valid = new TurnCredentials(settings, Clock.systemUTC()).forParticipant("p-tls");
            JsonNode result = gather(other.url("turns", "localhost", "tcp"), valid.username(), valid.credential());
            assertFalse(result.get("found").elements().hasNext(), "no relay through a server the browser cannot"
                    + " authenticate: " + result);
            assertTrue(gather(turn.url("turns", "localhost", "tcp"), valid.username(), valid.credential())
                    .get("found").elements().hasNext(), "while the same credentials work with the trusted one");
        }
    }

    @Test
    void aFamilyPageThatMayOnlyRelaySeesAndHearsTheTabletThroughCoturn() throws Exception {
        DemoVisit visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(),
                Clock.systemUTC());
        try (CallPages pages = new CallPages(server, chromium)) {
            Page kiosk = pages.kiosk(visit, dir.resolve("tablet"));
            Page family = pages.blankFamilyPage();
            family.addInitScript(RELAY_ONLY);
            List<String> joined = new CopyOnWriteArrayList<>();
            family.onWebSocket(ws -> ws.onFrameReceived(f -> {
                if (f.text() != null && f.text().contains("\"type\":\"joined\"")) {
                    joined.add(f.text());
                }
            }));
            family.navigate(visit.familyLink(server.origin()));
            family.waitForSelector("#join-call:enabled", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
            CallPages.familyCallsTabletAnswers(kiosk, family);

            awaitSeesAndHears(family, 1, TIMEOUT_MS);
            awaitSeesAndHears(kiosk, 1, TIMEOUT_MS);
            CallPages.SelectedPair selected = CallPages.selectedPair(family);
            assertEquals("relay", selected == null ? null : selected.candidateType(), "through coturn: " + selected);

            JsonNode lastJoined = JSON.readTree(joined.get(joined.size() - 1)).get("iceServers");
            JsonNode configs = JSON.readTree((String) family.evaluate("JSON.stringify(window.__lucarneConfigs)"));
            assertEquals(lastJoined, configs.get(configs.size() - 1).get("iceServers"),
                    "the call engine configured the session with its joined's TURN servers and credentials");
            assertTrue(turn.logText().contains(lastJoined.get(0).get("username").asText()),
                    "coturn saw the session's username");
        }
    }

    /** A family member's {@code joined} on a real socket, as the server sends it. */
    private static JsonNode realJoined() {
        try (CallSockets sockets = new CallSockets(server, dir.resolve("sockets"))) {
            TestVisit visit = sockets.book(Clock.systemUTC(), Duration.ofHours(1));
            WsTestClient kiosk = sockets.kiosk(visit);
            WsTestClient family = sockets.family(visit);
            next(family, "lobby");
            next(kiosk, "ring");
            kiosk.send(visit.msg("answer"));
            return next(family, "joined");
        }
    }

    private static JsonNode gather(String url, String username, String credential) throws Exception {
        BrowserContext context = chromium.browser().newContext();
        try {
            Page page = context.newPage();
            page.navigate(server.url("/health"));
            Object result = page.evaluate(GATHER, Map.of("server", Map.of("urls", List.of(url), "username", username,
                    "credential", credential), "timeoutMs", 10_000));
            return JSON.readTree((String) result);
        } finally {
            context.close();
        }
    }

    private static boolean relayed(JsonNode result, String relayProtocol) {
        boolean candidate = false;
        for (JsonNode c : result.get("found")) {
            candidate |= "relay".equals(c.get("type").asText());
        }
        boolean protocol = false;
        for (JsonNode p : result.get("relayed")) {
            protocol |= relayProtocol.equals(p.asText());
        }
        return candidate && protocol;
    }
}
