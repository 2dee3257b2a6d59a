package org.lucarne.bridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.bridge.browser.focus.Colibri2Client;
import org.lucarne.bridge.browser.focus.FocusConference;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.testing.Chromium;
import org.lucarne.testing.net.LabNamespace;
import org.lucarne.testing.net.NetLab;

/**
 * ICE over TCP in Chromium: the bridge listens for ICE-TCP on the network lab's address, one page
 * runs in a namespace whose UDP is dropped and one in the root namespace with UDP; set up through
 * Colibri2 alone, as {@link BridgeBrowserIT}. Needs root (the lab skips the test otherwise).
 */
class IceTcpBrowserIT {
    private static final Duration MEDIA_DEADLINE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private NetLab lab;
    private MediaBridge bridge;
    private Chromium withoutUdp;
    private Chromium withUdp;
    private CallPage alice;
    private CallPage bob;

    @BeforeEach
    void start() throws Exception {
        lab = NetLab.open();
        LabNamespace family = lab.namespace();
        family.blockUdp();
        bridge = MediaBridge.create(new BridgeConfig("127.0.0.1", 0, family.rootAddress(), 0, Optional.empty(),
                Duration.ofSeconds(60), Optional.empty(), OptionalInt.of(0)), Clock.systemUTC()).start();
        withoutUdp = Chromium.launch(new Chromium.Launch().executable(family.chromiumExecutable()));
        withUdp = Chromium.launch();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, withoutUdp, withUdp, bridge, lab}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // go on closing the rest; the lab's close comes last and removes the namespace
            }
        }
    }

    @Test
    void aPageWithoutUdpAndAPageWithUdpDecodeEachOtherThroughTheBridge() throws Exception {
        FocusConference focus = new FocusConference(new Colibri2Client(bridge.httpUri(), http), "visit-" + UUID.randomUUID());
        alice = CallPage.open(withoutUdp.browser(), "alice");
        bob = CallPage.open(withUdp.browser(), "bob");
        focus.join("alice", alice);
        focus.join("bob", bob);

        List<Candidate> offered = focus.bridgeTransport("alice").candidates();
        Candidate udp = offered.stream().filter(c -> c.protocol() == Candidate.Protocol.UDP).findFirst().orElseThrow();
        Candidate tcp = offered.stream().filter(c -> c.protocol() == Candidate.Protocol.TCP).findFirst()
                .orElseThrow(() -> new AssertionError("the bridge offers no TCP candidate: " + offered));
        assertEquals(Candidate.TcpType.PASSIVE, tcp.tcpType());
        assertEquals(bridge.tcpAddress().orElseThrow().getPort(), tcp.port());
        assertEquals(udp.ip(), tcp.ip(), "the TCP candidate is on the UDP candidate's address");
        assertTrue(tcp.priority() < udp.priority(), "TCP " + tcp.priority() + " ranks below UDP " + udp.priority());

        awaitMedia(alice, "bob");
        awaitMedia(bob, "alice");
        assertEquals("tcp", alice.stats().selectedProtocol(), "alice has no UDP: she reaches the bridge over TCP");
        assertEquals("udp", bob.stats().selectedProtocol(), "bob has UDP, which the bridge offers first");

        long before = alice.stats().framesDecodedFrom("bob");
        await("alice keeps decoding bob over TCP", () -> alice.stats().framesDecodedFrom("bob") >= before + 30);
        assertEquals(List.of(), alice.errors(), "alice's console");
        assertEquals(List.of(), bob.errors(), "bob's console");
    }

    /** The receiver decodes the sender's video and receives its audio, at a level above silence. */
    private void awaitMedia(CallPage receiver, String sender) {
        await(receiver + " decodes " + sender + "'s video and hears its audio", () -> {
            PageStats s = receiver.stats();
            return s.from(sender, "video").map(t -> t.framesDecoded() > 0).orElse(false)
                    && s.from(sender, "audio").map(t -> t.packetsReceived() > 0 && t.peakAudioLevel() > 0).orElse(false);
        });
    }

    private void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + MEDIA_DEADLINE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + MEDIA_DEADLINE.toSeconds() + " s, not true: " + what
                        + "\nalice: " + alice.stats() + "\nbob: " + bob.stats());
            }
            try {
                Thread.sleep(100); // polling interval, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
    }
}
