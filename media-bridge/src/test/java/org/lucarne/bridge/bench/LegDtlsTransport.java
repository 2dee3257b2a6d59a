package org.lucarne.bridge.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * A peer leg's selected pair as Bouncy Castle's {@link DatagramTransport}: DTLS records the
 * receiver thread hands over come out of {@link #receive}, and {@link #send} writes to the peer.
 */
final class LegDtlsTransport implements DatagramTransport {
    private static final int MTU = 1472;

    private final DatagramChannel channel;
    private final InetSocketAddress peer;
    private final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(64);

    LegDtlsTransport(DatagramChannel channel, InetSocketAddress peer) {
        this.channel = channel;
        this.peer = peer;
    }

    /** From the receiver thread; dropped when the handshake is not reading (as UDP would). */
    void deliver(byte[] record) {
        received.offer(record);
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
        try {
            byte[] record = received.poll(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
            if (record == null) {
                return -1;
            }
            int n = Math.min(len, record.length);
            System.arraycopy(record, 0, buf, off, n);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the DTLS handshake");
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        channel.send(ByteBuffer.wrap(buf, off, len), peer);
    }

    @Override
    public void close() {
        received.clear();
    }
}
