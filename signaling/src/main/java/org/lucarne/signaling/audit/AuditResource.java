package org.lucarne.signaling.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.lucarne.signaling.api.ApiAccess;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.policy.WardScope;

/**
 * {@code GET /api/audit} and {@code GET /api/audit/actions} (docs/staff-api.md, "Audit trail"): the
 * console's audit page. Admins read every entry; ward managers the entries of their wards (entries
 * of no ward, such as sign-ins, only those who see every ward). Reading the trail is itself audited.
 */
public final class AuditResource {
    private final AuditSearch search;
    private final AccessGuard guard;
    private final AuditTrail audit;

    public AuditResource(AuditSearch search, AccessGuard guard, AuditTrail audit) {
        this.search = search;
        this.guard = guard;
        this.audit = audit;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/audit", Access.SIGNED_IN, this::page),
                Route.of("GET", "/api/audit/actions", Access.SIGNED_IN, this::actions));
    }

    private ApiAnswer page(ApiCall call) {
        Optional<String> ward = text(call, "ward");
        WardScope scope = guard.policy().scope(call.session().actor(), Action.AUDIT_VIEW);
        // One ward asked for: the policy decides for that ward; none, over the reader's whole scope.
        // Either way a reader with no right at all is refused, and the refusal is audited.
        if (ward.isPresent() || scope.none()) {
            ApiAccess.require(guard, call, Action.AUDIT_VIEW, AccessGuard.Target.ward(ward.orElse("*")));
        }
        AuditQuery q;
        AuditPage page;
        try {
            q = new AuditQuery(text(call, "actor"), ward, text(call, "patient"),
                    text(call, "action").map(AuditResource::action), text(call, "from").map(d -> date("from", d)),
                    text(call, "to").map(d -> date("to", d)),
                    scope.everyWard() ? AuditScope.everyWard() : AuditScope.wards(scope.wards()),
                    text(call, "before").map(b -> OptionalLong.of(number("before", b))).orElse(OptionalLong.empty()),
                    (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                            text(call, "limit").map(l -> number("limit", l)).orElse((long) AuditQuery.DEFAULT_LIMIT))));
            page = search.page(q);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        ArrayNode entries = Json.array();
        page.entries().forEach(e -> entries.add(entry(e)));
        ObjectNode o = Json.object();
        o.set("entries", entries);
        if (page.next().isPresent()) {
            o.put("next", page.next().getAsLong());
        } else {
            o.putNull("next");
        }
        audit.record(AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.AUDIT_VIEWED,
                AuditOutcome.SUCCESS).ward(ward.orElse(null)).patient(q.patient().orElse(null))
                .from(call.address()).detail(filters(q, page)));
        return ApiAnswer.ok(o);
    }

    private ApiAnswer actions(ApiCall call) {
        ArrayNode out = Json.array();
        for (AuditAction a : AuditAction.values()) {
            out.add(a.stored());
        }
        return ApiAnswer.ok(out);
    }

    /** {@code <entry>} of docs/staff-api.md: as stored, ids only. */
    static ObjectNode entry(AuditEntry e) {
        return Json.object().put("seq", e.seq()).put("at", e.at()).put("actor", e.actor()).put("action", e.action())
                .put("target", e.target()).put("ward", e.wardId()).put("patient", e.patientId())
                .put("address", e.address()).put("outcome", e.outcome()).put("detail", e.detail());
    }

    /** What was asked, for the entry that records the reading: filter names and ids, never a name. */
    private static String filters(AuditQuery q, AuditPage page) {
        List<String> words = new ArrayList<>();
        q.actor().ifPresent(a -> words.add("actor=" + a));
        q.action().ifPresent(a -> words.add("action=" + a.stored()));
        q.from().ifPresent(d -> words.add("from=" + d));
        q.to().ifPresent(d -> words.add("to=" + d));
        q.before().ifPresent(b -> words.add("before=" + b));
        words.add("entries=" + page.entries().size());
        return String.join(" ", words);
    }

    private static Optional<String> text(ApiCall call, String name) {
        return call.query(name).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static AuditAction action(String name) {
        try {
            return AuditAction.fromStored(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("action", "action '" + name + "' is not one of GET /api/audit/actions");
        }
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, field + " must be a date YYYY-MM-DD, e.g. 2026-03-01");
        }
    }

    private static long number(String field, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, field + " must be a whole number");
        }
    }
}
