package org.lucarne.bridge.bench;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.lucarne.bridge.dtls.CertificateFingerprint;

/**
 * What a synthetic peer needs from the other side, however it was signalled (an SDP answer from
 * Janus, a Colibri2 transport from Lucarne, or another peer directly).
 *
 * @param ufrag       ICE username fragment
 * @param pwd         ICE password
 * @param fingerprint DTLS certificate fingerprint
 * @param setup       the other side's a=setup (active, passive or actpass)
 * @param candidate   the one host candidate checks are sent to
 */
record RemoteDescription(String ufrag, String pwd, CertificateFingerprint fingerprint, String setup,
                         InetSocketAddress candidate) {
    RemoteDescription {
        Objects.requireNonNull(ufrag, "remote ice-ufrag");
        Objects.requireNonNull(pwd, "remote ice-pwd");
        Objects.requireNonNull(fingerprint, "remote fingerprint");
        Objects.requireNonNull(setup, "remote setup");
        Objects.requireNonNull(candidate, "remote candidate");
    }
}
