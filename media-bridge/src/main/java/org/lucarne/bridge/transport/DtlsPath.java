package org.lucarne.bridge.transport;

import java.io.IOException;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The ICE path as the DTLS layer sees it, minus close: Bouncy Castle closes its transport when
 * the association fails (a peer's alert, a forged record), and that must not cut the SRTP media
 * that shares the path. The endpoint transport closes the ICE path itself.
 */
final class DtlsPath implements DatagramTransport {
    private final DatagramTransport path;

    DtlsPath(DatagramTransport path) {
        this.path = path;
    }

    @Override
    public int getReceiveLimit() throws IOException {
        return path.getReceiveLimit();
    }

    @Override
    public int getSendLimit() throws IOException {
        return path.getSendLimit();
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        return path.receive(buf, off, len, waitMillis);
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        path.send(buf, off, len);
    }

    @Override
    public void close() {
        // the owner closes the ICE path
    }
}
