package org.lucarne.signaling.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lucarne.signaling.api.ApiAccess;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.ApiMessages;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.policy.WardScope;
import org.lucarne.signaling.ward.WardQueries;
import org.lucarne.signaling.ward.WardRef;

/**
 * {@code GET /api/wards/{wardId}/reports} and {@code GET /api/reports} (docs/staff-api.md, "Reports"): a ward's
 * report day by day, and a row per ward, in JSON or CSV ({@code ?format=csv}, or {@code Accept: text/csv}).
 * {@code report.view}: ward managers on their wards, admins on every ward; each reading audited
 * ({@code report.viewed}).
 */
public final class ReportsResource {
    private final Reports reports;
    private final WardQueries wards;
    private final AccessGuard guard;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId hospitalZone;

    /** @param hospitalZone {@code time.zone}: the "today" of a report over several wards */
    public ReportsResource(Reports reports, WardQueries wards, AccessGuard guard, AuditTrail audit, Clock clock,
                           ZoneId hospitalZone) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.wards = Objects.requireNonNull(wards, "wards");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hospitalZone = Objects.requireNonNull(hospitalZone, "hospitalZone");
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/wards/{wardId}/reports", Access.SIGNED_IN, this::ward),
                Route.of("GET", "/api/reports", Access.SIGNED_IN, this::hospital));
    }

    private enum Format { JSON, CSV }

    private ApiAnswer ward(ApiCall call) {
        String wardId = call.path("wardId");
        WardRef ward = wards.ward(wardId).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.REPORT_VIEW, AccessGuard.Target.ward(wardId));
        Format format = format(call);
        ZoneId zone = reports.zone(wardId);
        ReportPeriod period = ReportPeriod.parse(call.query("from"), call.query("to"), today(zone));
        WardReport r = reports.ward(ward, period);
        audit.record(AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.REPORT_VIEWED,
                AuditOutcome.SUCCESS).target("ward", wardId).ward(wardId).from(call.address())
                .detail(detail(period, format) + " visits=" + r.totals().booked()));
        if (format == Format.CSV) {
            return csv(ReportCsv.ward(r, language(call)), "lucarne-report-" + wardId + "-" + period.from() + "-"
                    + period.to() + ".csv");
        }
        return ApiAnswer.ok(ReportJson.ward(r));
    }

    /** Every ward the reader may read reports of: all of them for an admin, their own for a ward manager. */
    private ApiAnswer hospital(ApiCall call) {
        WardScope scope = guard.policy().scope(call.session().actor(), Action.REPORT_VIEW);
        if (scope.none()) {
            ApiAccess.require(guard, call, Action.REPORT_VIEW, AccessGuard.Target.ward("*"));
        }
        Format format = format(call);
        ReportPeriod period = ReportPeriod.parse(call.query("from"), call.query("to"), today(hospitalZone));
        List<WardRef> readable = scope.everyWard() ? wards.all() : wards.wards(scope.wards());
        HospitalReport r = reports.wards(readable, period);
        audit.record(AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.REPORT_VIEWED,
                AuditOutcome.SUCCESS).from(call.address())
                .detail(detail(period, format) + " wards=" + readable.size() + " visits=" + r.totals().booked()));
        if (format == Format.CSV) {
            return csv(ReportCsv.hospital(r, language(call)), "lucarne-report-" + period.from() + "-" + period.to()
                    + ".csv");
        }
        return ApiAnswer.ok(ReportJson.hospital(r));
    }

    private LocalDate today(ZoneId zone) {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** {@code ?format=json|csv}; without it, CSV when the request's {@code Accept} names {@code text/csv}. */
    private static Format format(ApiCall call) {
        return call.query("format").map(f -> switch (f.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> Format.JSON;
            case "csv" -> Format.CSV;
            default -> throw ApiException.invalid("format", "format is json or csv");
        }).orElseGet(() -> call.header("Accept").filter(a -> a.toLowerCase(Locale.ROOT).contains("text/csv"))
                .map(a -> Format.CSV).orElse(Format.JSON));
    }

    private static String language(ApiCall call) {
        return ApiMessages.language(call.header("Accept-Language").orElse(null));
    }

    private static String detail(ReportPeriod period, Format format) {
        return "from=" + period.from() + " to=" + period.to() + " format=" + format.name().toLowerCase(Locale.ROOT);
    }

    private static ApiAnswer csv(byte[] bytes, String filename) {
        return ApiAnswer.file(ReportCsv.TYPE, bytes)
                .withHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }
}
