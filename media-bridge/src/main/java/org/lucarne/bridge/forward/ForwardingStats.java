package org.lucarne.bridge.forward;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.srtp.SrtpStatus;

/**
 * Bridge-wide packet counters for {@code /colibri/stats}. Written from every worker at once
 * ({@link LongAdder}s); a {@link #snapshot()} is a copy.
 *
 * <p>Drop reasons are stable lower_snake_case names: {@code queue_full}, {@code not_connected},
 * {@code unknown_ssrc}, {@code srtp_<status>} ({@code srtp_auth_failed}, {@code srtp_replayed}, …),
 * {@code malformed_<reason>} ({@code malformed_too_short}, …), and the others named where they
 * are counted.
 */
public final class ForwardingStats {

    /** Counters at one instant. {@code dropped} is keyed by a stable lower-case reason name. */
    public record Snapshot(long packetsIn, long bytesIn, long packetsOut, long bytesOut, Map<String, Long> dropped) {
        public Snapshot {
            dropped = Map.copyOf(dropped);
        }

        /** How many were dropped for {@code reason}; 0 when never. */
        public long dropped(String reason) {
            return dropped.getOrDefault(reason, 0L);
        }
    }

    static final String QUEUE_FULL = "queue_full";
    static final String NOT_CONNECTED = "not_connected";
    static final String UNKNOWN_SSRC = "unknown_ssrc";
    static final String NOT_RTP = "not_rtp_or_rtcp";
    static final String ENDPOINT_REMOVED = "endpoint_removed";
    static final String PAYLOAD_TYPE_UNMAPPED = "payload_type_unmapped";
    static final String KEYFRAME_REQUEST_THROTTLED = "keyframe_request_throttled";
    static final String NACK_NOT_IN_CACHE = "nack_not_in_cache";
    static final String FEEDBACK_FOR_UNKNOWN_SSRC = "feedback_for_unknown_ssrc";
    /** An RTP packet larger than the simulcast stage's buffer (never a browser's). */
    static final String PACKET_TOO_LARGE = "packet_too_large";
    /** A packet whose handling threw: a bug in the bridge, logged with its stack trace. */
    static final String INTERNAL_ERROR = "internal_error";

    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    public ForwardingStats() {
    }

    public Snapshot snapshot() {
        Map<String, Long> drops = new TreeMap<>();
        dropped.forEach((reason, count) -> drops.put(reason, count.sum()));
        return new Snapshot(packetsIn.sum(), bytesIn.sum(), packetsOut.sum(), bytesOut.sum(), drops);
    }

    void received(int bytes) {
        packetsIn.increment();
        bytesIn.add(bytes);
    }

    void sent(int bytes) {
        packetsOut.increment();
        bytesOut.add(bytes);
    }

    void dropped(String reason) {
        dropped(reason, 1);
    }

    void dropped(String reason, int count) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).add(count);
    }

    static String reason(SrtpStatus status) {
        return "srtp_" + status.name().toLowerCase(Locale.ROOT);
    }

    static String reason(MalformedPacketException.Reason reason) {
        return "malformed_" + reason.name().toLowerCase(Locale.ROOT);
    }
}
