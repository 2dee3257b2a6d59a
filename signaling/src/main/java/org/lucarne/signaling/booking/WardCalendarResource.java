package org.lucarne.signaling.booking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.lucarne.signaling.api.ApiAccess;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.visit.LiveCalls;
import org.lucarne.signaling.ward.WardQueries;
import org.lucarne.signaling.ward.WardRef;
import org.lucarne.signaling.ward.WardResource;
import org.lucarne.signaling.ward.WardSettings;

/**
 * A ward's calendar for the console's week view (docs/staff-api.md, "Booking visits"): its free slots of a
 * day, and its week (visiting hours, tablets and their visits), in the ward's time zone. {@code visit.view}
 * on the ward; another ward is {@code 404}, audited.
 */
public final class WardCalendarResource {
    /** The most visits a week lists (40 tablets, 7 days, a visit every 15 minutes would be more). */
    static final int WEEK_LIMIT = 5000;

    private final WardCalendar calendar;
    private final WardQueries queries;
    private final AccessGuard guard;
    private final LiveCalls live;
    private final Clock clock;
    private final ViewRecords views;

    public WardCalendarResource(WardCalendar calendar, WardQueries queries, AccessGuard guard, AuditTrail audit,
                                LiveCalls live, Clock clock) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.live = Objects.requireNonNull(live, "live");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.views = new ViewRecords(audit, clock);
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/wards/{wardId}/free-slots", Access.SIGNED_IN, this::freeSlots),
                Route.of("GET", "/api/wards/{wardId}/week", Access.SIGNED_IN, this::week));
    }

    private ApiAnswer freeSlots(ApiCall call) {
        WardRef ward = allowed(call);
        WardSettings s = calendar.settings(ward.id());
        LocalDate date = call.query("date").map(d -> date("date", d)).orElseGet(() -> today(s.timeZone()));
        Duration length = call.query("length").map(l -> length(s, l)).orElse(s.visitLengths().get(0));
        Optional<String> tablet = call.query("tablet");
        List<WardCalendar.TabletSlots> free = calendar.free(ward.id(), tablet, date, length);
        if (tablet.isPresent() && free.isEmpty()) {
            throw ApiException.notFound();
        }
        ObjectNode o = header(ward, s);
        o.put("date", date.toString()).put("length", length.toMinutes());
        ArrayNode tablets = o.putArray("tablets");
        for (WardCalendar.TabletSlots t : free) {
            ObjectNode one = BookingJson.tablet(t.tablet());
            one.set("slots", BookingJson.slots(t.slots()));
            tablets.add(one);
        }
        return ApiAnswer.ok(o);
    }

    private ApiAnswer week(ApiCall call) {
        WardRef ward = allowed(call);
        WardSettings s = calendar.settings(ward.id());
        ZoneId zone = s.timeZone();
        LocalDate from = call.query("from").map(d -> date("from", d))
                .orElseGet(() -> today(zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        LocalDate to = from.plusDays(7);
        Instant now = clock.instant();
        ObjectNode o = header(ward, s);
        o.put("from", from.toString()).put("to", to.toString());
        ArrayNode days = o.putArray("days");
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            ObjectNode day = days.addObject().put("date", d.toString()).put("weekday", d.getDayOfWeek().getValue());
            ArrayNode hours = day.putArray("hours");
            BookingRules.spansOn(s, d).forEach(span -> hours.add(BookingJson.span(span, zone)));
        }
        List<WardQueries.VisitRow> visits = queries.visitsStarting(ward.id(), from.atStartOfDay(zone).toInstant(),
                to.atStartOfDay(zone).toInstant(), WEEK_LIMIT + 1);
        Map<String, List<WardQueries.VisitRow>> byTablet = visits.stream().limit(WEEK_LIMIT)
                .collect(Collectors.groupingBy(WardQueries.VisitRow::tabletId, LinkedHashMap::new, Collectors.toList()));
        ArrayNode tablets = o.putArray("tablets");
        List<WardCalendar.Tablet> wardTablets = calendar.tablets(ward.id());
        Map<String, List<Slot>> uses = calendar.uses(wardTablets.stream().map(WardCalendar.Tablet::id).toList(),
                from.atStartOfDay(zone).toInstant().minus(s.cleaningBuffer()),
                to.atStartOfDay(zone).toInstant().plus(s.cleaningBuffer()));
        for (WardCalendar.Tablet t : wardTablets) {
            List<WardQueries.VisitRow> mine = byTablet.remove(t.id());
            if (t.revoked() && mine == null) {
                continue;
            }
            ObjectNode one = BookingJson.tablet(t);
            ArrayNode list = one.putArray("visits");
            (mine == null ? List.<WardQueries.VisitRow>of() : mine).forEach(v -> list.add(WardResource.visit(v, now, live)));
            ArrayNode busy = one.putArray("busy"); // the uses the tablet-busy rule counts, before the buffer
            uses.getOrDefault(t.id(), List.of()).forEach(u -> busy.add(BookingJson.slot(u)));
            tablets.add(one);
        }
        byTablet.forEach((id, rows) -> { // a tablet of another ward's bed, booked for a patient of this one
            ObjectNode one = Json.object().put("id", id).put("label", rows.get(0).tabletLabel()).putNull("bed")
                    .put("revoked", false).putNull("patient");
            ArrayNode list = one.putArray("visits");
            rows.forEach(v -> list.add(WardResource.visit(v, now, live)));
            one.putArray("busy"); // not bookable from this ward
            tablets.add(one);
        });
        o.put("truncated", visits.size() > WEEK_LIMIT);
        views.viewed(call, "week|" + ward.id() + "|" + from, () -> AuditEvent.of(AuditEvent.staff(call.session().userId()),
                AuditAction.VISITS_VIEWED, AuditOutcome.SUCCESS).target("ward", ward.id()).ward(ward.id())
                .from(call.address()).detail("week=" + from));
        return ApiAnswer.ok(o);
    }

    /** The ward of the path, if this user may see its visits; 404 otherwise (audited), as for no ward. */
    private WardRef allowed(ApiCall call) {
        String wardId = call.path("wardId");
        WardRef ward = queries.ward(wardId).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.VISIT_VIEW, AccessGuard.Target.ward(wardId));
        return ward;
    }

    private static ObjectNode header(WardRef ward, WardSettings s) {
        ObjectNode o = Json.object();
        o.putObject("ward").put("id", ward.id()).put("name", ward.name());
        o.put("timeZone", s.timeZone().getId());
        o.put("cleaningBufferMinutes", s.cleaningBuffer().toMinutes());
        ArrayNode lengths = o.putArray("lengths");
        s.visitLengths().forEach(d -> lengths.add(d.toMinutes()));
        return o;
    }

    private LocalDate today(ZoneId zone) {
        return clock.instant().atZone(zone).toLocalDate();
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "the date must be YYYY-MM-DD, e.g. 2026-03-01");
        }
    }

    private static Duration length(WardSettings s, String text) {
        List<Long> allowed = s.visitLengths().stream().map(Duration::toMinutes).toList();
        try {
            long minutes = Long.parseLong(text);
            if (allowed.contains(minutes)) {
                return Duration.ofMinutes(minutes);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiException.invalid("length", "the length is in minutes, one of those the ward allows: " + allowed);
    }
}
