package org.lucarne.bridge.dtls;

import org.lucarne.bridge.srtp.SrtpProfile;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * DTLS-SRTP settings.
 *
 * @param handshakeTimeout how long a handshake may take in all, retransmissions included
 * @param srtpProfiles     SRTP profiles we accept, most preferred first. As client we offer them in
 *                         this order; as server we pick the first of ours that the client offered
 *                         (RFC 5764 §4.1.1 leaves the choice to the server).
 */
public record DtlsConfig(Duration handshakeTimeout, List<SrtpProfile> srtpProfiles) {

    /**
     * Default order: AEAD_AES_128_GCM, then AES128_CM_HMAC_SHA1_80. GCM authenticates with a 128-bit
     * tag instead of 80 bits, needs one AES pass instead of AES plus HMAC-SHA1, and is what
     * Chromium offers first; CM_80 stays for peers without GCM (the mandatory profile for WebRTC,
     * RFC 8827 §6.5).
     */
    public static final List<SrtpProfile> DEFAULT_PROFILES =
            List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80);

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    public DtlsConfig {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(srtpProfiles, "srtpProfiles");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()
                || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshakeTimeout must be positive and under 24 days, got "
                    + handshakeTimeout);
        }
        if (srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("srtpProfiles must name at least one SRTP profile");
        }
        if (EnumSet.copyOf(srtpProfiles).size() != srtpProfiles.size()) {
            throw new IllegalArgumentException("srtpProfiles lists a profile twice: " + srtpProfiles);
        }
        srtpProfiles = List.copyOf(srtpProfiles);
    }

    public static DtlsConfig defaults() {
        return new DtlsConfig(DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_PROFILES);
    }

    public DtlsConfig withHandshakeTimeout(Duration timeout) {
        return new DtlsConfig(timeout, srtpProfiles);
    }

    public DtlsConfig withSrtpProfiles(List<SrtpProfile> profiles) {
        return new DtlsConfig(handshakeTimeout, profiles);
    }
}
