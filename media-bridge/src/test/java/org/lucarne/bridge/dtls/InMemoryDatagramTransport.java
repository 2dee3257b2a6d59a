package org.lucarne.bridge.dtls;

import org.bouncycastle.tls.DatagramTransport;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One end of an in-memory datagram link. Datagrams sent on one end arrive at the other, optionally
 * with random loss and reordering (a datagram held back and released after the next one).
 */
public final class InMemoryDatagramTransport implements DatagramTransport {
    private static final byte[] CLOSED = new byte[0];
    private static final int MTU = 1200;

    private final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    private final double lossRate;
    private final double reorderRate;
    private final Random random;
    private final AtomicInteger dropped = new AtomicInteger();
    private InMemoryDatagramTransport peer;
    private byte[] heldBack;
    private volatile boolean closed;

    private InMemoryDatagramTransport(double lossRate, double reorderRate, Random random) {
        this.lossRate = lossRate;
        this.reorderRate = reorderRate;
        this.random = random;
    }

    /** A perfect link. */
    public static InMemoryDatagramTransport[] pair() {
        return pair(0, 0, new Random(0));
    }

    /** A link losing and reordering datagrams in both directions with the given probabilities. */
    public static InMemoryDatagramTransport[] pair(double lossRate, double reorderRate, Random random) {
        InMemoryDatagramTransport a = new InMemoryDatagramTransport(lossRate, reorderRate, random);
        InMemoryDatagramTransport b = new InMemoryDatagramTransport(lossRate, reorderRate, random);
        a.peer = b;
        b.peer = a;
        return new InMemoryDatagramTransport[] {a, b};
    }

    /** Puts a datagram in this end's inbox as if the peer had sent it. */
    public void inject(byte[] datagram) {
        inbox.add(datagram.clone());
    }

    public int dropped() {
        return dropped.get();
    }

    @Override
    public int getReceiveLimit() {
        return MTU;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            return -1;
        }
        byte[] datagram;
        try {
            datagram = inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (datagram == null || datagram == CLOSED) {
            return -1;
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        if (len > MTU) {
            throw new IOException("datagram of " + len + " bytes over the " + MTU + "-byte limit");
        }
        byte[] datagram = Arrays.copyOfRange(buf, off, off + len);
        synchronized (this) {
            if (random.nextDouble() < lossRate) {
                dropped.incrementAndGet();
                return;
            }
            if (heldBack == null && random.nextDouble() < reorderRate) {
                heldBack = datagram;
                return;
            }
            peer.inbox.add(datagram);
            if (heldBack != null) {
                peer.inbox.add(heldBack);
                heldBack = null;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        inbox.add(CLOSED);
    }
}
