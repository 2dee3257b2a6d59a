package org.lucarne.bridge.colibri;

import java.util.List;

/**
 * The ICE-UDP transport of XEP-0176 in JVB's JSON form ({@code transport.transport}), with its
 * DTLS fingerprints (XEP-0320). On the wire it always carries
 * {@code "xmlns": "urn:xmpp:jingle:transports:ice-udp:1"}: JVB ignores one without it.
 *
 * @param ufrag        the ICE username fragment (RFC 8445 §5.3); may be absent
 * @param pwd          the ICE password; may be absent
 * @param rtcpMux      RTP and RTCP share the transport (written as {@code rtcp-mux: true} only when true)
 * @param fingerprints the DTLS certificate fingerprints and roles
 * @param candidates   the ICE candidates
 */
public record IceUdpTransport(String ufrag, String pwd, boolean rtcpMux, List<Fingerprint> fingerprints,
                              List<Candidate> candidates) {
    public static final String NAMESPACE = "urn:xmpp:jingle:transports:ice-udp:1";

    public IceUdpTransport {
        fingerprints = Copies.list(fingerprints);
        candidates = Copies.list(candidates);
    }
}
