package org.lucarne.signaling.ward;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ward's booking rules (table {@code ward_settings} and {@code ward_visiting_hours}): its time
 * zone, its visiting hours per weekday, the visit lengths it allows, the cleaning buffer between two
 * uses of a tablet, the most visits a patient may have in a day, and when families are reminded.
 *
 * @param visitingHours per weekday, the spans in which visits may take place (a visit lies wholly in
 *                      one span), sorted and not overlapping; a weekday without spans takes no visit
 * @param visitLengths  ascending, each 5 to 240 minutes
 * @param reminders     how long before a visit's start a reminder goes, descending, at most 7 days each
 * @throws IllegalArgumentException naming the rule that does not hold
 */
public record WardSettings(ZoneId timeZone, Map<DayOfWeek, List<Span>> visitingHours, List<Duration> visitLengths,
                           Duration cleaningBuffer, int dailyCap, List<Duration> reminders) {

    /** {@code [opens, closes)} in minutes from midnight in the ward's time zone; {@code closes} may be 1440. */
    public record Span(int opens, int closes) implements Comparable<Span> {
        public Span {
            if (opens < 0 || opens > 1439 || closes < 1 || closes > 1440 || opens >= closes) {
                throw new IllegalArgumentException("visiting hours " + text(opens) + "–" + text(closes)
                        + " are not a span of one day (00:00 to 24:00, opening before closing)");
            }
        }

        @Override
        public int compareTo(Span o) {
            return Integer.compare(opens, o.opens);
        }

        @Override
        public String toString() {
            return text(opens) + "–" + text(closes);
        }

        static String text(int minutes) {
            return String.format("%02d:%02d", minutes / 60, minutes % 60);
        }
    }

    public static final Duration MAX_CLEANING_BUFFER = Duration.ofHours(4);
    public static final int MAX_DAILY_CAP = 48;

    public WardSettings {
        Objects.requireNonNull(timeZone, "timeZone");
        Map<DayOfWeek, List<Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<DayOfWeek, List<Span>> e : visitingHours.entrySet()) {
            List<Span> spans = new ArrayList<>(e.getValue());
            Collections.sort(spans);
            for (int i = 1; i < spans.size(); i++) {
                if (spans.get(i).opens() < spans.get(i - 1).closes()) {
                    throw new IllegalArgumentException("visiting hours on " + e.getKey() + " overlap: " + spans.get(i - 1)
                            + " and " + spans.get(i));
                }
            }
            if (!spans.isEmpty()) {
                hours.put(e.getKey(), List.copyOf(spans));
            }
        }
        visitingHours = Collections.unmodifiableMap(hours);
        visitLengths = List.copyOf(visitLengths);
        if (visitLengths.isEmpty()) {
            throw new IllegalArgumentException("a ward allows at least one visit length");
        }
        for (int i = 0; i < visitLengths.size(); i++) {
            Duration d = visitLengths.get(i);
            if (d.compareTo(Duration.ofMinutes(5)) < 0 || d.compareTo(Duration.ofMinutes(240)) > 0
                    || d.toSecondsPart() != 0 || (i > 0 && d.compareTo(visitLengths.get(i - 1)) <= 0)) {
                throw new IllegalArgumentException("visit lengths are whole minutes from 5 to 240, each longer than the"
                        + " one before: " + visitLengths);
            }
        }
        if (cleaningBuffer.isNegative() || cleaningBuffer.compareTo(MAX_CLEANING_BUFFER) > 0
                || cleaningBuffer.toSecondsPart() != 0) {
            throw new IllegalArgumentException("the cleaning buffer is whole minutes from 0 to 240, not " + cleaningBuffer);
        }
        if (dailyCap < 1 || dailyCap > MAX_DAILY_CAP) {
            throw new IllegalArgumentException("the daily cap is 1 to " + MAX_DAILY_CAP + " visits, not " + dailyCap);
        }
        reminders = List.copyOf(reminders);
        for (int i = 0; i < reminders.size(); i++) {
            Duration d = reminders.get(i);
            if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(7)) > 0 || d.toSecondsPart() != 0
                    || (i > 0 && d.compareTo(reminders.get(i - 1)) >= 0)) {
                throw new IllegalArgumentException("reminders are whole minutes from 1 minute to 7 days before the visit,"
                        + " each closer than the one before: " + reminders);
            }
        }
    }

    /**
     * What a ward without settings follows: visits every day 10:00–20:00, of 15, 30, 45 or 60 minutes,
     * 15 minutes for cleaning between two uses of a tablet, 3 visits a patient a day, reminders 24 h
     * and 15 min before.
     */
    public static WardSettings defaults(ZoneId zone) {
        Map<DayOfWeek, List<Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.of(new Span(10 * 60, 20 * 60)));
        }
        return new WardSettings(zone, hours, List.of(Duration.ofMinutes(15), Duration.ofMinutes(30),
                Duration.ofMinutes(45), Duration.ofMinutes(60)), Duration.ofMinutes(15), 3,
                List.of(Duration.ofHours(24), Duration.ofMinutes(15)));
    }

    /** The spans of {@code day}, empty when the ward takes no visit that day. */
    public List<Span> spans(DayOfWeek day) {
        return visitingHours.getOrDefault(day, List.of());
    }
}
