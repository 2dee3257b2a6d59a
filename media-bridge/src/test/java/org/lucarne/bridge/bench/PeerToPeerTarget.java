package org.lucarne.bridge.bench;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: the two peers of a call connect straight to each other over loopback, with the
 * same ICE, DTLS and SRTP code and the same threads as through an SFU. What an SFU adds is its
 * latency minus this one.
 */
final class PeerToPeerTarget implements CallTarget {
    static final String NAME = "peer-to-peer";
    private final InetAddress bind;

    PeerToPeerTarget(InetAddress bind) {
        this.bind = bind;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public String version() {
        return "";
    }

    @Override
    public Call open(int index, Peers peers) throws Exception {
        // The offerer controls ICE (RFC 8445 §6.1.1) and says actpass; the answerer takes active (RFC 5763 §5).
        PeerLeg a = peers.openLeg("p2p-" + index + "-a", bind, true, "actpass");
        PeerLeg b = peers.openLeg("p2p-" + index + "-b", bind, false, "active");
        Call call = new Call() {
            @Override
            public List<PeerLeg> legs() {
                return List.of(a, b);
            }

            @Override
            public void close() {
                peers.closeLeg(a);
                peers.closeLeg(b);
            }
        };
        try {
            a.connect(remoteOf(b), peers.handshakes);
            b.connect(remoteOf(a), peers.handshakes);
            a.ready().get(20, TimeUnit.SECONDS);
            b.ready().get(20, TimeUnit.SECONDS);
            return call;
        } catch (Exception e) {
            call.close();
            throw e;
        }
    }

    private static RemoteDescription remoteOf(PeerLeg leg) {
        LocalDescription d = leg.localDescription();
        return new RemoteDescription(d.ufrag(), d.pwd(),
                org.lucarne.bridge.dtls.CertificateFingerprint.parse(d.sdpFingerprint()), d.setup(), d.candidate());
    }

    @Override
    public void close() {
    }
}
