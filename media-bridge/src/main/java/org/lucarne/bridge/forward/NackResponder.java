package org.lucarne.bridge.forward;

import java.util.Arrays;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.rtp.Nack;
import org.lucarne.bridge.rtp.RtcpWriter;

/**
 * A receiver's generic NACK (RFC 4585 §6.2.1): each lost packet still in that receiver's
 * {@link PacketCache} is sent again; the others are counted and asked of the sender in one NACK
 * from the bridge's feedback SSRC, sequence numbers being forwarded unchanged.
 */
final class NackResponder {
    private final RouterEndpoint receiver;
    private final ConferenceRouter router;
    private final ForwardingStats stats;

    NackResponder(RouterEndpoint receiver, ConferenceRouter router, ForwardingStats stats) {
        this.receiver = receiver;
        this.router = router;
        this.stats = stats;
    }

    void handle(Nack nack) {
        long ssrc = nack.mediaSsrc();
        RouterEndpoint sender = router.ownerOf(ssrc);
        if (sender == null || sender == receiver) {
            stats.dropped(ForwardingStats.FEEDBACK_FOR_UNKNOWN_SSRC);
            return;
        }
        int[] lost = nack.lostSequenceNumbers();
        int[] missing = new int[lost.length];
        int misses = 0;
        for (int seq : lost) {
            if (!receiver.outbound().resend(ssrc, seq)) {
                missing[misses++] = seq;
            }
        }
        if (misses == 0) {
            return;
        }
        stats.dropped(ForwardingStats.NACK_NOT_IN_CACHE, misses);
        long from = sender.sources().type(ssrc) == MediaType.AUDIO
                ? router.feedback().audio() : router.feedback().video();
        sender.outbound().sendRtcp(RtcpWriter.nack(from, ssrc, Arrays.copyOf(missing, misses)));
    }
}
