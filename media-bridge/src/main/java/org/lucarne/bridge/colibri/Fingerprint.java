package org.lucarne.bridge.colibri;

import java.util.Objects;

/**
 * A DTLS certificate fingerprint (XEP-0320; RFC 8122 §5) with the DTLS role (RFC 4145 §4).
 *
 * @param hash        the hash function's name, for example {@code sha-256}
 * @param fingerprint upper- or lower-case hex bytes separated by colons
 * @param setup       the DTLS role; may be absent
 */
public record Fingerprint(String hash, String fingerprint, Setup setup) {
    public Fingerprint {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** RFC 4145 §4 roles; {@code holdconn} has no use in WebRTC and is refused. */
    public enum Setup implements WireName {
        ACTPASS("actpass"),
        ACTIVE("active"),
        PASSIVE("passive");

        private final String wireName;

        Setup(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }
}
