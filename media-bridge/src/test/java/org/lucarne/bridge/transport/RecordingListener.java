package org.lucarne.bridge.transport;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.lucarne.bridge.srtp.SrtpSession;

/** Keeps what a transport reported, for tests to wait on. */
final class RecordingListener implements TransportListener {
    final BlockingQueue<SrtpSession> connected = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    final BlockingQueue<String> failed = new LinkedBlockingQueue<>();

    @Override
    public void connected(SrtpSession srtp) {
        connected.add(srtp);
    }

    @Override
    public void received(byte[] datagram, long receivedAtNanos) {
        received.add(datagram);
    }

    @Override
    public void failed(String reason) {
        failed.add(reason);
    }

    static <T> T next(BlockingQueue<T> queue, Duration wait) throws InterruptedException {
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
