package org.lucarne.bridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One thread reads every leg's socket (a selector, so that a hundred legs cost one thread) and
 * stamps each datagram with {@link System#nanoTime()} right after the read; it also sends the
 * legs' ICE checks when they are due.
 */
final class Receiver implements AutoCloseable {
    private static final long TICK_NANOS = 5_000_000L;

    private final Selector selector;
    private final Queue<PeerLeg> pending = new ConcurrentLinkedQueue<>();
    private final List<PeerLeg> legs = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Receiver() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        thread = new Thread(this::run, "bench-receiver");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    void add(PeerLeg leg) {
        pending.add(leg);
        selector.wakeup();
    }

    void remove(PeerLeg leg) {
        legs.remove(leg);
        SelectionKey key = leg.channel().keyFor(selector);
        if (key != null) {
            key.cancel();
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        byte[] array = buffer.array();
        long nextTick = 0;
        while (running) {
            try {
                registerPending();
                selector.select(1);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        drain((DatagramChannel) key.channel(), (PeerLeg) key.attachment(), buffer, array);
                    }
                }
                selector.selectedKeys().clear();
                if (now >= nextTick) {
                    for (PeerLeg leg : legs) {
                        leg.tick(now);
                    }
                    nextTick = now + TICK_NANOS;
                }
            } catch (IOException e) {
                if (running) {
                    System.err.println("bench receiver: " + e.getMessage());
                }
            }
        }
    }

    private void registerPending() throws ClosedChannelException {
        PeerLeg leg;
        while ((leg = pending.poll()) != null) {
            if (leg.channel().isOpen()) {
                leg.channel().register(selector, SelectionKey.OP_READ, leg);
                legs.add(leg);
            }
        }
    }

    private static void drain(DatagramChannel channel, PeerLeg leg, ByteBuffer buffer, byte[] array) {
        while (true) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                return; // closed, or an ICMP error from a peer that went away
            }
            if (from == null) {
                return;
            }
            long at = System.nanoTime();
            leg.onDatagram(array, buffer.position(), from, at);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
