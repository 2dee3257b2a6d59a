package org.lucarne.signaling.visit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/**
 * Who may join which visit (docs/protocol.md, "Calls", step 1). A family page presents only
 * its link's invite id; staff and a reconnecting kiosk name the visit. Each question is
 * answered from the database at the clock's instant, so a revocation or an ended visit
 * counts at once.
 *
 * <p>For an invite, in this order: not an invite id, unknown, past its window or attached to
 * no visit: {@code invite_invalid}, always with the same message so that a guesser learns
 * nothing; revoked: {@code invite_revoked}; naming another visit than the invite's:
 * {@code wrong_visit}; the visit ended or its slot is over: {@code visit_ended}; the slot (or
 * the invite's window) not yet open: {@code visit_not_started}.
 */
public final class JoinRules {

    /** A protocol id: 1 to 64 of {@code A-Z a-z 0-9 - _}. */
    private static final Pattern PROTOCOL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static final String INVITE_INVALID = "this invite link is not valid: it is mistyped or has expired;"
            + " ask the ward for a new link";
    static final String INVITE_REVOKED = "the ward withdrew this invite link; ask the ward for a new link";
    static final String WRONG_VISIT = "there is no such visit for you";
    static final String VISIT_ENDED = "this visit is over";
    static final String VISIT_NOT_STARTED = "this visit has not started yet; come back at its start time";

    private final Database db;
    private final Clock clock;

    public JoinRules(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A family page's {@code join} with {@code invite}: the text as received, never trusted. */
    public JoinDecision family(String inviteText) {
        return familyChecked(inviteText, Optional.empty());
    }

    /**
     * A family page's message naming a visit, with the invite its connection joined with: the
     * invite must still admit, and to that visit.
     */
    public JoinDecision family(String inviteText, String visitId) {
        return familyChecked(inviteText, Optional.of(Objects.requireNonNull(visitId, "visitId")));
    }

    /** Staff's {@code join} with {@code visit}: the visit if it exists and is open now. */
    public JoinDecision staff(String visitId) {
        return byVisit(visitId, Optional.empty());
    }

    /**
     * A kiosk's {@code join} with {@code visit} after a reconnect: the visit if it is this
     * tablet's and open now.
     *
     * @param tabletId the tablet id of the connection's verified device certificate
     */
    public JoinDecision kiosk(String tabletId, String visitId) {
        return byVisit(visitId, Optional.of(Objects.requireNonNull(tabletId, "tabletId")));
    }

    private JoinDecision familyChecked(String inviteText, Optional<String> namedVisit) {
        Optional<InviteId> id = InviteId.parse(inviteText);
        if (id.isEmpty()) {
            return refused(ErrorCode.INVITE_INVALID, INVITE_INVALID);
        }
        Instant now = clock.instant();
        Optional<InviteAndVisit> found = lookUp(id.get().hash());
        if (found.isEmpty() || !now.isBefore(found.get().notAfter())) {
            return refused(ErrorCode.INVITE_INVALID, INVITE_INVALID);
        }
        InviteAndVisit iv = found.get();
        if (iv.visit().isEmpty()) {
            return refused(ErrorCode.INVITE_INVALID, INVITE_INVALID);
        }
        if (iv.revoked()) {
            return refused(ErrorCode.INVITE_REVOKED, INVITE_REVOKED);
        }
        Visit visit = iv.visit().get();
        if (namedVisit.isPresent() && !namedVisit.get().equals(visit.id())) {
            return refused(ErrorCode.WRONG_VISIT, "this invite link is for another visit");
        }
        Visit.Status status = visit.statusAt(now);
        if (status == Visit.Status.OVER) {
            return refused(ErrorCode.VISIT_ENDED, VISIT_ENDED);
        }
        if (status == Visit.Status.NOT_STARTED || now.isBefore(iv.notBefore())) {
            return refused(ErrorCode.VISIT_NOT_STARTED, VISIT_NOT_STARTED);
        }
        return new JoinDecision.Admitted(visit, Optional.of(iv.contactId()), Optional.of(iv.idHash()));
    }

    private JoinDecision byVisit(String visitId, Optional<String> tabletId) {
        if (visitId == null || !PROTOCOL_ID.matcher(visitId).matches()) {
            return refused(ErrorCode.WRONG_VISIT, WRONG_VISIT);
        }
        Optional<Visit> found = db.inTransaction(c -> Visits.find(c, visitId));
        if (found.isEmpty() || (tabletId.isPresent() && !tabletId.get().equals(found.get().tabletId()))) {
            return refused(ErrorCode.WRONG_VISIT, WRONG_VISIT);
        }
        Visit.Status status = found.get().statusAt(clock.instant());
        if (status == Visit.Status.OVER) {
            return refused(ErrorCode.VISIT_ENDED, VISIT_ENDED);
        }
        if (status == Visit.Status.NOT_STARTED) {
            return refused(ErrorCode.VISIT_NOT_STARTED, VISIT_NOT_STARTED);
        }
        return new JoinDecision.Admitted(found.get(), Optional.empty(), Optional.empty());
    }

    /** The invite, whatever its state, and its visit if it has one. */
    private Optional<InviteAndVisit> lookUp(String idHash) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT i.id_hash, i.contact_id, i.not_before,"
                    + " i.not_after, i.revoked_at, " + Visits.COLUMNS + " FROM invite i"
                    + " LEFT JOIN visit_invite vi ON vi.invite_id_hash = i.id_hash"
                    + " LEFT JOIN visit v ON v.id = vi.visit_id WHERE i.id_hash = ?")) {
                ps.setString(1, idHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String hash = rs.getString(1);
                    String contact = rs.getString(2);
                    Instant notBefore = Instant.ofEpochMilli(rs.getLong(3));
                    Instant notAfter = Instant.ofEpochMilli(rs.getLong(4));
                    rs.getLong(5);
                    boolean revoked = !rs.wasNull();
                    Optional<Visit> visit = rs.getString(6) == null ? Optional.empty()
                            : Optional.of(Visits.row(rs, 6));
                    return Optional.of(new InviteAndVisit(hash, contact, notBefore, notAfter, revoked, visit));
                }
            }
        });
    }

    private static JoinDecision refused(ErrorCode code, String message) {
        return new JoinDecision.Refused(code, message);
    }

    private record InviteAndVisit(String idHash, String contactId, Instant notBefore, Instant notAfter,
            boolean revoked, Optional<Visit> visit) {
    }
}
