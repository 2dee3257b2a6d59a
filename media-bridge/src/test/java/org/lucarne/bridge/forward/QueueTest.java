package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.RtpPacket;

/** Work per endpoint is queued, bounded, in order, fair between endpoints, and stops on removal. */
class QueueTest {

    @Test
    void fullQueueDropsAndCountsInsteadOfBlockingThePort() {
        ManualExecutor workers = new ManualExecutor();
        TestConference conf = new TestConference(workers, 4);
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        workers.runAll();

        for (int seq = 1; seq <= 6; seq++) {
            a.sendRtp(Packets.rtp(111, seq, 960L * seq, 1111, 20));
        }
        assertEquals(2, conf.stats.snapshot().dropped(ForwardingStats.QUEUE_FULL));
        workers.runAll();

        assertEquals(List.of(1, 2, 3, 4), b.rtp().stream().map(RtpPacket::sequenceNumber).toList());
    }

    @Test
    void busyEndpointGivesItsWorkerBackSoOthersAreNotStalled() {
        ManualExecutor workers = new ManualExecutor();
        TestConference conf = new TestConference(workers, 1024);
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        Peer c = conf.connectedPeer("c", 5555, 6666);
        workers.runAll();
        for (int seq = 1; seq <= 200; seq++) {
            a.sendRtp(Packets.rtp(111, seq, 960L * seq, 1111, 20));
        }
        c.sendRtp(Packets.rtp(111, 1, 960, 5555, 20));

        workers.runOne();
        workers.runOne();

        List<Long> ssrcs = b.rtp().stream().map(RtpPacket::ssrc).toList();
        assertEquals(SerialQueue.BATCH, ssrcs.stream().filter(s -> s == 1111).count());
        assertTrue(ssrcs.contains(5555L), "c's packet went out before the rest of a's");
    }

    @Test
    void packetsOfOneEndpointKeepTheirOrderOnAPoolOfWorkers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            TestConference conf = new TestConference(pool, 1024);
            Peer a = conf.connectedPeer("a", 1111, 2222);
            Peer b = conf.connectedPeer("b", 3333, 4444);
            for (int seq = 1; seq <= 300; seq++) {
                a.sendRtp(Packets.rtp(111, seq, 960L * seq, 1111, 20));
            }
            waitForRtp(b, 300);

            List<Integer> seqs = b.rtp().stream().map(RtpPacket::sequenceNumber).toList();
            assertEquals(300, seqs.size());
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i + 1, seqs.get(i), "position " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removedEndpointRunsNothingQueuedAndGetsNothingMore() {
        ManualExecutor workers = new ManualExecutor();
        TestConference conf = new TestConference(workers, 1024);
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        Peer c = conf.connectedPeer("c", 5555, 6666);
        workers.runAll();
        b.clear();
        c.clear();
        a.sendRtp(Packets.rtp(111, 1, 960, 1111, 20));

        conf.router.removeEndpoint("a");
        conf.router.removeEndpoint("c");
        workers.runAll();
        b.sendRtp(Packets.rtp(111, 1, 960, 3333, 20));
        a.sendRtp(Packets.rtp(111, 2, 1920, 1111, 20));
        workers.runAll();

        assertTrue(b.rtp().isEmpty(), "a's queued packet never ran");
        assertEquals(0, c.datagramsReceived(), "nothing is sent to a removed endpoint");
        assertEquals(1, conf.router.endpointCount());
        assertEquals(1, conf.stats.snapshot().dropped(ForwardingStats.ENDPOINT_REMOVED));
        conf.router.removeEndpoint("nobody");
    }

    @Test
    void closedRouterHasNoEndpointsAndRefusesNewOnes() {
        TestConference conf = new TestConference();
        conf.connectedPeer("a", 1111, 2222);
        conf.connectedPeer("b", 3333, 4444);

        conf.router.close();
        conf.router.close();

        assertEquals(0, conf.router.endpointCount());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> conf.router.addEndpoint("c", (d, o, l) -> { }));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void duplicateEndpointIdIsRefusedWithItsName() {
        TestConference conf = new TestConference();
        conf.connectedPeer("a", 1111, 2222);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> conf.router.addEndpoint("a", (d, o, l) -> { }));
        assertTrue(e.getMessage().contains("a is already"), e.getMessage());
    }

    /** Waits (bounded) for the workers to deliver; asserts on what arrived, never on how fast. */
    private static void waitForRtp(Peer receiver, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (receiver.rtp().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
