package org.lucarne.bridge.forward;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;

/**
 * An endpoint's announced SSRCs, immutable: which media each carries, and which are RTX
 * (the second SSRC of an {@code FID} group, RFC 5576 §4.2 with RFC 4588 §8). RTP from an SSRC
 * not here is not forwarded.
 */
final class SourceTable {
    static final SourceTable EMPTY = new SourceTable(Map.of(), Set.of());

    private final Map<Long, MediaType> types;
    private final Set<Long> rtx;

    private SourceTable(Map<Long, MediaType> types, Set<Long> rtx) {
        this.types = types;
        this.rtx = rtx;
    }

    static SourceTable of(List<MediaSource> sources) {
        Map<Long, MediaType> types = new HashMap<>();
        Set<Long> rtx = new HashSet<>();
        for (MediaSource source : sources) {
            for (Source s : source.sources()) {
                types.put(s.ssrc(), source.type());
            }
            for (SsrcGroup group : source.ssrcGroups()) {
                for (Long ssrc : group.sources()) {
                    types.put(ssrc, source.type());
                }
                if ("FID".equals(group.semantics()) && group.sources().size() >= 2) {
                    rtx.add(group.sources().get(1));
                }
            }
        }
        return new SourceTable(Map.copyOf(types), Set.copyOf(rtx));
    }

    boolean contains(long ssrc) {
        return types.containsKey(ssrc);
    }

    /** The media of {@code ssrc}, or null when not announced. */
    MediaType type(long ssrc) {
        return types.get(ssrc);
    }

    boolean isRtx(long ssrc) {
        return rtx.contains(ssrc);
    }

    /** Video SSRCs that carry pictures (not RTX): the ones a keyframe can be asked for. */
    long[] videoMediaSsrcs() {
        return types.entrySet().stream()
                .filter(e -> e.getValue() == MediaType.VIDEO && !rtx.contains(e.getKey()))
                .mapToLong(Map.Entry::getKey).sorted().toArray();
    }

    /** Video media SSRCs here that {@code before} did not have. */
    long[] newVideoMediaSsrcs(SourceTable before) {
        return java.util.Arrays.stream(videoMediaSsrcs()).filter(s -> !before.contains(s)).toArray();
    }
}
