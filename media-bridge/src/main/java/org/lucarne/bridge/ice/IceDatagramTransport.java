package org.lucarne.bridge.ice;

import org.bouncycastle.tls.DatagramTransport;
import org.ice4j.ice.Component;
import org.ice4j.util.Buffer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Datagrams over an ICE session's selected pair: what the DTLS layer runs on (it is a Bouncy Castle
 * {@link DatagramTransport}). Non-STUN datagrams that arrive on the session are queued here, or
 * handed to the session's {@link DatagramReceiver} when it has one (which queues what it wants read
 * with {@link #enqueue}); when the queue is full the newest datagram is dropped and counted, as a UDP
 * socket would.
 */
public final class IceDatagramTransport implements DatagramTransport {
    /** MTU 1500 minus IPv4 and UDP headers. */
    static final int MAX_DATAGRAM = 1472;
    private static final int QUEUE_SIZE = 512;

    private final Component component;
    private final DatagramReceiver receiver;
    private final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private final LongAdder dropped = new LongAdder();
    private volatile boolean closed;

    /** @param receiver takes every datagram, or {@code null} to queue them all */
    IceDatagramTransport(Component component, DatagramReceiver receiver) {
        this.component = component;
        this.receiver = receiver;
    }

    /** Called on the harvester's thread for each datagram received for this session. */
    void deliver(Buffer buffer) {
        deliver(buffer.getBuffer(), buffer.getOffset(), buffer.getLength());
    }

    /** A datagram received for this session, over UDP or ICE-TCP; {@code data} is reused after the call. */
    void deliver(byte[] data, int offset, int length) {
        if (closed) {
            return;
        }
        // The one copy on the receive path: the port reuses its buffer for the next datagram.
        byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
        if (receiver != null) {
            receiver.received(this, copy, System.nanoTime());
        } else {
            enqueue(copy);
        }
    }

    /**
     * Queues a datagram for {@link #receive}; the array must not be changed afterwards.
     *
     * @return false if the transport is closed or the queue full (then counted as dropped)
     */
    public boolean enqueue(byte[] datagram) {
        if (closed) {
            return false;
        }
        if (!received.offer(datagram)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    @Override
    public int getReceiveLimit() {
        return MAX_DATAGRAM;
    }

    @Override
    public int getSendLimit() {
        return MAX_DATAGRAM;
    }

    /** Waits up to {@code waitMillis} for a datagram; returns -1 on timeout (as bctls expects). */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("ICE transport closed");
        }
        byte[] datagram;
        try {
            datagram = received.poll(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a datagram");
        }
        if (datagram == null) {
            if (closed) {
                throw new IOException("ICE transport closed");
            }
            return -1;
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("ICE transport closed");
        }
        if (len > MAX_DATAGRAM) {
            throw new IOException("datagram of " + len + " bytes exceeds the limit of " + MAX_DATAGRAM);
        }
        component.send(buf, off, len);
    }

    boolean isClosed() {
        return closed;
    }

    /** Datagrams dropped because the reader fell behind. */
    public long droppedCount() {
        return dropped.sum();
    }

    @Override
    public void close() {
        closed = true;
        received.clear();
    }
}
