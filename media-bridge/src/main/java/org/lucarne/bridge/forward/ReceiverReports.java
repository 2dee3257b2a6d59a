package org.lucarne.bridge.forward;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.rtp.ReportBlock;
import org.lucarne.bridge.rtp.RtcpWriter;

/**
 * The bridge as a receiver of one endpoint's streams: statistics per SSRC, and about once a
 * second a receiver report for each (RFC 3550 §6.4.2), audio SSRCs from the audio feedback SSRC,
 * video ones from the video feedback SSRC. Reports are due when media arrives (the sender needs
 * none while it sends nothing). An audio block's fraction lost is the worst of the bridge's own and
 * what the receivers reported lately ({@link DownstreamLoss}), so the sender's Opus protects itself
 * (in-band FEC) as for a direct call. Used by that endpoint's worker only.
 */
final class ReceiverReports {
    static final long INTERVAL_MILLIS = 1000;
    private static final int MAX_BLOCKS = 31;
    private static final int MAX_STREAMS = 64;

    private final FeedbackSsrcs feedback;
    private final DownstreamLoss downstreamLoss;
    private final Map<Long, StreamStatistics> streams = new HashMap<>();
    private long lastSentMillis = Long.MIN_VALUE;

    ReceiverReports(FeedbackSsrcs feedback, DownstreamLoss downstreamLoss) {
        this.feedback = feedback;
        this.downstreamLoss = downstreamLoss;
    }

    void rtp(long ssrc, int sequence, long rtpTimestamp, long arrivalNanos, long clockRate) {
        StreamStatistics s = stream(ssrc);
        if (s != null) {
            s.packet(sequence, rtpTimestamp, arrivalNanos, clockRate);
        }
    }

    void senderReport(long ssrc, long ntpTimestamp, long nowMillis) {
        StreamStatistics s = stream(ssrc);
        if (s != null) {
            s.senderReport(ntpTimestamp, nowMillis);
        }
    }

    /** The RR packets due now (empty when the last were sent less than a second ago). */
    List<byte[]> due(SourceTable sources, long nowMillis) {
        if (lastSentMillis != Long.MIN_VALUE && nowMillis - lastSentMillis < INTERVAL_MILLIS) {
            return List.of();
        }
        lastSentMillis = nowMillis;
        List<ReportBlock> audio = new ArrayList<>();
        List<ReportBlock> video = new ArrayList<>();
        for (StreamStatistics s : streams.values()) {
            MediaType type = sources.type(s.ssrc());
            if (s.hasPackets() && type != null) {
                if (type == MediaType.AUDIO) {
                    audio.add(withDownstreamLoss(s.reportBlock(nowMillis), nowMillis));
                } else {
                    video.add(s.reportBlock(nowMillis));
                }
            }
        }
        List<byte[]> out = new ArrayList<>();
        addReports(out, feedback.audio(), audio);
        addReports(out, feedback.video(), video);
        return out;
    }

    /** An audio block's fraction lost raised to the worst its receivers reported ({@link DownstreamLoss}). */
    private ReportBlock withDownstreamLoss(ReportBlock b, long nowMillis) {
        int worst = downstreamLoss.worst(b.ssrc(), nowMillis);
        return worst <= b.fractionLost() ? b : new ReportBlock(b.ssrc(), worst, b.cumulativeLost(),
                b.extendedHighestSequence(), b.jitter(), b.lastSr(), b.delaySinceLastSr());
    }

    private StreamStatistics stream(long ssrc) {
        StreamStatistics s = streams.get(ssrc);
        if (s == null && streams.size() < MAX_STREAMS) {
            s = new StreamStatistics(ssrc);
            streams.put(ssrc, s);
        }
        return s;
    }

    private static void addReports(List<byte[]> out, long senderSsrc, List<ReportBlock> blocks) {
        for (int from = 0; from < blocks.size(); from += MAX_BLOCKS) {
            List<ReportBlock> chunk = blocks.subList(from, Math.min(blocks.size(), from + MAX_BLOCKS));
            out.add(RtcpWriter.receiverReport(senderSsrc, chunk.toArray(new ReportBlock[0])));
        }
    }
}
