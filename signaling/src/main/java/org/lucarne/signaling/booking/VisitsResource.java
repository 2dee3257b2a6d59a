package org.lucarne.signaling.booking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.lucarne.signaling.api.ApiAccess;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.visit.LiveCalls;
import org.lucarne.signaling.visit.VisitException;
import org.lucarne.signaling.ward.WardQueries;
import org.lucarne.signaling.ward.WardResource;

/**
 * {@code /api/visits…}: book, read, move and cancel a visit (docs/staff-api.md, "Booking visits"), for
 * the staff of the patient's ward ({@code visit.change}, {@code visit.view}); another ward's visit or
 * patient is {@code 404}, as one that does not exist, and the refusal is audited.
 */
public final class VisitsResource {
    /** The latest instant a start may name: the end of year 9999. */
    static final long MAX_TIME = 253_402_300_799_999L;
    /** The most contacts one booking invites. */
    static final int MAX_CONTACTS = 20;

    private final Bookings bookings;
    private final WardQueries queries;
    private final AccessGuard guard;
    private final LiveCalls live;
    private final Clock clock;
    private final Supplier<String> origin;
    private final ViewRecords views;

    /** @param origin the server's public origin, for the invite links */
    public VisitsResource(Bookings bookings, WardQueries queries, AccessGuard guard,
                          AuditTrail audit, LiveCalls live, Clock clock,
                          Supplier<String> origin) {
        this.bookings = Objects.requireNonNull(bookings, "bookings");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.live = Objects.requireNonNull(live, "live");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.views = new ViewRecords(audit, clock);
    }

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/api/visits", Access.SIGNED_IN, this::book),
                Route.of("GET", "/api/visits/{visitId}", Access.SIGNED_IN, this::view),
                Route.of("PATCH", "/api/visits/{visitId}", Access.SIGNED_IN, this::reschedule),
                Route.of("POST", "/api/visits/{visitId}/cancel", Access.SIGNED_IN, this::cancel));
    }

    private ApiAnswer book(ApiCall call) {
        JsonBody b = call.body().only("patient", "tablet", "start", "length", "contacts");
        String patient = b.string("patient", 1, 128);
        Optional<String> tablet = b.optionalString("tablet", 1, 128);
        Instant start = Instant.ofEpochMilli(b.longValue("start", 0, MAX_TIME));
        Duration length = Duration.ofMinutes(b.longValue("length", 1, 24 * 60));
        List<String> contacts = b.optionalStrings("contacts", MAX_CONTACTS, 128).orElse(List.of());
        String ward = queries.wardOfPatient(patient).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.VISIT_CHANGE, AccessGuard.Target.patient(patient, ward));
        Bookings.Booked booked;
        try {
            booked = bookings.book(new Bookings.Request(patient, tablet, start, length, contacts), staff(call),
                    call.address());
        } catch (BookingRefused r) {
            return BookingJson.refused(r);
        } catch (VisitException e) {
            throw problem(e);
        }
        ObjectNode o = Json.object();
        o.set("visit", visit(booked.visit().id()));
        ArrayNode invites = o.putArray("invites");
        for (Invite i : booked.invites()) {
            invites.addObject().put("contact", i.details().contactId()).put("invite", i.details().idHash())
                    .put("link", i.link(origin.get())).put("notBefore", i.details().notBefore().toEpochMilli())
                    .put("notAfter", i.details().notAfter().toEpochMilli());
        }
        return ApiAnswer.created(o);
    }

    private ApiAnswer view(ApiCall call) {
        WardQueries.VisitRow v = allowed(call, Action.VISIT_VIEW);
        String id = v.id();
        views.viewed(call, "visit|" + id, () -> AuditEvent.of(staff(call), AuditAction.VISIT_VIEWED, AuditOutcome.SUCCESS)
                .target("visit", id).ward(queries.wardOfPatient(v.patientId()).orElse(null)).patient(v.patientId())
                .from(call.address()));
        return ApiAnswer.ok(visit(id));
    }

    private ApiAnswer reschedule(ApiCall call) {
        JsonBody b = call.body().only("start", "length");
        Optional<Instant> start = b.optionalLong("start", 0, MAX_TIME).map(Instant::ofEpochMilli);
        Optional<Duration> length = b.optionalLong("length", 1, 24 * 60).map(Duration::ofMinutes);
        if (start.isEmpty() && length.isEmpty()) {
            throw ApiException.invalid("give the visit's new start, its new length, or both");
        }
        WardQueries.VisitRow v = allowed(call, Action.VISIT_CHANGE);
        try {
            bookings.reschedule(v.id(), start, length, staff(call), call.address());
        } catch (BookingRefused r) {
            return BookingJson.refused(r);
        } catch (VisitException e) {
            throw problem(e);
        }
        return ApiAnswer.ok(visit(v.id()));
    }

    private ApiAnswer cancel(ApiCall call) {
        call.body().only();
        WardQueries.VisitRow v = allowed(call, Action.VISIT_CHANGE);
        try {
            bookings.cancel(v.id(), staff(call), call.address());
        } catch (BookingRefused r) {
            return BookingJson.refused(r);
        } catch (VisitException e) {
            throw problem(e);
        }
        return ApiAnswer.ok(visit(v.id()));
    }

    /** The visit of the path, if the policy lets this user do {@code action} on it; else 404 (audited). */
    private WardQueries.VisitRow allowed(ApiCall call, Action action) {
        String id = call.path("visitId");
        WardQueries.VisitRow v = queries.visit(id).orElseThrow(ApiException::notFound);
        String ward = queries.wardOfPatient(v.patientId()).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, action, AccessGuard.Target.visit(id, ward, v.patientId()));
        return v;
    }

    private ObjectNode visit(String id) {
        return WardResource.visit(queries.visit(id).orElseThrow(ApiException::notFound), clock.instant(), live);
    }

    private static String staff(ApiCall call) {
        return AuditEvent.staff(call.session().userId());
    }

    /** What {@code Visits} refused, in a race the rules did not see coming: 404 when gone, else 409. */
    private static ApiException problem(VisitException e) {
        return switch (e.problem()) {
            case UNKNOWN_PATIENT, UNKNOWN_VISIT -> ApiException.notFound();
            default -> ApiException.conflict(null, e.getMessage());
        };
    }
}
