package org.lucarne.signaling.ward;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
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
import org.lucarne.signaling.visit.VisitStatus;

/**
 * {@code /api/wards…} and {@code /api/patients/{id}}: a ward's visits of a day and a patient's record,
 * for the staff of that ward (docs/staff-api.md, "Wards and visits"). Both views are audited.
 */
public final class WardResource {
    /** How far back a patient's record lists visits. */
    static final Duration RECORD_HISTORY = Duration.ofDays(7);
    /**
     * A session's look at one ward's day is recorded once in this time: the console refreshes the list
     * every 30 s, and the trail records views, not refreshes.
     */
    static final Duration VIEW_RECORDED_FOR = Duration.ofMinutes(15);

    private final WardQueries queries;
    private final AccessGuard guard;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId zone;
    private final LiveCalls live;
    /** session token hash | ward | day → already recorded within {@link #VIEW_RECORDED_FOR}; bounded. */
    private final Cache<String, Boolean> recordedViews;

    public WardResource(WardQueries queries, AccessGuard guard, AuditTrail audit, Clock clock, ZoneId zone,
                        LiveCalls live) {
        this.queries = queries;
        this.live = live;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
        this.recordedViews = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(VIEW_RECORDED_FOR)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/wards", Access.SIGNED_IN, this::wards),
                Route.of("GET", "/api/wards/{wardId}/visits", Access.SIGNED_IN, this::visits),
                Route.of("GET", "/api/patients/{patientId}", Access.SIGNED_IN, this::patient));
    }

    /** The wards this user works on; {@code ?all=true}: every ward, for admins assigning wards. */
    private ApiAnswer wards(ApiCall call) {
        boolean all = switch (call.query("all").orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid("all", "all is true or false");
        };
        if (all) {
            ApiAccess.require(guard, call, Action.STAFF_MANAGE, AccessGuard.Target.ward("*"));
        }
        ArrayNode out = Json.array();
        for (WardRef w : all ? queries.all() : queries.wards(call.session().wards())) {
            out.addObject().put("id", w.id()).put("name", w.name());
        }
        return ApiAnswer.ok(out);
    }

    private ApiAnswer visits(ApiCall call) {
        String wardId = call.path("wardId");
        WardRef ward = queries.ward(wardId).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.WARD_VIEW, AccessGuard.Target.ward(wardId));
        LocalDate date = call.query("date").map(WardResource::date)
                .orElseGet(() -> clock.instant().atZone(zone).toLocalDate());
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        ArrayNode visits = Json.array();
        Instant now = clock.instant();
        queries.visitsStarting(wardId, from, to).forEach(v -> visits.add(visit(v, now, live)));
        String view = call.session().tokenHash() + "|" + wardId + "|" + date;
        if (recordedViews.asMap().putIfAbsent(view, Boolean.TRUE) == null) {
            audit.record(AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.VISITS_VIEWED,
                    AuditOutcome.SUCCESS).target("ward", wardId).ward(wardId).from(call.address()).detail("date=" + date));
        }
        ObjectNode o = Json.object();
        o.putObject("ward").put("id", ward.id()).put("name", ward.name());
        o.put("date", date.toString());
        o.set("visits", visits);
        return ApiAnswer.ok(o);
    }

    private ApiAnswer patient(ApiCall call) {
        String id = call.path("patientId");
        String wardId = queries.wardOfPatient(id).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.PATIENT_VIEW, AccessGuard.Target.patient(id, wardId));
        WardQueries.PatientRecord r = queries.patient(id).orElseThrow(ApiException::notFound);
        Instant now = clock.instant();
        ObjectNode o = Json.object().put("id", r.id()).put("name", r.name()).put("bed", r.bed());
        o.putObject("ward").put("id", r.ward().id()).put("name", r.ward().name());
        ArrayNode contacts = o.putArray("contacts");
        r.contacts().forEach(c -> contacts.addObject().put("id", c.id()).put("name", c.name()));
        ArrayNode visits = o.putArray("visits");
        queries.visitsOfPatient(id, now.minus(RECORD_HISTORY)).forEach(v -> visits.add(visit(v, now, live)));
        audit.record(AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.PATIENT_VIEWED,
                AuditOutcome.SUCCESS).target("patient", id).ward(wardId).patient(id).from(call.address()));
        return ApiAnswer.ok(o);
    }

    /**
     * {@code <visit>} of docs/staff-api.md, its status at {@code now} ({@link VisitStatus}, {@code in_call}
     * read from the call focus).
     */
    public static ObjectNode visit(WardQueries.VisitRow v, Instant now, LiveCalls live) {
        ObjectNode o = Json.object().put("id", v.id());
        o.putObject("patient").put("id", v.patientId()).put("name", v.patientName());
        o.put("bed", v.bed());
        o.putObject("tablet").put("id", v.tabletId()).put("label", v.tabletLabel());
        o.put("startsAt", v.startsAt().toEpochMilli());
        o.put("endsAt", v.endsAt().toEpochMilli());
        boolean ended = v.endedAt().filter(e -> !now.isBefore(e)).isPresent() || !now.isBefore(v.endsAt());
        boolean open = !ended && !now.isBefore(v.startsAt());
        o.put("status", VisitStatus.of(v.startsAt(), v.endsAt(), v.endedAt(), v.endReason(), v.firstJoinedAt(),
                open && live.inCall(v.id()), now).wireName());
        if (ended) {
            o.put("endReason", v.endedAt().filter(e -> !now.isBefore(e)).isPresent()
                    ? v.endReason().map(r -> r.stored()).orElse("ended") : "time_up");
        }
        return o;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("date", "the date must be YYYY-MM-DD, e.g. 2026-03-01");
        }
    }
}
