package org.lucarne.signaling.call;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.lucarne.signaling.call.bridge.BridgePool;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.ws.protocol.CallMessage;

/**
 * What every live visit shares: bridges, names, the audit trail, the kiosks online, who hears that a
 * ward's visits changed, which tablets are not to ring ("do not disturb"), and the server's threads:
 * {@code pool} runs the visits' executors, {@code timers} only posts onto them.
 */
record CallContext(BridgePool bridges, CallDirectory directory, SignalingConfig.Calls calls, Clock clock,
                   SecureRandom random, Executor pool, ScheduledExecutorService timers,
                   Function<String, Collection<CallPeer>> kiosksByTablet, CallAudit audit,
                   Consumer<String> wardChanges, Predicate<String> doNotDisturb) {

    Collection<CallPeer> kiosks(String tabletId) {
        return kiosksByTablet.apply(tabletId);
    }

    /** Whether the tablet's "do not disturb" is on now: no visit rings it (read afresh, it may block). */
    boolean quiet(String tabletId) {
        return doNotDisturb.test(tabletId);
    }

    /** Runs {@code task} on {@code queue} after {@code delay}; the timer thread itself only hands it over. */
    ScheduledFuture<?> schedule(Executor queue, Duration delay, Runnable task) {
        return timers.schedule(() -> queue.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Who is in a visit of {@code wardId} changed (null: a visit of no known ward); returns at once. */
    void wardChanged(String wardId) {
        if (wardId != null) {
            wardChanges.accept(wardId);
        }
    }

    /**
     * {@code joined} for a participant's new media session: with TURN credentials of its own when TURN is
     * configured, made now: they last {@code turn.ttl.seconds} from the session's start.
     */
    CallMessage.Joined joined(String visitId, String participantId) {
        return new CallMessage.Joined(visitId, participantId,
                calls.turn().map(t -> new TurnCredentials(t, clock).iceServers(participantId)).orElse(null));
    }

    /** A participant id: "p" and 16 hex digits (a protocol id). */
    String newParticipantId() {
        return "p" + hex(8);
    }

    /** A Colibri2 meeting id: 32 hex digits, never reused. */
    String newMeetingId() {
        return hex(16);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
