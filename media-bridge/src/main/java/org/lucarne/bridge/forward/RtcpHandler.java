package org.lucarne.bridge.forward;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lucarne.bridge.rtp.Bytes;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.rtp.Fir;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.rtp.Nack;
import org.lucarne.bridge.rtp.Pli;
import org.lucarne.bridge.rtp.ReceiverReport;
import org.lucarne.bridge.rtp.Remb;
import org.lucarne.bridge.rtp.ReportBlock;
import org.lucarne.bridge.rtp.RtcpCompound;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtcpWriter;
import org.lucarne.bridge.rtp.SenderReport;

/**
 * The bridge terminates RTCP (as JVB does): of what one endpoint sends, sender reports go on to
 * the receivers, feedback about a stream goes to the endpoint that sends it (keyframe requests
 * throttled, NACKs answered from the cache first, REMBs kept as each receiver's estimate), and the rest —
 * receiver reports, SDES, BYE, transport-cc — ends here. Runs on that endpoint's worker.
 */
final class RtcpHandler {
    private static final int SR_SENDER_SSRC = 4;
    private static final int SR_RTP_TIMESTAMP = 16;
    private final RouterEndpoint endpoint;
    private final ConferenceRouter router;
    private final ForwardingStats stats;
    private final Clock clock;
    private final NackResponder nacks;

    RtcpHandler(RouterEndpoint endpoint, ConferenceRouter router, ForwardingStats stats, Clock clock) {
        this.endpoint = endpoint;
        this.router = router;
        this.stats = stats;
        this.clock = clock;
        this.nacks = new NackResponder(endpoint, router, stats);
    }

    void handle(byte[] plain) {
        try {
            for (RtcpPacket p : RtcpCompound.parse(plain, 0, plain.length)) {
                packet(p);
            }
        } catch (MalformedPacketException e) {
            stats.dropped(ForwardingStats.reason(e.reason()));
        }
    }

    private void packet(RtcpPacket p) throws MalformedPacketException {
        if (p.type() == RtcpPacket.SR) {
            senderReport(SenderReport.of(p), p);
        } else if (p.type() == RtcpPacket.RR) {
            receiverReport(ReceiverReport.of(p));
        } else if (p.isPli()) {
            keyframe(Pli.of(p).mediaSsrc());
        } else if (p.isFir()) {
            Fir fir = Fir.of(p);
            for (int i = 0; i < fir.entryCount(); i++) {
                keyframe(fir.ssrc(i));
            }
        } else if (p.isNack()) {
            nacks.handle(Nack.of(p));
        } else if (p.isRemb()) {
            remb(Remb.of(p));
        }
        // SDES, BYE, APP, transport-cc: consumed. The bridge reports on its own receiving.
    }

    /** RFC 3550 §6.4.1: forwarded without its report blocks, which describe the sender's receiving. */
    private void senderReport(SenderReport sr, RtcpPacket p) {
        long ssrc = sr.senderSsrc();
        if (!endpoint.sources().contains(ssrc)) {
            stats.dropped(ForwardingStats.UNKNOWN_SSRC);
            return;
        }
        endpoint.receiverReports().senderReport(ssrc, sr.ntpTimestamp(), clock.millis());
        for (int i = 0; i < sr.reportCount(); i++) {
            downstreamLoss(sr.reportBlock(i));
        }
        SimulcastSource simulcast = endpoint.sources().simulcast(ssrc);
        for (RouterEndpoint receiver : router.endpoints()) {
            if (receiver != endpoint && receiver.isConnected()) {
                byte[] out = withoutReportBlocks(p);
                if (simulcast == null || forwardedLayer(out, receiver, simulcast, ssrc)) {
                    receiver.outbound().sendRtcp(out);
                    receiver.roundTrips().forwarded(sr.ntpTimestamp(), clock.millis());
                }
            }
        }
    }

    /**
     * A simulcast layer's report goes only to the receivers that get that layer, with the SSRC and
     * RTP timestamp they see (RFC 3550 §6.4.1: the NTP–RTP pair is what lip sync rests on).
     */
    private boolean forwardedLayer(byte[] sr, RouterEndpoint receiver, SimulcastSource simulcast, long ssrc) {
        LayerSwitch sw = endpoint.simulcast().existing(receiver);
        long ts = sw == null || !sw.source.equals(simulcast) ? -1
                : sw.senderReportTimestamp(simulcast.layerOf(ssrc), Bytes.u32(sr, SR_RTP_TIMESTAMP));
        if (ts < 0) {
            return false;
        }
        Bytes.put32(sr, SR_SENDER_SSRC, simulcast.primary());
        Bytes.put32(sr, SR_RTP_TIMESTAMP, ts);
        return true;
    }

