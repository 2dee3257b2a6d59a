package org.lucarne.signaling.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;
import org.lucarne.signaling.call.CallPages;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.TurnServerTls;
import org.lucarne.testing.Chromium;
import org.lucarne.testing.Coturn;
import org.lucarne.testing.net.LabNamespace;
import org.lucarne.testing.net.NetLab;

/**
 * A visit whose family member sits behind a network of the test's making: a real server and its
 * embedded bridge in the root namespace, the kiosk's Chromium beside them, and the family's Chromium
 * in a {@link NetLab} namespace (blocked, shaped or flapping as the test says). The server listens on
 * every address and stays {@code https://localhost}, the name its certificate carries: the family's
 * Chromium maps {@code localhost} to the lab link's root address, the kiosk's reaches it on loopback
 * (Playwright's client-certificate proxy resolves names itself, so the kiosk keeps the real one).
 * The bridge's host candidate is the lab link's root address, which both reach. With TURN
 * ({@link #startWithTurn}), a real coturn listens on that address too, with TLS from the server's CA,
 * and the server hands out its credentials ({@code turns:} first, then {@code turn:} over UDP).
 *
 * <pre>{@code
 * try (LabCall lab = LabCall.start(Map.of())) {
 *     lab.family().blockUdp();
 *     Page kiosk = lab.rootPages().kiosk(lab.visit(), dir);
 *     Page jean = lab.familyPages().family(lab.familyLink());
 * }
 * }</pre>
 */
final class LabCall implements AutoCloseable {
    private final NetLab lab;
    private final LabNamespace family;
    private final TestServer server;
    private final Chromium rootChromium;
    private final Chromium familyChromium;
    private final CallPages rootPages;
    private final CallPages familyPages;
    private final DemoVisit visit;
    private final Optional<Coturn> turn;

    private LabCall(NetLab lab, LabNamespace family, TestServer server, Chromium rootChromium,
            Chromium familyChromium, Optional<Coturn> turn) {
        this.lab = lab;
        this.turn = turn;
        this.family = family;
        this.server = server;
        this.rootChromium = rootChromium;
        this.familyChromium = familyChromium;
        this.rootPages = new CallPages(server, rootChromium);
        this.familyPages = new CallPages(server, familyChromium);
        this.visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(), Clock.systemUTC());
    }

    /** Opens the lab (skips the test unless root), a family namespace, the server and both browsers. */
    static LabCall start(Map<String, String> env) {
        return start(env, false, ns -> { });
    }

    /**
     * The same, with {@code network} applied to the family's namespace before any browser starts: a
     * shape with a delay replaces the link, which a running Chromium would take for a network change.
     */
    static LabCall start(Map<String, String> env, Consumer<LabNamespace> network) {
        return start(env, false, network);
    }

    /** The same, with a coturn on the lab link's root address whose credentials the server hands out. */
    static LabCall startWithTurn(Map<String, String> env) {
        return start(env, true, ns -> { });
    }

    private static LabCall start(Map<String, String> env, boolean withTurn, Consumer<LabNamespace> network) {
        NetLab lab = NetLab.open();
        TestServer server = null;
        Chromium root = null;
        Coturn turn = null;
        try {
            LabNamespace family = lab.namespace();
            network.accept(family);
            Map<String, String> all = new HashMap<>();
            all.put("LUCARNE_BIND_ADDRESS", "0.0.0.0");
            all.put("LUCARNE_BRIDGE_UDP_HOST", family.rootAddress());
            if (withTurn) {
                turn = coturn(family, all);
            }
            all.putAll(env);
            server = TestServer.start(all);
            root = Chromium.launch(Chromium.Launch.trusting(server.caCertificate()));
            Chromium inLab = Chromium.launch(Chromium.Launch.trusting(server.caCertificate())
                    .executable(family.chromiumExecutable())
                    .flag("--host-resolver-rules=MAP localhost " + family.rootAddress()));
            return new LabCall(lab, family, server, root, inLab, Optional.ofNullable(turn));
        } catch (RuntimeException e) {
            if (root != null) {
                root.close();
            }
            if (server != null) {
                server.close();
            }
            if (turn != null) {
                turn.close();
            }
            lab.close();
            throw e;
        }
    }

    /**
     * coturn on the link's root address, relaying to the bridge there (no loopback peer); its certificate, for
     * that address, from the development CA made first in the data directory the server then starts on.
     */
    private static Coturn coturn(LabNamespace family, Map<String, String> env) {
        try {
            Path dataDir = Files.createTempDirectory("lucarne-test-");
            TurnServerTls tls = TurnServerTls.issue(dataDir, "localhost", dataDir.resolve("turn-tls"),
                    family.rootAddress());
            String secret = "turn-test-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Coturn turn = Coturn.start(Coturn.Options.listeningOn(family.rootAddress()).secret(secret)
                    .tls(tls.certificateChain(), tls.privateKey()));
            env.put("LUCARNE_DATA_DIR", dataDir.toString());
            env.put("LUCARNE_TURN_URLS", turn.url("turns", "tcp") + "," + turn.url("turn", "udp"));
            env.put("LUCARNE_TURN_SECRET", secret);
            return turn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LabNamespace family() {
        return family;
    }

    TestServer server() {
        return server;
    }

    DemoVisit visit() {
        return visit;
    }

    /** Pages of the browser in the root namespace (the kiosk's). */
    CallPages rootPages() {
        return rootPages;
    }

    /** Pages of the browser in the family's namespace. */
    CallPages familyPages() {
        return familyPages;
    }

    /** The coturn of {@link #startWithTurn}. */
    Coturn turn() {
        return turn.orElseThrow(() -> new IllegalStateException("this lab call has no TURN: use startWithTurn"));
    }

    /** The family contact's link. */
    String familyLink() {
        return visit.familyLink(server.origin());
    }

    @Override
    public void close() {
        rootPages.close();
        familyPages.close();
        familyChromium.close();
        rootChromium.close();
        server.close();
        turn.ifPresent(Coturn::close);
        lab.close();
    }
}
