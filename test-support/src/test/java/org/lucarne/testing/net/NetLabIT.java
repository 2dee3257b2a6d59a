package org.lucarne.testing.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.testing.Chromium;

/** The lab on the real kernel: namespaces, nftables, netem, clean-up, and a Chromium inside. */
class NetLabIT {
    private static final int BOUND_MS = 10_000;

    private NetLab lab;
    private LabNamespace ns;

    @BeforeEach
    void openLab() {
        lab = NetLab.open();
        ns = lab.namespace();
    }

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void tcpConnectFromTheNamespaceReachesTheRootSide() throws Exception {
        try (ServerSocket server = listen()) {
            Process client = inside("exec 3<>/dev/tcp/" + ns.rootAddress() + "/" + server.getLocalPort()
                    + "; printf hello >&3");
            try (Socket accepted = server.accept()) {
                assertEquals("hello", new String(accepted.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(ns.address(), accepted.getInetAddress().getHostAddress());
            }
            assertEquals(0, finish(client));
        }
    }

    @Test
    void tcpStillPassesWhenUdpIsBlocked() throws Exception {
        ns.blockUdp();
        try (ServerSocket server = listen()) {
            Process client = inside("exec 3<>/dev/tcp/" + ns.rootAddress() + "/" + server.getLocalPort()
                    + "; printf through >&3");
            try (Socket accepted = server.accept()) {
                assertEquals("through", new String(accepted.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(0, finish(client));
        }
    }

    @Test
    void udpFromTheNamespaceIsDroppedWhileBlockedAndArrivesOnceAllowed() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(ns.rootAddress(), 0))) {
            socket.setSoTimeout(BOUND_MS);
            String target = "/dev/udp/" + ns.rootAddress() + "/" + socket.getLocalPort();
            ns.blockUdp();
            Process blocked = inside("printf blocked > " + target);
            assertNotEquals(0, finish(blocked), "nftables refuses the datagram at output, so the send fails");
            ns.allowUdp();
            assertEquals(0, finish(inside("printf allowed > " + target)));
            // The first datagram to arrive is the one sent after the block was lifted.
            assertEquals("allowed", receive(socket));
        }
    }

    @Test
    void udpIntoTheNamespaceIsDroppedWhileBlockedAndArrivesOnceAllowed(@TempDir Path dir) throws Exception {
        Process listener = ns.command(List.of(java(), udpPrinter(dir).toString())).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress(ns.rootAddress(), 0))) {
            String ready = lines.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "the listener in the namespace says " + ready);
            InetSocketAddress target = new InetSocketAddress(ns.address(), Integer.parseInt(ready.substring(6)));
            ns.blockUdp();
            send(socket, "blocked", target);
            ns.allowUdp();
            send(socket, "allowed", target);
            assertEquals("allowed", lines.readLine(), "the first datagram the namespace got");
        } finally {
            listener.destroyForcibly().waitFor(BOUND_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void aDelayHoldsBothDirectionsAndGoesWithTheShape() throws Exception {
        ns.shape(LinkShape.delay(Duration.ofMillis(100)));
        try (ServerSocket server = listen()) {
            Process echo = inside("exec 3<>/dev/tcp/" + ns.rootAddress() + "/" + server.getLocalPort()
                    + "; head -c 1 <&3 >&3");
            try (Socket accepted = server.accept()) {
                long start = System.nanoTime();
                accepted.getOutputStream().write('x');
                accepted.getOutputStream().flush();
                assertEquals('x', accepted.getInputStream().read());
                long roundTripMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(roundTripMs >= 190, "a byte's round trip through 100 ms each way took " + roundTripMs + " ms");
            }
            assertEquals(0, finish(echo));
        }
        ns.unshape();
        try (ServerSocket server = listen()) {
            Process echo = inside("exec 3<>/dev/tcp/" + ns.rootAddress() + "/" + server.getLocalPort()
                    + "; head -c 1 <&3 >&3");
            try (Socket accepted = server.accept()) {
                accepted.getOutputStream().write('y');
                accepted.getOutputStream().flush();
                assertEquals('y', accepted.getInputStream().read(), "the plain link is back after unshape()");
            }
            assertEquals(0, finish(echo));
        }
    }

    @Test
    void rateLimitSlowsABulkTransferBothWays() throws Exception {
        ns.shape(new LinkShape(400, Duration.ZERO, 0));
        try (ServerSocket server = listen()) {
            // 100 kB at 400 kbit/s is 2 s a way; the bucket's first burst (16 kB) passes at once.
            Process client = inside("exec 3<>/dev/tcp/" + ns.rootAddress() + "/" + server.getLocalPort()
                    + "; head -c 100000 /dev/zero >&3; head -c 100000 <&3 >/dev/null; printf done >&3");
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(30_000);
                long start = System.nanoTime();
                assertEquals(100_000, accepted.getInputStream().readNBytes(100_000).length);
                long upMs = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                accepted.getOutputStream().write(new byte[100_000]);
                assertEquals("done", new String(accepted.getInputStream().readNBytes(4), StandardCharsets.UTF_8));
                long downMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(upMs > 1500, "100 kB out of the namespace at 400 kbit/s took " + upMs + " ms");
                assertTrue(downMs > 1500, "100 kB into the namespace at 400 kbit/s took " + downMs + " ms");
            }
            assertEquals(0, finish(client));
        }
    }

    @Test
    void lossDropsAboutTheShareAskedFor() throws Exception {
        ns.shape(new LinkShape(0, Duration.ZERO, 30));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(ns.rootAddress(), 0))) {
            socket.setSoTimeout(BOUND_MS);
            String target = "/dev/udp/" + ns.rootAddress() + "/" + socket.getLocalPort();
            // Each send may be refused by the loss rule at output (nftables), hence "|| true".
            assertEquals(0, finish(inside("for i in $(seq 300); do printf x > " + target + " 2>/dev/null || true; done")));
            ns.unshape();
            assertEquals(0, finish(inside("printf end > " + target)));
            int received = 0;
            while (!receive(socket).equals("end")) {
                received++;
            }
            // 30 % of 300 lost: 210 expected; 150..270 is more than six standard deviations either side.
            assertTrue(received > 150 && received < 270, received + " of 300 datagrams arrived through 30 % loss");
        }
    }

    @Test
    void theLinkComesBackWithANewAddress() throws Exception {
        String before = ns.address();
        ns.linkDown();
        try (ServerSocket server = listen()) {
            String connect = "exec 3<>/dev/tcp/" + ns.rootAddress() + "/" + server.getLocalPort() + "; printf back >&3";
            assertNotEquals(0, finish(inside(connect)), "no route while the link is down");
            String after = ns.linkUpWithNewAddress();
            assertNotEquals(before, after);
            Process client = inside(connect);
            try (Socket accepted = server.accept()) {
                assertEquals(after, accepted.getInetAddress().getHostAddress());
                assertEquals("back", new String(accepted.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(0, finish(client));
        }
    }

    @Test
    void chromiumRunsInsideTheNamespace() throws Exception {
        AtomicReference<String> seenFrom = new AtomicReference<>();
        HttpServer http = HttpServer.create(new InetSocketAddress(ns.rootAddress(), 0), 0);
        http.createContext("/", exchange -> {
            seenFrom.set(exchange.getRemoteAddress().getAddress().getHostAddress());
            byte[] body = "<title>lab</title>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        try (Chromium chromium = Chromium.launch(new Chromium.Launch().executable(ns.chromiumExecutable())
                .flag("--host-resolver-rules=MAP lab.test " + ns.rootAddress()))) {
            Page page = chromium.browser().newPage();
            page.navigate("http://lab.test:" + http.getAddress().getPort() + "/");
            assertEquals("lab", page.title());
            assertEquals(ns.address(), seenFrom.get(), "the page was fetched from the namespace's address");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void closingRemovesEveryNamespaceLinkAndAddress() {
        ns.blockUdp();
        ns.shape(new LinkShape(400, Duration.ZERO, 3));
        LabNamespace second = lab.namespace();
        assertNotEquals(ns.rootAddress(), second.rootAddress(), "each namespace has its own /24");
        List<String> ours = List.of(ns.name(), ns.rootInterface(), second.name(), second.rootInterface());
        assertTrue(NetLab.existingNames().containsAll(ours));
        lab.close();
        List<String> left = NetLab.existingNames();
        for (String name : ours) {
            assertFalse(left.contains(name), name + " is left behind");
        }
        String addresses = Commands.run("ip", "-4", "-o", "addr", "show");
        assertFalse(addresses.contains(ns.rootAddress() + "/"), addresses);
        assertFalse(addresses.contains(second.rootAddress() + "/"), addresses);
    }

    @Test
    void openingSweepsADeadRunsLeftoversButNotALiveOnes() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String dead = NetLab.PREFIX + Long.toString(gone.pid(), 36) + "-7";
        String live = NetLab.PREFIX + Long.toString(ProcessHandle.current().pid(), 36) + "-77";
        try {
            Commands.run("ip", "netns", "add", dead);
            Commands.run("ip", "link", "add", dead + "r", "type", "veth", "peer", "name", dead + "x");
            Commands.run("ip", "netns", "add", live);
            NetLab.open().close();
            List<String> left = NetLab.existingNames();
            assertFalse(left.contains(dead), "the dead run's namespace is swept");
            assertFalse(left.contains(dead + "r"), "the dead run's veth is swept");
            assertTrue(left.contains(live), "a live run's namespace stays");
        } finally {
            Commands.tryRun("ip", "netns", "del", dead);
            Commands.tryRun("ip", "link", "del", dead + "r");
            Commands.tryRun("ip", "netns", "del", live);
        }
    }

    private ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName(ns.rootAddress()));
        server.setSoTimeout(BOUND_MS);
        return server;
    }

    private Process inside(String bashScript) throws IOException {
        return ns.command(List.of("bash", "-c", bashScript)).redirectErrorStream(true).start();
    }

    private static int finish(Process p) throws InterruptedException {
        assertTrue(p.waitFor(BOUND_MS, TimeUnit.MILLISECONDS), "the process in the namespace did not finish");
        return p.exitValue();
    }

    private static String receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[64], 64);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static void send(DatagramSocket socket, String text, InetSocketAddress to) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** A one-file program (run by the java launcher) that prints each datagram it receives. */
    private static Path udpPrinter(Path dir) throws IOException {
        return Files.writeString(dir.resolve("UdpPrinter.java"), """
                import java.net.*;
                public class UdpPrinter {
                    public static void main(String[] args) throws Exception {
                        try (DatagramSocket s = new DatagramSocket(0)) {
                            System.out.println("ready " + s.getLocalPort());
                            byte[] b = new byte[64];
                            while (true) {
                                DatagramPacket p = new DatagramPacket(b, b.length);
                                s.receive(p);
                                System.out.println(new String(b, 0, p.getLength()));
                            }
                        }
                    }
                }
                """);
    }
}
