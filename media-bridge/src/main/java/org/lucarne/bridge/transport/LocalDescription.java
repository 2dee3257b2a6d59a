package org.lucarne.bridge.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.dtls.CertificateFingerprint;
import org.lucarne.bridge.ice.IceCandidate;
import org.lucarne.bridge.ice.IceCredentials;

/** The bridge's side of a transport in Colibri2's form. */
final class LocalDescription {
    private LocalDescription() {
    }

    /**
     * ufrag and pwd, {@code rtcp-mux: true}, our fingerprint with {@code setup: actpass} (RFC 5763 §5:
     * the peer answers and picks its role), and the candidates ice4j gathered: UDP, and passive TCP
     * when the port has ICE-TCP.
     */
    static IceUdpTransport of(IceCredentials credentials, List<IceCandidate> candidates,
                              CertificateFingerprint fingerprint) {
        Fingerprint ours = new Fingerprint(fingerprint.hashFunction(), fingerprint.hex(), Fingerprint.Setup.ACTPASS);
        return new IceUdpTransport(credentials.ufrag(), credentials.pwd(), true, List.of(ours),
                candidates(candidates));
    }

    static List<Candidate> candidates(List<IceCandidate> in) {
        List<Candidate> out = new ArrayList<>(in.size());
        for (IceCandidate c : in) {
            Candidate.Type type = type(c.type());
            if (type == null) {
                continue;
            }
            if ("udp".equalsIgnoreCase(c.protocol())) {
                out.add(new Candidate(c.component(), c.foundation(), c.generation(), null, c.ip(), null, c.port(),
                        c.priority(), Candidate.Protocol.UDP, type, null, null));
            } else if ("tcp".equalsIgnoreCase(c.protocol()) && "passive".equals(c.tcpType())) {
                // ICE-TCP (RFC 6544): the bridge only listens, browsers connect (their candidates are active)
                out.add(new Candidate(c.component(), c.foundation(), c.generation(), null, c.ip(), null, c.port(),
                        c.priority(), Candidate.Protocol.TCP, type, null, null, Candidate.TcpType.PASSIVE));
            }
        }
        return out;
    }

    private static Candidate.Type type(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Candidate.Type t : Candidate.Type.values()) {
            if (t.wireName().equals(lower)) {
                return t;
            }
        }
        return null;
    }
}
