package org.lucarne.signaling.call;

import java.util.Objects;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.visit.Visit;

/**
 * One visit's call in the audit trail: target {@code visit:<id>}, the visit's ward and patient,
 * the participant's seat as actor ({@code family:<contact>}, {@code tablet:<tablet>}).
 * <ul>
 *   <li>{@code call.joined} when someone comes into the call (not the lobby), with their role;</li>
 *   <li>{@code call.started} when a second person is in, by the one who made it two;</li>
 *   <li>{@code call.left} when someone leaves it, with why: {@code left}, {@code connection_lost}
 *       (not back within the grace), or how the call ended;</li>
 *   <li>{@code call.ended} when the call, or a ring nobody answered, is over: by the tablet for
 *       {@code ended} and {@code declined}, by {@code system} for {@code no_answer},
 *       {@code time_up}, {@code everyone_left} and {@code server_stopped}.</li>
 * </ul>
 * It also marks, once, the visit's first visitor and its call's start on the visit's row, for its
 * status ({@code completed} or {@code no_show}; {@link CallAudit.Moment}).
 * Runs on the visit's executor, like {@link VisitCall}, except {@link #event}.
 */
final class VisitAudit {
    static final String LEFT = "left";
    static final String CONNECTION_LOST = "connection_lost";
    static final String SIGNED_OUT = "signed_out";
    /** Staff revoked the invite the participant came in with. */
    static final String REMOVED = "removed";
    static final String EVERYONE_LEFT = "everyone_left";
    static final String SERVER_STOPPED = "server_stopped";

    private final Visit visit;
    private final String wardId;
    private final CallAudit audit;
    /** Someone came (to the lobby or the call) since the last {@code call.ended}. */
    private boolean active;
    /** {@code call.started} was recorded since the last {@code call.ended}. */
    private boolean started;
    /** The moments already kept on the visit's row by this call. */
    private boolean visitorCame;
    private boolean callStarted;

    VisitAudit(Visit visit, String wardId, CallAudit audit) {
        this.visit = Objects.requireNonNull(visit, "visit");
        this.wardId = wardId;
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** An entry about this visit; thread-safe. */
    AuditEvent event(String actor, AuditAction action, AuditOutcome outcome) {
        return CallAudit.about(visit, wardId, actor, action, outcome);
    }

    void record(AuditEvent event) {
        audit.record(event);
    }

    /** Someone waits in the lobby: what follows is a call (or a ring) that will end. */
    void arrived() {
        active = true;
    }

    /** A visitor (family or staff, not the patient) came to the visit, to the lobby or straight into the call. */
    void visitorCame() {
        if (!visitorCame) {
            visitorCame = true;
            audit.moment(visit, CallAudit.Moment.FIRST_JOINED);
        }
    }

    /** {@code p} came into the call, which now has {@code inCall} people; {@code cause} made it happen. */
    void joined(Participant p, int inCall, String cause) {
        active = true;
        record(event(p.seat, AuditAction.CALL_JOINED, AuditOutcome.SUCCESS).from(address(p))
                .detail("role=" + p.role.wireName()));
        if (!started && inCall >= 2) {
            started = true;
            record(event(cause, AuditAction.CALL_STARTED, AuditOutcome.SUCCESS));
            if (!callStarted) {
                callStarted = true;
                audit.moment(visit, CallAudit.Moment.CALL_STARTED);
            }
        }
    }

    void left(Participant p, String reason) {
        record(event(p.seat, AuditAction.CALL_LEFT, AuditOutcome.SUCCESS).from(address(p))
                .detail("reason=" + reason));
    }

    /** The call is over (nobody left in it nor in the lobby): recorded once, if anyone came. */
    void ended(String reason, String actor) {
        if (!active) {
            return;
        }
        active = false;
        started = false;
        record(event(actor, AuditAction.CALL_ENDED, AuditOutcome.SUCCESS).detail("reason=" + reason));
    }

    private static String address(Participant p) {
        return p.peer == null ? null : p.peer.address();
    }
}
