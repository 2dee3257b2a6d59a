package org.lucarne.signaling.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.ward.WardSettings;

/**
 * The booking rules, in one place (docs/staff-api.md, "Booking rules"): the API, the console (through
 * the API) and the demo all book through them. Pure: the facts, the ward's settings and the instant
 * come from the caller.
 *
 * <p>Times are the ward's: a visit lies wholly inside one span of the visiting hours of its day, each
 * span read in the ward's time zone on that day, so 10:00–20:00 is 10:00–20:00 on the days the clocks
 * change too. Free slots lie on the ward's grid: every {@link #GRID} from a span's opening.
 */
public final class BookingRules {
    /** Free slots start every 15 minutes from a span's opening. */
    public static final Duration GRID = Duration.ofMinutes(15);
    /** A visit may start this long before now (booked "from now" by the time the request arrives). */
    public static final Duration PAST_GRACE = Duration.ofMinutes(5);
    /** How far ahead suggestions are searched. */
    public static final Duration HORIZON = Duration.ofDays(14);
    /** How many free slots a refusal suggests. */
    public static final int SUGGESTIONS = 3;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private BookingRules() {
    }

    /**
     * The rules about who: the patient not discharged before the visit's end, the tablet at their bed
     * and not revoked, each contact to invite one of the patient's, allowed and not removed.
     */
    public static Optional<Refusal> people(BookingFacts.Patient patient, BookingFacts.Tablet tablet,
                                           List<BookingFacts.Contact> patientContacts, List<String> invited, Slot slot) {
        if (patient.dischargedAt().filter(d -> d.isBefore(slot.end())).isPresent()) {
            return refused(BookingRule.PATIENT_DISCHARGED, "the patient is recorded as discharged: a visit is"
                    + " booked only for an admitted patient");
        }
        if (!tablet.bedId().equals(patient.bedId())) {
            return refused(BookingRule.TABLET_NOT_AT_BED, "tablet " + tablet.id() + " is not at the patient's bed:"
                    + " book the tablet of their bed, or leave the tablet out to take it");
        }
        if (tablet.revoked()) {
            return refused(BookingRule.TABLET_REVOKED, "tablet " + tablet.id() + " is revoked: enrol a tablet for"
                    + " the bed, then book the visit on it");
        }
        Map<String, BookingFacts.Contact> contacts = new HashMap<>();
        patientContacts.forEach(c -> contacts.put(c.id(), c));
        for (String id : invited) {
            BookingFacts.Contact c = contacts.get(id);
            if (c == null || !c.allowed() || c.removed()) {
                return refused(BookingRule.CONTACT_NOT_ALLOWED, "contact " + id + " is not one of the patient's"
                        + " contacts allowed to call: invite only those the patient's record lists as allowed");
            }
        }
        return Optional.empty();
    }

    /**
     * The rules about when, in this order: not in the past, an allowed length, inside one span of
     * visiting hours, the tablet free (with the cleaning buffer on both sides), the patient's daily cap.
     */
    public static Optional<Refusal> time(WardSettings s, Slot slot, Instant now, BookingFacts.Occupancy o) {
        ZoneId zone = s.timeZone();
        if (slot.start().isBefore(now.minus(PAST_GRACE))) {
            return refused(BookingRule.IN_THE_PAST, "the visit would start at " + when(slot.start(), zone)
                    + ", which is past: choose a time from now on");
        }
        if (!s.visitLengths().contains(slot.length())) {
            return refused(BookingRule.LENGTH_NOT_ALLOWED, "a visit of " + slot.length().toMinutes() + " minutes is"
                    + " not allowed on this ward: choose " + minutes(s.visitLengths()) + " minutes");
        }
        if (span(s, slot).isEmpty()) {
            LocalDate day = slot.start().atZone(zone).toLocalDate();
            List<Slot> spans = spansOn(s, day);
            return refused(BookingRule.OUTSIDE_VISITING_HOURS, "the visit from " + when(slot.start(), zone) + " to "
                    + TIME.format(slot.end().atZone(zone)) + " is not inside the visiting hours of that day ("
                    + (spans.isEmpty() ? "no visits that day" : hours(spans, zone)) + ", " + zone.getId() + ")");
        }
        Optional<Slot> busy = o.tabletUses().stream().filter(u -> u.within(slot, s.cleaningBuffer())).findFirst();
        if (busy.isPresent()) {
            return refused(BookingRule.TABLET_BUSY, "the tablet is in use from " + when(busy.get().start(), zone)
                    + " to " + TIME.format(busy.get().end().atZone(zone)) + ", and needs "
                    + s.cleaningBuffer().toMinutes() + " minutes for cleaning before and after a visit: choose"
                    + " another time");
        }
        LocalDate day = slot.start().atZone(zone).toLocalDate();
        if (visitsOn(day, zone, o.patientStarts()) >= s.dailyCap()) {
            return refused(BookingRule.DAILY_CAP_REACHED, "the patient already has " + s.dailyCap() + " visit"
                    + (s.dailyCap() == 1 ? "" : "s") + " on " + day + ", as many as the ward allows in a day:"
                    + " choose another day");
        }
        return Optional.empty();
    }

