package org.lucarne.signaling.ward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;

/**
 * A ward's settings in the staff API's JSON (docs/staff-api.md, "Ward settings"): read strictly from a
 * {@code PUT}, every problem a {@code 400} naming its field down to the span
 * ({@code visitingHours.monday[1].closes}); the rules themselves are {@link WardSettings}'s, and so are
 * their messages.
 */
public final class WardSettingsJson {
    static final String[] FIELDS = {"timeZone", "visitingHours", "visitLengthMinutes", "cleaningBufferMinutes",
        "dailyCap", "reminderMinutes"};
    static final int MAX_SPANS_A_DAY = 12;
    static final int MAX_LENGTHS = 12;
    static final int MAX_REMINDERS = 6;
    private static final Pattern TIME = Pattern.compile("([0-9]{1,2}):([0-9]{2})");

    private WardSettingsJson() {
    }

    /** The six settings of a {@code PUT /api/wards/{id}/settings}, all required. */
    public static WardSettings read(JsonBody b) {
        b.only(FIELDS);
        ZoneId zone = zone(b.string("timeZone", 0, 64));
        WardSettings base = WardSettings.defaults(zone);
        Map<DayOfWeek, List<WardSettings.Span>> hours = visitingHours(required(b, "visitingHours"));
        List<Duration> lengths = minutes(b, "visitLengthMinutes", MAX_LENGTHS, Comparator.naturalOrder());
        Duration buffer = Duration.ofMinutes(b.integer("cleaningBufferMinutes", 0,
                (int) WardSettings.MAX_CLEANING_BUFFER.toMinutes()));
        int cap = b.integer("dailyCap", 1, WardSettings.MAX_DAILY_CAP);
        List<Duration> reminders = minutes(b, "reminderMinutes", MAX_REMINDERS, Comparator.reverseOrder());
        // Each rule on its own, the others at their defaults, so that a refusal names its field.
        rule("visitLengthMinutes", () -> new WardSettings(zone, base.visitingHours(), lengths, base.cleaningBuffer(),
                base.dailyCap(), base.reminders()));
        rule("cleaningBufferMinutes", () -> new WardSettings(zone, base.visitingHours(), base.visitLengths(), buffer,
                base.dailyCap(), base.reminders()));
        rule("dailyCap", () -> new WardSettings(zone, base.visitingHours(), base.visitLengths(), base.cleaningBuffer(),
                cap, base.reminders()));
        rule("reminderMinutes", () -> new WardSettings(zone, base.visitingHours(), base.visitLengths(),
                base.cleaningBuffer(), base.dailyCap(), reminders));
        return new WardSettings(zone, hours, lengths, buffer, cap, reminders);
    }

    /** The settings as {@code GET} answers them (every day written, an empty one as {@code []}). */
    public static ObjectNode write(WardSettings s) {
        ObjectNode o = Json.object().put("timeZone", s.timeZone().getId());
        ObjectNode hours = o.putObject("visitingHours");
        for (DayOfWeek d : DayOfWeek.values()) {
            ArrayNode spans = hours.putArray(day(d));
            s.spans(d).forEach(span -> spans.addObject().put("opens", WardSettings.Span.text(span.opens()))
                    .put("closes", WardSettings.Span.text(span.closes())));
        }
        ArrayNode lengths = o.putArray("visitLengthMinutes");
        s.visitLengths().forEach(d -> lengths.add(d.toMinutes()));
        o.put("cleaningBufferMinutes", s.cleaningBuffer().toMinutes());
        o.put("dailyCap", s.dailyCap());
        ArrayNode reminders = o.putArray("reminderMinutes");
        s.reminders().forEach(d -> reminders.add(d.toMinutes()));
        return o;
    }

    /** The audit trail's detail of a change: which settings changed, never their values ({@code changed=daily_cap}). */
    public static String changed(WardSettings before, WardSettings after) {
        List<String> names = new ArrayList<>();
        if (!before.timeZone().equals(after.timeZone())) {
            names.add("time_zone");
        }
        if (!before.visitingHours().equals(after.visitingHours())) {
            names.add("visiting_hours");
        }
        if (!before.visitLengths().equals(after.visitLengths())) {
            names.add("visit_lengths");
        }
        if (!before.cleaningBuffer().equals(after.cleaningBuffer())) {
            names.add("cleaning_buffer");
        }
        if (before.dailyCap() != after.dailyCap()) {
            names.add("daily_cap");
        }
        if (!before.reminders().equals(after.reminders())) {
            names.add("reminders");
        }
        return "changed=" + (names.isEmpty() ? "none" : String.join(",", names));
    }

