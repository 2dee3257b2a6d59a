package org.lucarne.signaling.visit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.StorageException;
import org.lucarne.signaling.visit.VisitException.Problem;

/**
 * Booked visits. A visit belongs to a patient and the tablet at their bed; the open visits of
 * one tablet never overlap. Creating or moving a visit locks the tablet's row first, so two nodes
 * booking the same tablet at once take turns and the second sees the first's visit.
 *
 * <p>Each change has a variant on the caller's {@link Connection}, for a booking that stores its
 * visit, its invites and its audit entries in one transaction ({@code booking.Bookings}); the scheduling
 * rules (visiting hours, cleaning buffer, daily cap) are the booking's, not checked here.
 */
public final class Visits {

    static final String COLUMNS = "v.id, v.patient_id, v.tablet_id, v.starts_at, v.ends_at, v.auto_answer,"
            + " v.created_at, v.ended_at, v.end_reason";

    private static final int ID_BYTES = 16;
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Database db;
    private final Clock clock;
    private final SecureRandom random;

    public Visits(Database db, Clock clock) {
        this(db, clock, new SecureRandom());
    }

    public Visits(Database db, Clock clock, SecureRandom random) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Books a visit.
     *
     * @throws VisitException when the slot is empty or over, the patient or tablet is unknown,
     *                        the tablet is revoked or not at the patient's bed, or the tablet
     *                        has an open visit overlapping the slot
     */
    public Visit create(NewVisit visit) {
        return book(visit, Optional.empty(), null);
    }

    /**
     * Books a visit inside the caller's transaction, as {@link #create(NewVisit)} does.
     *
     * @param bookedBy who books it ({@code staff:<id>}, {@code system}), kept in {@code visit.booked_by}
     */
    public Visit create(Connection c, NewVisit visit, String bookedBy) throws SQLException {
        return book(c, visit, Optional.empty(), bookedBy);
    }

    /**
     * Books a visit after ending, with {@code reasonForReplaced}, the tablet's open visits that
     * overlap its slot; both in one transaction. For a tablet whose visits one owner manages,
     * like the demo's.
     *
     * @throws VisitException as {@link #create(NewVisit)}, except for overlaps
     */
    public Visit createReplacing(NewVisit visit, VisitEndReason reasonForReplaced) {
        return book(visit, Optional.of(Objects.requireNonNull(reasonForReplaced, "reasonForReplaced")), null);
    }

    public Optional<Visit> find(String visitId) {
        Objects.requireNonNull(visitId, "visitId");
        return db.inTransaction(c -> find(c, visitId));
    }

