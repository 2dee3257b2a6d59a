package org.lucarne.bridge.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import org.lucarne.bridge.conference.Conferences;
import org.lucarne.bridge.forward.ForwardingStats;

/**
 * {@code GET /colibri/stats}: JVB's statistics names where JVB has one (its {@code
 * doc/statistics.md}: {@code conferences}, {@code participants}, {@code bit_rate_download} in kbit/s,
 * {@code total_bytes_received}…), and Lucarne's own beside them ({@code endpoints},
 * {@code bitrate_download_bps}, {@code dropped} by reason, from the packet path and the transports).
 */
final class StatsReport {
    private static final DateTimeFormatter JVB_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Conferences conferences;
    private final ForwardingStats stats;
    private final TrafficRates rates;
    private final Clock clock;

    StatsReport(Conferences conferences, ForwardingStats stats, TrafficRates rates, Clock clock) {
        this.conferences = conferences;
        this.stats = stats;
        this.rates = rates;
        this.clock = clock;
    }

    ObjectNode toJson() {
        ForwardingStats.Snapshot s = stats.snapshot();
        TrafficRates.Rates r = rates.rates();
        int endpoints = conferences.endpointCount();
        ObjectNode json = JsonAnswers.JSON.createObjectNode();
        json.put("current_timestamp", JVB_TIMESTAMP.format(clock.instant()));
        json.put("conferences", conferences.conferenceCount());
        json.put("endpoints", endpoints);
        json.put("participants", endpoints);
        json.put("total_conferences_created", conferences.createdCount());
        json.put("total_conferences_completed", conferences.expiredCount());
        json.put("total_packets_received", s.packetsIn());
        json.put("total_bytes_received", s.bytesIn());
        json.put("total_packets_sent", s.packetsOut());
        json.put("total_bytes_sent", s.bytesOut());
        json.put("bitrate_download_bps", r.bitsInPerSecond());
        json.put("bitrate_upload_bps", r.bitsOutPerSecond());
        json.put("bit_rate_download", r.bitsInPerSecond() / 1000.0);
        json.put("bit_rate_upload", r.bitsOutPerSecond() / 1000.0);
        json.put("packet_rate_download", r.packetsInPerSecond());
        json.put("packet_rate_upload", r.packetsOutPerSecond());
        ObjectNode dropped = json.putObject("dropped");
        long total = 0;
        Map<String, Long> reasons = new TreeMap<>(s.dropped());
        conferences.transportDrops().forEach((k, v) -> reasons.merge(k, v, Long::sum));
        for (Map.Entry<String, Long> e : reasons.entrySet()) {
            dropped.put(e.getKey(), e.getValue());
            total += e.getValue();
        }
        json.put("total_packets_dropped", total);
        return json;
    }
}