    static String day(DayOfWeek d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    private static ZoneId zone(String id) {
        try {
            ZoneId z = ZoneId.of(id);
            if (!(z instanceof ZoneOffset) && ZoneId.getAvailableZoneIds().contains(z.getId())) {
                return z;
            }
        } catch (DateTimeException e) {
            // told below
        }
        throw ApiException.invalid("timeZone", "'" + id + "' is not a time zone: give a region such as Europe/Paris"
                + " (not an offset such as +01:00, so that summer time is followed)");
    }

    private static JsonNode required(JsonBody b, String name) {
        return b.node(name).orElseThrow(() -> ApiException.invalid(name, "the field '" + name + "' is missing"));
    }

    private static Map<DayOfWeek, List<WardSettings.Span>> visitingHours(JsonNode n) {
        if (!n.isObject()) {
            throw ApiException.invalid("visitingHours", "visitingHours is an object with a list of spans for each day,"
                    + " monday to sunday");
        }
        Set<String> days = new java.util.HashSet<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            days.add(day(d));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!days.contains(name)) {
                throw ApiException.invalid("visitingHours." + name, "unknown day '" + name + "': the days are monday,"
                        + " tuesday, wednesday, thursday, friday, saturday and sunday");
            }
        }
        Map<DayOfWeek, List<WardSettings.Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            String field = "visitingHours." + day(d);
            JsonNode spans = n.get(day(d));
            if (spans == null) {
                throw ApiException.invalid(field, "visiting hours are given for every day: " + day(d) + " is missing"
                        + " (send [] for a day without visits)");
            }
            if (!spans.isArray() || spans.size() > MAX_SPANS_A_DAY) {
                throw ApiException.invalid(field, field + " is a list of at most " + MAX_SPANS_A_DAY + " spans such as"
                        + " {\"opens\": \"10:00\", \"closes\": \"12:00\"}");
            }
            List<WardSettings.Span> list = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                list.add(span(spans.get(i), field + "[" + i + "]"));
            }
            hours.put(d, list);
            rule(field, () -> new WardSettings(ZoneOffset.UTC, Map.of(d, list), List.of(Duration.ofMinutes(30)),
                    Duration.ZERO, 1, List.of()));
        }
        return hours;
    }

    private static WardSettings.Span span(JsonNode n, String field) {
        if (!n.isObject()) {
            throw ApiException.invalid(field, "a span is {\"opens\": \"10:00\", \"closes\": \"12:00\"}");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("opens") && !name.equals("closes")) {
                throw ApiException.invalid(field + "." + name, "unknown field '" + name + "': a span has opens and"
                        + " closes");
            }
        }
        int opens = time(n.get("opens"), field + ".opens", false);
        int closes = time(n.get("closes"), field + ".closes", true);
        try {
            return new WardSettings.Span(opens, closes);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
    }

    /** {@code "HH:MM"} (or {@code "H:MM"}) → minutes from midnight; {@code "24:00"} only as a closing time. */
    private static int time(JsonNode n, String field, boolean closing) {
        if (n == null) {
            throw ApiException.invalid(field, "the field '" + field + "' is missing");
        }
        Matcher m = n.isTextual() ? TIME.matcher(n.textValue()) : null;
        if (m == null || !m.matches()) {
            throw ApiException.invalid(field, field + " is a time of day written HH:MM, such as \"09:30\"");
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        boolean midnight = closing && h == 24 && min == 0;
        if (!midnight && (h > 23 || min > 59)) {
            throw ApiException.invalid(field, field + " is a time from 00:00 to 23:59" + (closing ? ", or 24:00" : "")
                    + ", not " + n.textValue());
        }
        return h * 60 + min;
    }

    private static List<Duration> minutes(JsonBody b, String field, int max, Comparator<Duration> order) {
        JsonNode n = required(b, field);
        if (!n.isArray() || n.size() > max) {
            throw ApiException.invalid(field, field + " is a list of at most " + max + " whole numbers of minutes");
        }
        List<Duration> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                throw ApiException.invalid(field, field + " holds whole numbers of minutes, not " + item);
            }
            Duration d = Duration.ofMinutes(item.intValue());
            if (out.contains(d)) {
                throw ApiException.invalid(field, field + " holds " + item.intValue() + " twice");
            }
            out.add(d);
        }
        out.sort(order);
        return out;
    }

    /** Runs one of {@link WardSettings}'s checks; its refusal, in its words, names {@code field}. */
    private static void rule(String field, Supplier<WardSettings> check) {
        try {
            check.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
    }
}