    /** The tablet's visit whose slot contains {@code at} and that was not ended by then. */
    public Optional<Visit> currentOnTablet(String tabletId, Instant at) {
        Objects.requireNonNull(tabletId, "tabletId");
        Objects.requireNonNull(at, "at");
        long t = at.toEpochMilli();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM visit v"
                    + " WHERE v.tablet_id = ? AND v.ends_at > ? AND v.starts_at <= ?"
                    + " AND (v.ended_at IS NULL OR v.ended_at > ?) ORDER BY v.starts_at")) {
                ps.setString(1, tabletId);
                ps.setLong(2, t);
                ps.setLong(3, t);
                ps.setLong(4, t);
                List<Visit> found = read(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    /**
     * Ends a visit now.
     *
     * @return true if this call ended it, false if it had already ended (the first reason stays)
     * @throws VisitException when there is no such visit
     */
    public boolean end(String visitId, VisitEndReason reason) {
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(reason, "reason");
        return db.inTransaction(c -> end(c, visitId, reason));
    }

    /** {@link #end(String, VisitEndReason)} inside the caller's transaction. */
    public boolean end(Connection c, String visitId, VisitEndReason reason) throws SQLException {
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(reason, "reason");
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE visit SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, reason.stored());
            ps.setString(3, visitId);
            if (ps.executeUpdate() == 1) {
                return true;
            }
        }
        if (find(c, visitId).isEmpty()) {
            throw new VisitException(Problem.UNKNOWN_VISIT, "there is no visit with id " + visitId);
        }
        return false;
    }

    /**
     * Moves a visit that has not ended to {@code [startsAt, endsAt)} on its tablet, inside the caller's
     * transaction, after locking the tablet's row: no other open visit of the tablet may overlap the new
     * slot.
     *
     * @return the visit as moved
     * @throws VisitException when the slot is empty or over, the visit has ended, or the new slot
     *                        overlaps another open visit of the tablet
     */
    public Visit move(Connection c, Visit visit, Instant startsAt, Instant endsAt) throws SQLException {
        Objects.requireNonNull(visit, "visit");
        checkSlot(startsAt, endsAt);
        Visit moved = new Visit(visit.id(), visit.patientId(), visit.tabletId(), ms(startsAt), ms(endsAt),
                visit.autoAnswer(), visit.createdAt(), visit.endedAt(), visit.endReason());
        lockTablet(c, visit.tabletId());
        if (visit.endedAt().isPresent()) {
            throw new VisitException(Problem.VISIT_OVER, "visit " + visit.id() + " has ended: book a new visit");
        }
        for (Visit other : overlapping(c, moved)) {
            if (!other.id().equals(visit.id())) {
                throw overlap(moved, other);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE visit SET starts_at = ?, ends_at = ? WHERE id = ? AND ended_at IS NULL")) {
            ps.setLong(1, moved.startsAt().toEpochMilli());
            ps.setLong(2, moved.endsAt().toEpochMilli());
            ps.setString(3, visit.id());
            if (ps.executeUpdate() != 1) {
                throw new VisitException(Problem.VISIT_OVER, "visit " + visit.id() + " has ended: book a new visit");
            }
        }
        return moved;
    }

    /**
     * Lets an invite in to a visit. An invite admits to exactly one visit: attaching it again to
     * the same visit does nothing.
     *
     * @throws VisitException when the visit or invite is unknown, the visit is over, the invite's
     *                        contact is another patient's, or the invite is already another visit's
     */
    public void attachInvite(String visitId, InviteId invite) {
        db.inTransaction(c -> {
            attachInvite(c, visitId, invite);
            return null;
        });
    }

    /** {@link #attachInvite(String, InviteId)} inside the caller's transaction. */
    public void attachInvite(Connection c, String visitId, InviteId invite) throws SQLException {
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(invite, "invite");
        Instant now = clock.instant();
        Visit visit = find(c, visitId).orElseThrow(() ->
                new VisitException(Problem.UNKNOWN_VISIT, "there is no visit with id " + visitId));
        if (visit.statusAt(now) == Visit.Status.OVER) {
            throw new VisitException(Problem.VISIT_OVER, "visit " + visitId + " is over: invite the family"
                    + " to a new visit instead");
        }
        String patient = patientOfInvite(c, invite.hash());
        if (!patient.equals(visit.patientId())) {
            throw new VisitException(Problem.INVITE_FOR_ANOTHER_PATIENT, "the invite is for a contact of"
                    + " another patient than visit " + visitId + "'s");
        }
        Optional<String> current = visitOfInvite(c, invite.hash());
        if (current.isPresent()) {
            if (current.get().equals(visitId)) {
                return;
            }
            throw new VisitException(Problem.INVITE_FOR_ANOTHER_VISIT, "the invite already admits to visit "
                    + current.get() + "; an invite admits to one visit only: issue a new invite");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO visit_invite (invite_id_hash, visit_id) VALUES (?, ?)")) {
            ps.setString(1, invite.hash());
            ps.setString(2, visitId);
            ps.executeUpdate();
        }
    }

    private Visit book(NewVisit v, Optional<VisitEndReason> replace, String bookedBy) {
        Objects.requireNonNull(v, "visit");
        checkSlot(v.startsAt(), v.endsAt());
        return db.inTransaction(c -> book(c, v, replace, bookedBy));
    }

    private Visit book(Connection c, NewVisit v, Optional<VisitEndReason> replace, String bookedBy)
            throws SQLException {
        Objects.requireNonNull(v, "visit");
        checkSlot(v.startsAt(), v.endsAt());
        Instant now = clock.instant();
        Visit visit = new Visit(newId(), v.patientId(), v.tabletId(), ms(v.startsAt()), ms(v.endsAt()),
                v.autoAnswer(), ms(now), Optional.empty(), Optional.empty());
        lockTablet(c, v.tabletId());
        checkPatientAndTablet(c, v.patientId(), v.tabletId());
        List<Visit> overlapping = overlapping(c, visit);
        if (!overlapping.isEmpty()) {
            if (replace.isEmpty()) {
                throw overlap(visit, overlapping.get(0));
            }
            for (Visit other : overlapping) {
                endNow(c, other.id(), replace.get(), now);
            }
        }
        insert(c, visit, bookedBy);
        return visit;
    }

    /** The slot is not empty and not over. */
    private void checkSlot(Instant startsAt, Instant endsAt) {
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!startsAt.isBefore(endsAt)) {
            throw new VisitException(Problem.SLOT_EMPTY, "the slot is empty: it starts at " + startsAt
                    + " and ends at " + endsAt + "; the end must come after the start");
        }
        Instant now = clock.instant();
        if (!now.isBefore(endsAt)) {
            throw new VisitException(Problem.SLOT_OVER, "the slot ended at " + endsAt + ", before now ("
                    + now + ")");
        }
    }

    private static VisitException overlap(Visit visit, Visit other) {
        return new VisitException(Problem.OVERLAPS_ANOTHER_VISIT, "tablet " + visit.tabletId()
                + " already has visit " + other.id() + " from " + other.startsAt() + " to "
                + other.endsAt() + ": choose another slot, or end that visit first");
    }

    /**
     * Takes the tablet's row lock on PostgreSQL until the caller's transaction ends: whoever books or
     * moves a visit of the tablet takes it first. On SQLite a transaction holds the one write lock from
     * its start ({@code BEGIN IMMEDIATE}), so transactions take turns already.
     */
    public static void lockTablet(Connection c, String tabletId) throws SQLException {
        lockRow(c, "SELECT id FROM tablet WHERE id = ? FOR NO KEY UPDATE", tabletId);
    }

    /**
     * {@code FOR NO KEY UPDATE}: two bookings of the row take turns, and inserting a visit that references
     * it (a foreign key's share lock) waits for neither. Nothing is written, so the row gets no new version.
     */
    static void lockRow(Connection c, String selectForUpdate, String id) throws SQLException {
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(selectForUpdate)) {
            ps.setString(1, id);
            ps.executeQuery().close();
        }
    }

    /** Takes the patient's row lock on PostgreSQL until the caller's transaction ends, as {@link #lockTablet}. */
    public static void lockPatient(Connection c, String patientId) throws SQLException {
        lockRow(c, "SELECT id FROM patient WHERE id = ? FOR NO KEY UPDATE", patientId);
    }

    private static void checkPatientAndTablet(Connection c, String patientId, String tabletId)
            throws SQLException {
        String patientBed;
        try (PreparedStatement ps = c.prepareStatement("SELECT bed_id FROM patient WHERE id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new VisitException(Problem.UNKNOWN_PATIENT, "there is no patient with id " + patientId);
                }
                patientBed = rs.getString(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT bed_id, revoked_at FROM tablet WHERE id = ?")) {
            ps.setString(1, tabletId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new VisitException(Problem.UNKNOWN_TABLET, "there is no tablet with id " + tabletId);
                }
                if (!rs.getString(1).equals(patientBed)) {
                    throw new VisitException(Problem.TABLET_NOT_AT_PATIENTS_BED, "tablet " + tabletId
                            + " is not at the bed of patient " + patientId + ": book the tablet of their bed");
                }
                rs.getLong(2);
                if (!rs.wasNull()) {
                    throw new VisitException(Problem.TABLET_REVOKED, "tablet " + tabletId
                            + " is revoked: enrol a tablet for the bed, then book the visit on it");
                }
            }
        }
    }

    /** The tablet's visits not ended that overlap the new one's slot. */
    private static List<Visit> overlapping(Connection c, Visit v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM visit v"
                + " WHERE v.tablet_id = ? AND v.ends_at > ? AND v.starts_at < ? AND v.ended_at IS NULL"
                + " ORDER BY v.starts_at")) {
            ps.setString(1, v.tabletId());
            ps.setLong(2, v.startsAt().toEpochMilli());
            ps.setLong(3, v.endsAt().toEpochMilli());
            return read(ps);
        }
    }

    private static void insert(Connection c, Visit v, String bookedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit (id, patient_id, tablet_id, starts_at,"
                + " ends_at, auto_answer, created_at, booked_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, v.id());
            ps.setString(2, v.patientId());
            ps.setString(3, v.tabletId());
            ps.setLong(4, v.startsAt().toEpochMilli());
            ps.setLong(5, v.endsAt().toEpochMilli());
            ps.setBoolean(6, v.autoAnswer());
            ps.setLong(7, v.createdAt().toEpochMilli());
            ps.setString(8, bookedBy);
            ps.executeUpdate();
        }
    }

    private static void endNow(Connection c, String visitId, VisitEndReason reason, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE visit SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, reason.stored());
            ps.setString(3, visitId);
            ps.executeUpdate();
        }
    }

    /** The visit, inside the caller's transaction. */
    public static Optional<Visit> find(Connection c, String visitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM visit v WHERE v.id = ?")) {
            ps.setString(1, visitId);
            List<Visit> found = read(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static String patientOfInvite(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT f.patient_id FROM invite i"
                + " JOIN family_contact f ON f.id = i.contact_id WHERE i.id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new VisitException(Problem.UNKNOWN_INVITE, "there is no such invite: issue it first");
                }
                return rs.getString(1);
            }
        }
    }

    private static Optional<String> visitOfInvite(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT visit_id FROM visit_invite WHERE invite_id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Reads rows selected as {@link #COLUMNS}, starting at column {@code first}. */
    static Visit row(ResultSet rs, int first) throws SQLException {
        int i = first;
        String id = rs.getString(i++);
        String patient = rs.getString(i++);
        String tablet = rs.getString(i++);
        Instant starts = Instant.ofEpochMilli(rs.getLong(i++));
        Instant ends = Instant.ofEpochMilli(rs.getLong(i++));
        boolean autoAnswer = rs.getBoolean(i++);
        Instant created = Instant.ofEpochMilli(rs.getLong(i++));
        long endedAt = rs.getLong(i++);
        Optional<Instant> ended = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(endedAt));
        String reasonText = rs.getString(i);
        Optional<VisitEndReason> reason = Optional.empty();
        if (reasonText != null) {
            reason = Optional.of(VisitEndReason.fromStored(reasonText).orElseThrow(() -> new StorageException(
                    "visit " + id + " has end reason '" + reasonText + "', which this version does not know")));
        }
        return new Visit(id, patient, tablet, starts, ends, autoAnswer, created, ended, reason);
    }

    private static List<Visit> read(PreparedStatement ps) throws SQLException {
        List<Visit> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs, 1));
            }
        }
        return out;
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return ID_ENCODER.encodeToString(bytes);
    }

    private static Instant ms(Instant t) {
        return Instant.ofEpochMilli(t.toEpochMilli());
    }
}
