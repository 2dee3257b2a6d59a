package org.lucarne.bridge.colibri;

import java.util.Objects;

/** One RTCP feedback type of a codec ({@code rtcp-fbs[i]}), for example {@code nack} / {@code pli}. */
public record RtcpFb(String type, String subtype) {
    public RtcpFb {
        Objects.requireNonNull(type, "type");
    }
}