    /** RFC 3550 §6.4.2: a receiver's report ends here; its audio loss goes into the bridge's report to the sender. */
    private void receiverReport(ReceiverReport rr) {
        for (int i = 0; i < rr.reportCount(); i++) {
            downstreamLoss(rr.reportBlock(i));
        }
    }

    /**
     * A report block about a stream the bridge sends this endpoint: its loss and the round trip it
     * gives ({@link RoundTrips}) tell this link's congestion ({@link BandwidthEstimates#loss},
     * {@link BandwidthEstimates#queueing}); about a remote sender's audio, it is also kept for the
     * bridge's own report to that sender.
     */
    private void downstreamLoss(ReportBlock block) {
        RouterEndpoint owner = router.ownerOf(block.ssrc());
        if (owner == null || owner == endpoint) {
            return;
        }
        long now = clock.millis();
        long sent = endpoint.outbound().sentBitrate(now);
        router.bandwidth().loss(endpoint.id(), block.fractionLost(), sent, now);
        if (endpoint.roundTrips().report(block.lastSr(), block.delaySinceLastSr(), now) >= 0) {
            router.bandwidth().queueing(endpoint.id(), endpoint.roundTrips().queueingMillis(), sent, now);
        }
        if (owner.sources().type(block.ssrc()) == MediaType.AUDIO) {
            owner.downstreamLoss().report(block.ssrc(), endpoint.id(), block.fractionLost(), now);
        }
    }

    private static byte[] withoutReportBlocks(RtcpPacket p) {
        byte[] sr = new byte[28];
        System.arraycopy(p.buffer(), p.offset(), sr, 0, sr.length);
        sr[0] = (byte) 0x80; // V=2, no padding, RC=0
        sr[2] = 0;
        sr[3] = 6; // RFC 3550 §6.4.1: length in words minus one
        return sr;
    }

    /** The lowest ceiling set by a receiver of {@code sender}, or -1 when none is congested. */
    private long lowestCeiling(RouterEndpoint sender, long now) {
        long lowest = -1;
        for (RouterEndpoint receiver : router.endpoints()) {
            long c = receiver == sender ? -1 : router.bandwidth().ceiling(receiver.id(), now);
            if (c >= 0 && (lowest < 0 || c < lowest)) {
                lowest = c;
            }
        }
        return lowest;
    }

    private void keyframe(long mediaSsrc) {
        RouterEndpoint owner = router.ownerOf(mediaSsrc);
        if (owner == null || owner == endpoint) {
            stats.dropped(ForwardingStats.FEEDBACK_FOR_UNKNOWN_SSRC);
            return;
        }
        SimulcastSource simulcast = owner.sources().simulcast(mediaSsrc);
        LayerSwitch sw = simulcast == null ? null : owner.simulcast().existing(endpoint);
        // The receiver asks on the SSRC it sees; the keyframe must come from the layer it gets.
        router.keyframes().request(owner, sw == null || !sw.source.equals(simulcast)
                ? mediaSsrc : simulcast.layerSsrc(sw.keyframeLayer()));
    }

    /**
     * A receiver's estimate is recorded ({@link BandwidthEstimates}); each sender whose SSRC it
     * lists and that sends one video layer then hears its receivers' lowest ceiling, or that there
     * is none ({@link SenderRemb}). A sender of several layers hears nothing: the receivers'
     * estimates choose their layers instead.
     */
    private void remb(Remb remb) {
        long now = clock.millis();
        router.bandwidth().remb(endpoint.id(), remb.bitrate(), endpoint.outbound().sentBitrate(now), now);
        Map<RouterEndpoint, Boolean> senders = new LinkedHashMap<>();
        for (int i = 0; i < remb.ssrcCount(); i++) {
            RouterEndpoint owner = router.ownerOf(remb.ssrc(i));
            if (owner != null && owner != endpoint) {
                senders.put(owner, Boolean.TRUE);
            }
        }
        for (RouterEndpoint sender : senders.keySet()) {
            long[] ssrcs = sender.sources().videoMediaSsrcs();
            if (ssrcs.length != 1) {
                continue; // no video, or layers (simulcast): never capped by a receiver
            }
            long bitrate = sender.remb().due(lowestCeiling(sender, now), now);
            if (bitrate >= 0) {
                sender.outbound().sendRtcp(RtcpWriter.remb(router.feedback().video(), bitrate, ssrcs));
            }
        }
    }
}