    /**
     * The free slots of {@code length} starting in {@code [from, until)} and not before now, on the ward's
     * grid, by start; at most {@code max}. Free: inside visiting hours, the tablet free with its cleaning
     * buffer, the patient's daily cap not reached that day.
     */
    public static List<Slot> free(WardSettings s, Instant from, Instant until, Duration length, Instant now,
                                  BookingFacts.Occupancy o, int max) {
        ZoneId zone = s.timeZone();
        Instant earliest = from.isBefore(now) ? now : from;
        List<Slot> out = new ArrayList<>();
        Set<LocalDate> full = fullDays(s, o);
        for (LocalDate day = earliest.atZone(zone).toLocalDate(); day.atStartOfDay(zone).toInstant().isBefore(until)
                && out.size() < max; day = day.plusDays(1)) {
            if (full.contains(day)) {
                continue;
            }
            for (Slot span : spansOn(s, day)) {
                Instant t = span.start();
                if (t.isBefore(earliest)) {
                    long steps = (Duration.between(t, earliest).toMillis() + GRID.toMillis() - 1) / GRID.toMillis();
                    t = t.plus(GRID.multipliedBy(steps));
                }
                for (; !t.plus(length).isAfter(span.end()) && t.isBefore(until) && out.size() < max; t = t.plus(GRID)) {
                    Slot candidate = Slot.of(t, length);
                    if (o.tabletUses().stream().noneMatch(u -> u.within(candidate, s.cleaningBuffer()))) {
                        out.add(candidate);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The length suggestions are offered in: the one asked if the ward allows it, else the shortest
     * allowed length longer than it, else the longest allowed.
     */
    public static Duration suggestedLength(WardSettings s, Duration asked) {
        for (Duration d : s.visitLengths()) {
            if (d.compareTo(asked) >= 0) {
                return d;
            }
        }
        return s.visitLengths().get(s.visitLengths().size() - 1);
    }

    /** The span of visiting hours that holds the whole slot, if one does. */
    public static Optional<Slot> span(WardSettings s, Slot slot) {
        LocalDate day = slot.start().atZone(s.timeZone()).toLocalDate();
        return spansOn(s, day).stream()
                .filter(span -> !slot.start().isBefore(span.start()) && !slot.end().isAfter(span.end())).findFirst();
    }

    /** The visiting hours of a day of the ward, as instants: each span read in the ward's zone on that day. */
    public static List<Slot> spansOn(WardSettings s, LocalDate day) {
        List<Slot> out = new ArrayList<>();
        for (WardSettings.Span span : s.spans(day.getDayOfWeek())) {
            Instant opens = at(day, span.opens(), s.timeZone());
            Instant closes = at(day, span.closes(), s.timeZone());
            if (opens.isBefore(closes)) { // a span inside a skipped hour would be empty
                out.add(new Slot(opens, closes));
            }
        }
        return out;
    }

    /**
     * {@code minutes} after midnight of {@code day} on the wall clock of {@code zone}; 1440 is the next
     * midnight. A time the clocks skip is read after the change (02:30 on a spring-forward night is 03:30).
     */
    static Instant at(LocalDate day, int minutes, ZoneId zone) {
        if (minutes == 24 * 60) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return day.atTime(minutes / 60, minutes % 60).atZone(zone).toInstant();
    }

    private static Set<LocalDate> fullDays(WardSettings s, BookingFacts.Occupancy o) {
        Map<LocalDate, Integer> perDay = new HashMap<>();
        for (Instant start : o.patientStarts()) {
            perDay.merge(start.atZone(s.timeZone()).toLocalDate(), 1, Integer::sum);
        }
        Set<LocalDate> full = new HashSet<>();
        perDay.forEach((day, n) -> {
            if (n >= s.dailyCap()) {
                full.add(day);
            }
        });
        return full;
    }

    private static long visitsOn(LocalDate day, ZoneId zone, List<Instant> starts) {
        return starts.stream().filter(t -> t.atZone(zone).toLocalDate().equals(day)).count();
    }

    private static Optional<Refusal> refused(BookingRule rule, String message) {
        return Optional.of(new Refusal(rule, message));
    }

    static String when(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone));
    }

    private static String hours(List<Slot> spans, ZoneId zone) {
        List<String> out = new ArrayList<>();
        spans.forEach(s -> out.add(TIME.format(s.start().atZone(zone)) + "–" + TIME.format(s.end().atZone(zone))));
        return String.join(", ", out).replace("–00:00", "–24:00");
    }

    private static String minutes(List<Duration> lengths) {
        List<String> out = new ArrayList<>();
        lengths.forEach(d -> out.add(Long.toString(d.toMinutes())));
        return String.join(", ", out);
    }
}
