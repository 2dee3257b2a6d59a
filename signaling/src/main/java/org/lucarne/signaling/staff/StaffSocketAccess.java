package org.lucarne.signaling.staff;

import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.call.StaffGate;
import org.lucarne.signaling.call.StaffMember;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.session.ActiveSession;
import org.lucarne.signaling.session.Sessions;
import org.lucarne.signaling.visit.JoinDecision;
import org.lucarne.signaling.visit.JoinRules;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardQueries;
import org.lucarne.signaling.ws.StaffSockets;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/**
 * Staff on the signaling socket: who a session is at {@code hello}, and whether a {@code join} by visit
 * id may go in. The join asks the same {@link AccessGuard} as the REST API: another ward's visit is
 * refused exactly as an unknown one ({@code wrong_visit}), and audited.
 */
public final class StaffSocketAccess implements StaffGate, StaffSockets.Directory {
    private final Sessions sessions;
    private final StaffAccounts accounts;
    private final Visits visits;
    private final WardQueries wards;
    private final JoinRules rules;
    private final AccessGuard guard;
    private final AuditTrail audit;

    public StaffSocketAccess(Sessions sessions, StaffAccounts accounts, Visits visits, WardQueries wards, JoinRules rules,
                             AccessGuard guard, AuditTrail audit) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.visits = Objects.requireNonNull(visits, "visits");
        this.wards = Objects.requireNonNull(wards, "wards");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Optional<StaffMember> greet(String sessionHash, String address) {
        return sessions.checkHash(sessionHash, true).flatMap(s -> accounts.find(s.userId()))
                .map(u -> new StaffMember(u.id(), u.displayName(), sessionHash, address));
    }

    @Override
    public void keepAlive(String sessionHash) {
        sessions.keepAlive(sessionHash);
    }

    @Override
    public JoinDecision admit(StaffMember member, String visitId) {
        Optional<ActiveSession> session = sessions.checkHash(member.sessionHash(), true);
        if (session.isEmpty()) {
            return new JoinDecision.Refused(ErrorCode.NOT_SIGNED_IN, "your session ended: sign in again");
        }
        Optional<Visit> visit = visits.find(visitId);
        Optional<String> ward = visit.flatMap(v -> wards.wardOfPatient(v.patientId()));
        if (visit.isEmpty() || ward.isEmpty()) {
            return new JoinDecision.Refused(ErrorCode.WRONG_VISIT, "there is no such visit for you");
        }
        Visit v = visit.get();
        if (!guard.check(session.get().actor(), Action.CALL_JOIN,
                AccessGuard.Target.visit(v.id(), ward.get(), v.patientId()), member.address()).allowed()) {
            return new JoinDecision.Refused(ErrorCode.WRONG_VISIT, "there is no such visit for you");
        }
        JoinDecision d = rules.staff(visitId);
        if (d.admitted()) {
            audit.record(AuditEvent.of(AuditEvent.staff(member.userId()), AuditAction.CALL_JOINED, AuditOutcome.SUCCESS)
                    .target("visit", v.id()).ward(ward.get()).patient(v.patientId()).from(member.address()));
        }
        return d;
    }
}
