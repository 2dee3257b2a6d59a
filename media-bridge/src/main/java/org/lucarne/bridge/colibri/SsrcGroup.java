package org.lucarne.bridge.colibri;

import java.util.List;
import java.util.Objects;

/**
 * SSRCs that belong together (RFC 5576 §4.2): {@code FID} pairs a stream with its RTX stream,
 * {@code SIM} lists simulcast layers. On the wire the SSRCs are bare JSON numbers.
 */
public record SsrcGroup(String semantics, List<Long> sources) {
    public SsrcGroup {
        Objects.requireNonNull(semantics, "semantics");
        sources = Copies.list(sources);
    }
}
