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
    static final SourceTable EMPTY = new SourceTable(Map.of(), Set.of(), Map.of());

    private final boolean sendsVideo;
    private final boolean sendsAudio;

    private final Map<Long, MediaType> types;
    private final Set<Long> rtx;
    /** Each SSRC of a simulcast source (every layer and its RTX) → that source. */
    private final Map<Long, SimulcastSource> simulcast;

    private SourceTable(Map<Long, MediaType> types, Set<Long> rtx, Map<Long, SimulcastSource> simulcast) {
        this.types = types;
        this.rtx = rtx;
        this.simulcast = simulcast;
        this.sendsVideo = types.containsValue(MediaType.VIDEO);
        this.sendsAudio = types.containsValue(MediaType.AUDIO);
    }

    /** The endpoint announced a video source. */
    boolean sendsVideo() {
        return sendsVideo;
    }

    boolean sendsAudio() {
        return sendsAudio;
    }


    static SourceTable of(List<MediaSource> sources) {
        Map<Long, MediaType> types = new HashMap<>();
        Set<Long> rtx = new HashSet<>();
        Map<Long, SimulcastSource> simulcast = new HashMap<>();
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
                SimulcastSource sim = source.type() == MediaType.VIDEO ? SimulcastSource.of(group, source.ssrcGroups()) : null;
                if (sim != null) {
                    for (int layer = 0; layer < sim.layerCount(); layer++) {
                        simulcast.put(sim.layerSsrc(layer), sim);
                        if (sim.rtxSsrc(layer) >= 0) {
                            simulcast.put(sim.rtxSsrc(layer), sim);
                        }
                    }
                }
            }
        }
        return new SourceTable(Map.copyOf(types), Set.copyOf(rtx), Map.copyOf(simulcast));
    }

    /** The simulcast source {@code ssrc} belongs to (a layer or its RTX), or null. */
    SimulcastSource simulcast(long ssrc) {
        return simulcast.isEmpty() ? null : simulcast.get(ssrc);
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

    /** Video SSRCs that carry pictures (not RTX, every simulcast layer): the ones a keyframe can be asked for. */
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
