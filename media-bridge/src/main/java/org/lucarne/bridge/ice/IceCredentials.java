package org.lucarne.bridge.ice;

import java.util.Objects;

/** An ICE username fragment and password (RFC 8445 §5.3). */
public record IceCredentials(String ufrag, String pwd) {
    public IceCredentials {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
        // RFC 8445 §5.3: ufrag at least 4 characters, pwd at least 22; both at most 256.
        if (ufrag.length() < 4 || ufrag.length() > 256) {
            throw new IllegalArgumentException("ICE ufrag must be 4 to 256 characters, was " + ufrag.length());
        }
        if (pwd.length() < 22 || pwd.length() > 256) {
            throw new IllegalArgumentException("ICE pwd must be 22 to 256 characters, was " + pwd.length());
        }
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=<hidden>]";
    }
}
