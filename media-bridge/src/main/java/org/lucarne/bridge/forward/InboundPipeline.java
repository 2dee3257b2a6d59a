package org.lucarne.bridge.forward;

import java.time.Clock;
import org.lucarne.bridge.rtp.PacketKind;
import org.lucarne.bridge.srtp.SrtpResult;

/**
 * One endpoint's received datagrams, on its worker: parse (RTP or RTCP by payload type,
 * RFC 5761 §4) → decrypt (its SRTP association) → route RTP ({@link RtpForwarder}, then the
 * bridge's transport-cc feedback and receiver reports when due) or terminate RTCP ({@link RtcpHandler}). Every datagram
 * that goes no further is counted with its reason; nothing in the bytes can make it throw.
 */
final class InboundPipeline {
    private final RouterEndpoint endpoint;
    private final ForwardingStats stats;
    private final Clock clock;
    private final ConferenceRouter router;
    private final RtpForwarder rtp;
    private final RtcpHandler rtcp;

    InboundPipeline(RouterEndpoint endpoint, ConferenceRouter router, ForwardingStats stats, Clock clock) {
        this.endpoint = endpoint;
        this.stats = stats;
        this.clock = clock;
        this.router = router;
        this.rtp = new RtpForwarder(endpoint, router, stats, clock);
        this.rtcp = new RtcpHandler(endpoint, router, stats, clock);
    }

    void process(byte[] datagram, long receivedAtNanos) {
        PacketProtection protection = endpoint.protection();
        if (protection == null) {
            stats.dropped(ForwardingStats.NOT_CONNECTED);
            return;
        }
        PacketKind kind = PacketKind.classify(datagram, 0, datagram.length);
        if (kind == PacketKind.RTP) {
            byte[] plain = decrypted(protection.unprotectRtp(datagram, 0, datagram.length));
            if (plain != null) {
                rtp.forward(plain, receivedAtNanos);
                sendReceiverReportsIfDue();
            }
        } else if (kind == PacketKind.RTCP) {
            byte[] plain = decrypted(protection.unprotectRtcp(datagram, 0, datagram.length));
            if (plain != null) {
                rtcp.handle(plain);
            }
        } else {
            stats.dropped(ForwardingStats.NOT_RTP);
        }
    }

    /** Forgets what concerns a receiver that left. */
    void forget(RouterEndpoint receiver) {
        rtp.forget(receiver);
    }

    private byte[] decrypted(SrtpResult result) {
        if (!result.isOk()) {
            stats.dropped(ForwardingStats.reason(result.status()));
            return null;
        }
        return result.packet();
    }

    private void sendReceiverReportsIfDue() {
        long now = clock.millis();
        for (byte[] feedback : endpoint.transportCc().due(router.feedback().video(), now)) {
            endpoint.outbound().sendRtcp(feedback);
        }
        for (byte[] rr : endpoint.receiverReports().due(endpoint.sources(), now)) {
            endpoint.outbound().sendRtcp(rr);
        }
    }
}
