package org.lucarne.bridge.ice;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real ICE over loopback: a bridge session on a shared port against a client full agent. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IceSessionIT {
    private static final long WAIT_SECONDS = 10;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private IcePort port;

    @BeforeEach
    void openPort() throws Exception {
        port = IcePort.open(IcePortConfig.loopbackEphemeral());
        toClose.add(port);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** A session and the states it reported. */
    private record Probe(IceSession session, LinkedBlockingQueue<IceState> states) {
        IceState next() throws InterruptedException {
            IceState s = states.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            return s == null ? IceState.CHECKING : s;
        }
    }

    private Probe bridge(Duration timeout) throws Exception {
        LinkedBlockingQueue<IceState> states = new LinkedBlockingQueue<>();
        IceSession s = IceSession.create(port, true, timeout, (session, st) -> states.add(st));
        toClose.add(s);
        return new Probe(s, states);
    }

    private Probe client(Duration timeout) throws Exception {
        LinkedBlockingQueue<IceState> states = new LinkedBlockingQueue<>();
        LoopbackClientHarvester harvester = new LoopbackClientHarvester();
        toClose.add(harvester);
        IceSession s = IceSession.withHarvester(harvester, false, timeout, (session, st) -> states.add(st));
        toClose.add(s);
        return new Probe(s, states);
    }

    private static void connect(Probe bridge, Probe client, IceCredentials bridgeSeesClient) {
        // The bridge, like JVB, learns the client's address from its checks: no candidates.
        bridge.session().start(bridgeSeesClient, List.of());
        client.session().start(bridge.session().localCredentials(), bridge.session().localCandidates());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String receive(IceDatagramTransport t) throws Exception {
        byte[] buf = new byte[1500];
        int n = t.receive(buf, 0, buf.length, (int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return n < 0 ? "<nothing>" : new String(buf, 0, n, StandardCharsets.US_ASCII);
    }

    @Test
    void bridgeAdvertisesOneHostCandidateOnTheSharedPort() throws Exception {
        Probe b = bridge(Duration.ofSeconds(5));
        List<IceCandidate> candidates = b.session().localCandidates();
        assertEquals(1, candidates.size(), candidates.toString());
        IceCandidate host = candidates.get(0);
        assertEquals("host", host.type());
        assertEquals("udp", host.protocol());
        assertEquals("127.0.0.1", host.ip());
        assertEquals(port.localAddress().getPort(), host.port());
        assertEquals(1, host.component());
        assertEquals(0, host.generation());
    }

    @Test
    void connectsOverLoopbackAndCarriesDatagramsBothWays() throws Exception {
        Probe b = bridge(Duration.ofSeconds(10));
        Probe c = client(Duration.ofSeconds(10));
        connect(b, c, c.session().localCredentials());

        assertEquals(IceState.CONNECTED, b.next());
        assertEquals(IceState.CONNECTED, c.next());

        b.session().transport().send(bytes("to-client"), 0, 9);
        assertEquals("to-client", receive(c.session().transport()));
        c.session().transport().send(bytes("to-bridge"), 0, 9);
        assertEquals("to-bridge", receive(b.session().transport()));
    }

    @Test
    void wrongRemotePasswordNeverConnectsAndFailsInBoundedTime() throws Exception {
        Probe b = bridge(Duration.ofSeconds(3));
        Probe c = client(Duration.ofSeconds(3));
        IceCredentials real = c.session().localCredentials();
        IceCredentials wrongPwd = new IceCredentials(real.ufrag(), "x".repeat(24));
        // The client uses a wrong password for the bridge: its checks fail integrity (401).
        b.session().start(real, List.of());
        IceCredentials bridgeCreds = b.session().localCredentials();
        c.session().start(new IceCredentials(bridgeCreds.ufrag(), wrongPwd.pwd()), b.session().localCandidates());

        assertEquals(IceState.FAILED, b.next());
        assertEquals(IceState.FAILED, c.next());
        assertThrows(IllegalStateException.class, () -> b.session().transport());
    }

    @Test
    void closedSessionLeavesThePortAndTheNextSessionConnects() throws Exception {
        Probe first = bridge(Duration.ofSeconds(10));
        IceCredentials firstCreds = first.session().localCredentials();
        List<IceCandidate> firstCandidates = first.session().localCandidates();
        first.session().close();
        assertEquals(IceState.CLOSED, first.next());

        // Checks addressed to the closed session's ufrag are dropped by the port.
        Probe late = client(Duration.ofSeconds(3));
        late.session().start(firstCreds, firstCandidates);
        assertEquals(IceState.FAILED, late.next());

        Probe second = bridge(Duration.ofSeconds(10));
        Probe c = client(Duration.ofSeconds(10));
        connect(second, c, c.session().localCredentials());
        assertEquals(IceState.CONNECTED, second.next());
        assertEquals(IceState.CONNECTED, c.next());
    }

    @Test
    void advertisedAddressAddsAServerReflexiveCandidate() throws Exception {
        try (IcePort natted = IcePort.open(new IcePortConfig("127.0.0.1", 0, "203.0.113.7"))) {
            try (IceSession s = IceSession.create(natted, true, (session, st) -> { })) {
                List<IceCandidate> candidates = s.localCandidates();
                assertEquals(2, candidates.size(), candidates.toString());
                IceCandidate srflx = candidates.get(1);
                assertEquals("srflx", srflx.type());
                assertEquals("203.0.113.7", srflx.ip());
                assertEquals(natted.localAddress().getPort(), srflx.port());
                assertTrue(srflx.priority() < candidates.get(0).priority());
            }
        }
    }
}
