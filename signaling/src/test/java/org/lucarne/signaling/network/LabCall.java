package org.lucarne.signaling.network;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.lucarne.signaling.call.CallPages;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.Chromium;
import org.lucarne.testing.net.LabNamespace;
import org.lucarne.testing.net.NetLab;

/**
 * A visit whose family member sits behind a network of the test's making: a real server and its
 * embedded bridge in the root namespace, the kiosk's Chromium beside them, and the family's Chromium
 * in a {@link NetLab} namespace (blocked, shaped or flapping as the test says). The server listens on
 * every address and stays {@code https://localhost}, the name its certificate carries: the family's
 * Chromium maps {@code localhost} to the lab link's root address, the kiosk's reaches it on loopback
 * (Playwright's client-certificate proxy resolves names itself, so the kiosk keeps the real one).
 * The bridge's host candidate is the lab link's root address, which both reach.
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

    private LabCall(NetLab lab, LabNamespace family, TestServer server, Chromium rootChromium,
            Chromium familyChromium) {
        this.lab = lab;
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
        NetLab lab = NetLab.open();
        TestServer server = null;
        Chromium root = null;
        try {
            LabNamespace family = lab.namespace();
            Map<String, String> all = new HashMap<>();
            all.put("LUCARNE_BIND_ADDRESS", "0.0.0.0");
            all.put("LUCARNE_BRIDGE_UDP_HOST", family.rootAddress());
            all.putAll(env);
            server = TestServer.start(all);
            root = Chromium.launch(Chromium.Launch.trusting(server.caCertificate()));
            Chromium inLab = Chromium.launch(Chromium.Launch.trusting(server.caCertificate())
                    .executable(family.chromiumExecutable())
                    .flag("--host-resolver-rules=MAP localhost " + family.rootAddress()));
            return new LabCall(lab, family, server, root, inLab);
        } catch (RuntimeException e) {
            if (root != null) {
                root.close();
            }
            if (server != null) {
                server.close();
            }
            lab.close();
            throw e;
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
        lab.close();
    }
}
