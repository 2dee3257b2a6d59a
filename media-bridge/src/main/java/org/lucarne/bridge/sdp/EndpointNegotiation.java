package org.lucarne.bridge.sdp;

import java.util.List;
import java.util.Objects;
import org.lucarne.bridge.colibri.IceUdpTransport;

/**
 * One endpoint's offer/answer state (RFC 8829 §3.2, RFC 3264 §8), for a focus that offers from the
 * bridge's side. Each {@link #offer} says which remote sources the endpoint should receive now;
 * the layout follows from the previous offer's (see {@link OfferLayout#next}), so joins and leaves
 * renegotiate without ever removing an m-section. {@link #answer} checks the browser's answer
 * against that offer. A bridge transport with new credentials makes the offer an ICE restart, and
 * then the answer must bring new credentials too (RFC 8839 §4.4.3.1.1, RFC 8445 §9).
 *
 * <p>Thread-safe; one instance per endpoint, for the endpoint's life.
 */
public final class EndpointNegotiation {
    private final String endpointId;
    private final long sessionId;
    private long version;
    private OfferLayout layout = OfferLayout.initial();
    private OfferLayout pending;
    private IceUdpTransport offeredBridge;
    private boolean pendingRestart;
    private EndpointAnswer answer;

    /**
     * @param endpointId the endpoint's Colibri2 id
     * @param sessionId  the o= line's session id, 0 to 2^63 − 1, random (RFC 8829 §5.2.1)
     */
    public EndpointNegotiation(String endpointId, long sessionId) {
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
        if (sessionId < 0) {
            throw new IllegalArgumentException("the session id must be 0 to 2^63 − 1 (RFC 8829 §5.2.1)");
        }
        this.sessionId = sessionId;
    }

    /**
     * The next offer. An offer still unanswered is replaced (its m-sections stay, so a browser
     * that applied it is not confused).
     *
     * @param bridge  the bridge's transport for this endpoint, from its latest Colibri2 answer
     * @param remotes every other endpoint's source this endpoint should receive now
     * @throws IllegalArgumentException if the bridge's transport or a source cannot be offered, a
     *                                  source is the endpoint's own, or the bridge changed only one of
     *                                  ufrag and pwd; the message says which
     */
    public synchronized String offer(IceUdpTransport bridge, List<RemoteSource> remotes) {
        Objects.requireNonNull(bridge, "bridge");
        for (RemoteSource r : remotes) {
            if (r.endpointId().equals(endpointId)) {
                throw new IllegalArgumentException(endpointId + " is not offered its own source " + r.source().id());
            }
        }
        boolean restart = false;
        if (offeredBridge != null) {
            boolean newUfrag = !Objects.equals(offeredBridge.ufrag(), bridge.ufrag());
            boolean newPwd = !Objects.equals(offeredBridge.pwd(), bridge.pwd());
            if (newUfrag != newPwd) {
                throw new IllegalArgumentException("the bridge's transport for " + endpointId + " changed its "
                        + (newUfrag ? "ufrag but not its pwd" : "pwd but not its ufrag")
                        + ": an ICE restart changes both (RFC 8445 §9)");
            }
            restart = newUfrag;
        }
        OfferLayout next = (pending != null ? pending : layout).next(remotes);
        String sdp = OfferBuilder.offer(sessionId, version + 1, bridge, next);
        version++;
        pending = next;
        pendingRestart = pendingRestart || restart;
        offeredBridge = bridge;
        return sdp;
    }

    /**
     * Takes the browser's answer to the last offer.
     *
     * @return the endpoint's transport and sources, for a Colibri2 PATCH
     * @throws InvalidAnswerException if the answer does not fit the offer; the offer stays pending
     * @throws IllegalStateException  if no offer is waiting for an answer
     */
    public synchronized EndpointAnswer answer(String sdp) throws InvalidAnswerException {
        if (pending == null) {
            throw new IllegalStateException("no offer to " + endpointId + " is waiting for an answer");
        }
        EndpointAnswer parsed = AnswerParser.parse(sdp, pending);
        if (pendingRestart && answer != null && answer.transport().ufrag().equals(parsed.transport().ufrag())) {
            throw new InvalidAnswerException("the offer restarted ICE but the answer keeps a=ice-ufrag:"
                    + SdpTokens.abbreviate(parsed.transport().ufrag()) + " (RFC 8445 §9: both sides change their credentials)");
        }
        layout = pending;
        pending = null;
        pendingRestart = false;
        answer = parsed;
        return parsed;
    }

    /** The layout of the last answered offer. */
    public synchronized OfferLayout layout() {
        return layout;
    }

    /** The last accepted answer, or null before the first. */
    public synchronized EndpointAnswer lastAnswer() {
        return answer;
    }
}
