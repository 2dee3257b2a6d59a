package org.lucarne.bridge.forward;

import java.util.Arrays;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.rtp.Nack;
import org.lucarne.bridge.rtp.RtcpWriter;

/**
 * A receiver's generic NACK (RFC 4585 §6.2.1): each lost packet still in that receiver's
 * {@link PacketCache} is sent again; the others are counted and asked of the sender in one NACK
 * from the bridge's feedback SSRC, sequence numbers being forwarded unchanged — except for a
 * simulcast source, whose receivers' numbers are translated back to the forwarded layer's.
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
        SimulcastSource simulcast = sender.sources().simulcast(ssrc);
        if (simulcast != null) {
            askLayer(sender, simulcast, Arrays.copyOf(missing, misses));
            return;
        }
        long from = sender.sources().type(ssrc) == MediaType.AUDIO
                ? router.feedback().audio() : router.feedback().video();
        sender.outbound().sendRtcp(RtcpWriter.nack(from, ssrc, Arrays.copyOf(missing, misses)));
    }

    /** The receiver's numbers are the forwarded layer's, shifted: the sender is asked in its own. */
    private void askLayer(RouterEndpoint sender, SimulcastSource simulcast, int[] lost) {
        LayerSwitch sw = sender.simulcast().existing(receiver);
        if (sw == null || !sw.source.equals(simulcast) || sw.current() < 0) {
            return;
        }
        int layer = sw.current();
        int[] translated = new int[lost.length];
        int n = 0;
        for (int seq : lost) {
            int own = sw.senderSequence(seq);
            if (own >= 0) {
                translated[n++] = own;
            }
        }
        if (n > 0) {
            sender.outbound().sendRtcp(RtcpWriter.nack(router.feedback().video(), simulcast.layerSsrc(layer),
                    Arrays.copyOf(translated, n)));
        }
    }
}
