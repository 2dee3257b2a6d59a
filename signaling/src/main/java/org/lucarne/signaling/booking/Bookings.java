package org.lucarne.signaling.booking;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.visit.LiveCalls;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.VisitException;
import org.lucarne.signaling.visit.VisitInvitations;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * Booking, moving and cancelling visits through the {@link BookingRules}, and the free slots they leave.
 * A booking stores its visit, its invites ({@link VisitInvitations}) and its audit entry in one
 * transaction, after locking the patient's row (their daily cap) and the tablet's (its visits), so that
 * two bookings of one tablet at once take turns and the second sees the first. A refusal stores
 * nothing and names the rule ({@link BookingRefused}).
 */
public final class Bookings {

    /**
     * A visit to book.
     *
     * @param tabletId  the tablet, or empty for the tablet of the patient's bed
     * @param contactIds the family contacts to invite, each one of the patient's allowed contacts
     */
    public record Request(String patientId, Optional<String> tabletId, Instant start, Duration length,
                          List<String> contactIds) {
        public Request {
            Objects.requireNonNull(patientId, "patientId");
            Objects.requireNonNull(tabletId, "tabletId");
            Objects.requireNonNull(start, "start");
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a visit lasts some time, not " + length);
            }
            contactIds = List.copyOf(contactIds);
        }
    }

    /** A booked visit and its invites, with their link secrets: the only time those are known. */
    public record Booked(Visit visit, List<Invite> invites) {
        public Booked {
            invites = List.copyOf(invites);
        }
    }

    /** A visit cancelled, and whether this call cancelled it (false: it was already cancelled). */
    public record Cancelled(Visit visit, boolean now) {
    }

    private final Database db;
    private final Visits visits;
    private final WardSettingsStore settings;
    private final VisitInvitations invitations;
    private final AuditTrail audit;
    private final LiveCalls calls;
    private final Clock clock;

    public Bookings(Database db, Visits visits, WardSettingsStore settings, VisitInvitations invitations,
                    AuditTrail audit, LiveCalls calls, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.visits = Objects.requireNonNull(visits, "visits");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Books a visit and invites its contacts, audited {@code visit.booked} by {@code by}.
     *
     * @param by      who books: {@code staff:<id>} or {@code system}
     * @param address where the request came from, or null
     * @throws BookingRefused        when a rule refuses it (nothing stored)
     * @throws VisitException        when the patient does not exist
     */
    public Booked book(Request r, String by, String address) {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Locked l = lock(c, r.patientId(), r.tabletId());
            Slot slot = Slot.of(r.start(), r.length());
            check(c, l, r.contactIds(), slot, now, Set.of());
            return insert(c, l, slot, r.contactIds(), by, address, "");
        });
    }

    /**
     * For a tablet one owner manages (the demo's): cancels the tablet's visits that are not over and that
     * {@code by} booked (its earlier runs; what staff booked stays and is booked around), then
     * books through the rules the soonest visit they leave: from now, for the longest length the rules
     * allow (inside the visiting hours, the tablet free, the daily cap); else the next free slot of the
     * longest length. In one transaction.
     *
     * @throws BookingRefused when the rules leave no slot within {@link BookingRules#HORIZON}
     */
    public Booked bookSoonestReplacing(String patientId, String tabletId, List<String> contactIds, String by) {
        Instant now = clock.instant();
        List<String> replaced = new ArrayList<>();
        Booked booked = db.inTransaction(c -> {
            Locked l = lock(c, patientId, Optional.of(tabletId));
            replaced.addAll(BookingStore.openVisitsOfTablet(c, l.tablet().id(), now, by));
            Optional<Slot> chosen = Optional.empty();
            List<Duration> lengths = new ArrayList<>(l.settings().visitLengths());
            Collections.reverse(lengths);
            for (Duration length : lengths) {
                Slot slot = Slot.of(now, length);
                if (BookingRules.time(l.settings(), slot, now, occupancy(c, l, slot, replaced)).isEmpty()) {
                    chosen = Optional.of(slot);
                    break;
                }
            }
            Slot slot;
            if (chosen.isPresent()) {
                slot = chosen.get();
            } else {
                List<Slot> next = suggestions(c, l, Slot.of(now, lengths.get(0)), now, replaced);
                slot = next.isEmpty() ? Slot.of(now, lengths.get(0)) : next.get(0);
            }
            check(c, l, contactIds, slot, now, replaced);
            for (String id : replaced) {
                visits.end(c, id, VisitEndReason.CANCELLED);
            }
            return insert(c, l, slot, contactIds, by, null, replaced.isEmpty() ? "" : " replaced=" + replaced.size());
        });
        replaced.forEach(calls::cancelled);
        return booked;
    }

    /**
     * Moves a visit that has not started to {@code start} (or where it is) for {@code length} (or as long
     * as it is), through the same rules, its own slot left out of the tablet's uses and the patient's
     * cap; its invites follow ({@link VisitInvitations#rescheduled}). Audited {@code visit.changed}.
     *
     * @throws BookingRefused when a rule refuses it, or the visit has started or is over
     * @throws VisitException when there is no such visit
     */
    public Visit reschedule(String visitId, Optional<Instant> start, Optional<Duration> length, String by,
                            String address) {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Visit before = Visits.find(c, visitId).orElseThrow(() -> unknown(visitId));
            if (before.statusAt(now) == Visit.Status.OVER) {
                throw refusedNow(BookingRule.VISIT_OVER, "this visit is over (ended, cancelled or past): book a new"
                        + " visit instead");
            }
            if (!now.isBefore(before.startsAt())) {
                throw refusedNow(BookingRule.VISIT_STARTED, "this visit has started: it can be cancelled, not moved;"
                        + " book a new visit for another time");
            }
            Locked l = lock(c, before.patientId(), Optional.of(before.tabletId()));
            Slot slot = Slot.of(start.orElse(before.startsAt()),
                    length.orElse(Duration.between(before.startsAt(), before.endsAt())));
            check(c, l, List.of(), slot, now, Set.of(visitId));
            Visit after = visits.move(c, before, slot.start(), slot.end());
            invitations.rescheduled(c, before, after, by);
            audit.append(c, AuditEvent.of(by, AuditAction.VISIT_CHANGED, AuditOutcome.SUCCESS)
                    .target("visit", visitId).ward(l.patient().wardId()).patient(l.patient().id()).from(address)
                    .detail("starts=" + before.startsAt() + ">" + after.startsAt() + " ends=" + before.endsAt() + ">"
                            + after.endsAt()));
            return after;
        });
    }

    /**
     * Cancels a visit before its end: stored, its invites told ({@link VisitInvitations#cancelled}),
     * audited {@code visit.cancelled}; then, if its call is live, the call ends at once ({@link
     * LiveCalls#cancelled}). Cancelling a cancelled visit again changes nothing.
     *
     * @throws BookingRefused when the visit is over
     * @throws VisitException when there is no such visit
     */
    public Cancelled cancel(String visitId, String by, String address) {
        Instant now = clock.instant();
        Cancelled done = db.inTransaction(c -> {
            Visit before = Visits.find(c, visitId).orElseThrow(() -> unknown(visitId));
            if (before.endReason().orElse(null) == VisitEndReason.CANCELLED) {
                return new Cancelled(before, false);
            }
            if (before.statusAt(now) == Visit.Status.OVER) {
                throw refusedNow(BookingRule.VISIT_OVER, "this visit is over: there is nothing left to cancel");
            }
            visits.end(c, visitId, VisitEndReason.CANCELLED);
            Visit after = Visits.find(c, visitId).orElseThrow();
            invitations.cancelled(c, after, by);
            String ward = BookingStore.patient(c, before.patientId()).map(BookingFacts.Patient::wardId).orElse(null);
            audit.append(c, AuditEvent.of(by, AuditAction.VISIT_CANCELLED, AuditOutcome.SUCCESS)
                    .target("visit", visitId).ward(ward).patient(before.patientId()).from(address)
                    .detail(now.isBefore(before.startsAt()) ? "before_start" : "during_slot"));
            return new Cancelled(after, true);
        });
        if (done.now()) {
            calls.cancelled(visitId);
        }
        return done;
    }

    /**
     * The next free slots of {@code length} for the patient on the tablet (of their bed when empty), from
     * {@code from}, on the ward's grid, within {@link BookingRules#HORIZON}: what a refusal suggests.
     */
    public List<Slot> nextFree(String patientId, Optional<String> tabletId, Instant from, Duration length, int count) {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            BookingFacts.Patient p = BookingStore.patient(c, patientId).orElseThrow(() -> new VisitException(
                    VisitException.Problem.UNKNOWN_PATIENT, "there is no patient with id " + patientId));
            String tablet = tabletId.isPresent() ? tabletId.get() : BookingStore.tabletOfBed(c, p.bedId()).orElseThrow(
                    () -> refusedNow(BookingRule.NO_TABLET, "no tablet is enrolled at the patient's bed"));
            WardSettings s = settings.of(c, p.wardId());
            return free(c, s, tablet, p.id(), from, from.plus(BookingRules.HORIZON), length, now, Set.of(), count);
        });
    }

    /** The patient, tablet and ward settings of a booking, with the patient's and the tablet's rows locked. */
    private record Locked(BookingFacts.Patient patient, BookingFacts.Tablet tablet, WardSettings settings) {
    }

    private Locked lock(Connection c, String patientId, Optional<String> tabletId) throws SQLException {
        BookingFacts.Patient p = BookingStore.patient(c, patientId).orElseThrow(() -> new VisitException(
                VisitException.Problem.UNKNOWN_PATIENT, "there is no patient with id " + patientId));
        Visits.lockPatient(c, p.id()); // their daily cap is counted by one booking at a time
        String tabletIdOrBeds = tabletId.isPresent() ? tabletId.get() : BookingStore.tabletOfBed(c, p.bedId())
                .orElseThrow(() -> refusedNow(BookingRule.NO_TABLET, "no tablet is enrolled at the patient's bed:"
                        + " enrol one (or give the tablet to use)"));
        Visits.lockTablet(c, tabletIdOrBeds);
        BookingFacts.Tablet t = BookingStore.tablet(c, tabletIdOrBeds).orElseThrow(() -> refusedNow(
                BookingRule.TABLET_NOT_AT_BED, "there is no tablet " + tabletIdOrBeds + " at the patient's bed: book"
                        + " the tablet of their bed, or leave the tablet out to take it"));
        return new Locked(p, t, settings.of(c, p.wardId()));
    }

    /** Every rule; a refusal of a time rule comes with the next free slots from the asked start. */
    private void check(Connection c, Locked l, List<String> contactIds, Slot slot, Instant now,
                       Collection<String> except) throws SQLException {
        Optional<Refusal> refusal = BookingRules.people(l.patient(), l.tablet(),
                BookingStore.contacts(c, l.patient().id()), contactIds, slot);
        if (refusal.isEmpty()) {
            refusal = BookingRules.time(l.settings(), slot, now, occupancy(c, l, slot, except));
        }
        if (refusal.isPresent()) {
            throw new BookingRefused(refusal.get(), refusal.get().rule().aboutTime()
                    ? suggestions(c, l, slot, now, except) : List.of());
        }
    }

    /** What is booked around the slot: the tablet's uses near it, the patient's visits of its day. */
    private static BookingFacts.Occupancy occupancy(Connection c, Locked l, Slot slot, Collection<String> except)
            throws SQLException {
        ZoneId zone = l.settings().timeZone();
        Duration buffer = l.settings().cleaningBuffer();
        LocalDate day = slot.start().atZone(zone).toLocalDate();
        Instant from = min(slot.start().minus(buffer), day.atStartOfDay(zone).toInstant());
        Instant to = max(slot.end().plus(buffer), day.plusDays(1).atStartOfDay(zone).toInstant());
        return BookingStore.occupancy(c, l.tablet().id(), l.patient().id(), from, to, except);
    }

    private List<Slot> suggestions(Connection c, Locked l, Slot asked, Instant now, Collection<String> except)
            throws SQLException {
        Duration length = BookingRules.suggestedLength(l.settings(), asked.length());
        Instant from = asked.start().isBefore(now) ? now : asked.start();
        return free(c, l.settings(), l.tablet().id(), l.patient().id(), from, from.plus(BookingRules.HORIZON), length,
                now, except, BookingRules.SUGGESTIONS);
    }

    /** {@link BookingRules#free} with what is booked from the day of {@code from} to the day after {@code until}. */
    static List<Slot> free(Connection c, WardSettings s, String tabletId, String patientId, Instant from, Instant until,
                           Duration length, Instant now, Collection<String> except, int max) throws SQLException {
        ZoneId zone = s.timeZone();
        Instant start = from.isBefore(now) ? now : from;
        Instant lower = start.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().minus(s.cleaningBuffer());
        Instant upper = until.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant()
                .plus(s.cleaningBuffer()).plus(length);
        return BookingRules.free(s, from, until, length, now,
                BookingStore.occupancy(c, tabletId, patientId, lower, upper, except), max);
    }

    private Booked insert(Connection c, Locked l, Slot slot, List<String> contactIds, String by, String address,
                          String detail) throws SQLException {
        Visit v = visits.create(c, new NewVisit(l.patient().id(), l.tablet().id(), slot.start(), slot.end(),
                l.patient().autoAnswer()), by);
        audit.append(c, AuditEvent.of(by, AuditAction.VISIT_BOOKED, AuditOutcome.SUCCESS).target("visit", v.id())
                .ward(l.patient().wardId()).patient(l.patient().id()).from(address)
                .detail("tablet=" + l.tablet().id() + " starts=" + v.startsAt() + " ends=" + v.endsAt()
                        + " invites=" + contactIds.size() + detail));
        return new Booked(v, invitations.issue(c, v, contactIds, by));
    }

    private static BookingRefused refusedNow(BookingRule rule, String message) {
        return new BookingRefused(new Refusal(rule, message), List.of());
    }

    private static VisitException unknown(String visitId) {
        return new VisitException(VisitException.Problem.UNKNOWN_VISIT, "there is no visit with id " + visitId);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
