package org.lucarne.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.lucarne.testing.Chromium;

/**
 * A network lab for tests: Linux network namespaces joined to the root namespace by veth pairs, with
 * addresses from 198.18.0.0/15 (RFC 2544's range for such tests), where a browser or any process
 * can be put behind a blocked, shaped or flapping link while the servers under test stay in the
 * root namespace. Needs root (CI runs as root); {@link #open()} skips the test with an assumption
 * otherwise. Uses {@code ip}, {@code nft} and {@code tc}, which {@code ./lucarne test} installs.
 *
 * <pre>{@code
 * try (NetLab lab = NetLab.open()) {
 *     LabNamespace family = lab.namespace();          // 198.18.N.2, its link's root end 198.18.N.1
 *     family.blockUdp();                               // nftables inside: UDP dropped both ways, TCP passes
 *     family.shape(new LinkShape(400, Duration.ofMillis(100), 3));   // netem on both veth ends
 *     // a server listening on family.rootAddress() (or 0.0.0.0) is what the namespace reaches
 *     try (Chromium browser = Chromium.launch(Chromium.Launch.trusting(ca)
 *             .executable(family.chromiumExecutable())
 *             .flag("--host-resolver-rules=MAP localhost " + family.rootAddress()))) { ... }
 *     family.linkDown(); family.linkUpWithNewAddress();  // a network change: .3 instead of .2
 *     family.command(List.of("bash", "-c", "...")).start();   // any process inside
 * }
 * }</pre>
 *
 * TLS stays checked: the browser in the namespace maps the name the server's certificate carries
 * ({@code localhost} for a test server) to the link's root address. A browser that presents a client
 * certificate goes through Playwright's own proxy, which resolves names itself: keep that one in the
 * root namespace. signaling's {@code network.LabCall} is the whole set-up for a visit (server,
 * embedded bridge on the lab address, kiosk beside it, family in the namespace), and its
 * {@code BlockedUdpBrowserIT} shows how to add a way through a blocked network as one more test.
 *
 * <p>Every name starts with {@code lnl-} and the owning JVM's process id ({@code lnl-<pid36>-<n>},
 * veth ends {@code …r} in the root namespace and {@code …i} inside), at most 15 characters.
 * {@link #close()} removes the namespaces (with them their nftables tables, qdiscs and veth pairs);
 * {@link #open()} first removes what a killed run left behind, i.e. lab names whose process is gone,
 * and never touches a live run's. Each namespace gets a /24 that no root-namespace address is in,
 * chosen under a machine-wide file lock, so parallel runs do not collide.
 */
public final class NetLab implements AutoCloseable {
    static final String PREFIX = "lnl-";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "([0-9a-z]+)-(\\d+)[ri]?$");

    private final String owner = Long.toString(ProcessHandle.current().pid(), 36);
    private final List<LabNamespace> namespaces = new ArrayList<>();
    private final Path scratch;
    private int next;

    private NetLab(Path scratch) {
        this.scratch = scratch;
    }

    /** Opens a lab after sweeping a dead run's leftovers; skips the calling test unless running as root. */
    public static NetLab open() {
        Assumptions.assumeTrue(isRoot(), "the network lab needs root (network namespaces, nftables, tc); "
                + "CI and ./lucarne test run as root");
        sweepLeftovers();
        try {
            return new NetLab(Files.createTempDirectory("lucarne-netlab-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lab's scratch directory: " + e.getMessage(), e);
        }
    }

    /** Whether this process runs as root, which the lab needs. */
    public static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip());
        } catch (IOException e) {
            return false;
        }
    }

    /** A new namespace with its own /24, up and routed, UDP allowed and the link unshaped. */
    public synchronized LabNamespace namespace() {
        if (next > 99) {
            throw new IllegalStateException("a lab holds at most 100 namespaces");
        }
        String name = PREFIX + owner + "-" + next++;
        LabNamespace ns = LabNamespace.create(name, scratch, Chromium.executable());
        namespaces.add(ns);
        return ns;
    }

    /**
     * How long a browser outside the lab may take to hear of the links this lab removed: Chromium
     * reports an address or link change up to 2 s after it happens, and fails whatever page load is
     * under way then with {@code ERR_NETWORK_CHANGED}. {@link #close()} waits this long, so the next
     * test's browsers load their pages on a settled network.
     */
    static final long SETTLE_MILLIS = 2_500;

    /** Removes every namespace this lab made, and its scratch directory; then lets the network settle. */
    @Override
    public synchronized void close() {
        boolean removed = !namespaces.isEmpty();
        for (LabNamespace ns : namespaces) {
            ns.remove();
        }
        namespaces.clear();
        if (removed) {
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            // a leftover empty temporary directory is not worth failing a test for
        }
    }

    /** Names of lab namespaces and root-namespace links that exist now (for tests of the clean-up). */
    static List<String> existingNames() {
        List<String> names = new ArrayList<>();
        for (String line : Commands.lines(Commands.run("ip", "netns", "list"))) {
            String n = line.split(" ")[0];
            if (n.startsWith(PREFIX)) {
                names.add(n);
            }
        }
        for (String line : Commands.lines(Commands.run("ip", "-o", "link", "show"))) {
            String[] fields = line.split(":\\s+");
            if (fields.length > 1) {
                String n = fields[1].split("@")[0];
                if (n.startsWith(PREFIX)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** Deletes lab namespaces and links whose owning process no longer runs. */
    static void sweepLeftovers() {
        for (String name : existingNames()) {
            Matcher m = OURS.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1), 36)).isEmpty()) {
                if (name.endsWith("r")) {
                    Commands.tryRun("ip", "link", "del", name);
                } else {
                    Commands.tryRun("ip", "netns", "del", name);
                }
            }
        }
    }
}
