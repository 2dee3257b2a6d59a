package org.lucarne.signaling.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
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
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.PersonalDataException;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.policy.WardScope;
import org.lucarne.signaling.storage.Database;

/**
 * {@code GET /api/outbox}: the messages of a ward (or of every ward of the reader) that went to the outbox,
 * newest first, with what they say while their visit is not over, so that staff pass them on and a person
 * trying the demo sees the link to open ({@code contact.view}; docs/staff-api.md, "Outbox"). A session's
 * reading of a ward's outbox is recorded once in 15 minutes ({@code outbox.viewed}).
 */
final class OutboxResource {
    static final int LIMIT = 100;
    static final Duration VIEW_RECORDED_FOR = Duration.ofMinutes(15);

    private final Database db;
    private final AccessGuard guard;
    private final AuditTrail audit;
    private final PersonalData personal;
    private final Cache<String, Boolean> recordedViews;

    OutboxResource(Database db, Clock clock, AccessGuard guard, AuditTrail audit, PersonalData personal) {
        this.db = db;
        this.guard = guard;
        this.audit = audit;
        this.personal = personal;
        this.recordedViews = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(VIEW_RECORDED_FOR)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/api/outbox", Access.SIGNED_IN, this::list));
    }

    private ApiAnswer list(ApiCall call) {
        List<String> wards;
        if (call.query("ward").isPresent()) {
            String ward = call.query("ward").get();
            boolean exists = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ward WHERE id = ?")) {
                    ps.setString(1, ward);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
            if (!exists) {
                throw ApiException.notFound();
            }
            ApiAccess.require(guard, call, Action.CONTACT_VIEW, AccessGuard.Target.ward(ward));
            wards = List.of(ward);
        } else {
            WardScope scope = guard.policy().scope(call.session().actor(), Action.CONTACT_VIEW);
            Set<String> mine = call.session().wards();
            wards = mine.stream().filter(scope::includes).sorted().toList();
        }
        ArrayNode out = Json.array();
        if (!wards.isEmpty()) {
            rows(wards).forEach(out::add);
        }
        for (String w : wards) {
            if (recordedViews.asMap().putIfAbsent(call.session().tokenHash() + "|" + w, Boolean.TRUE) == null) {
                audit.record(AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.OUTBOX_VIEWED,
                        AuditOutcome.SUCCESS).target("ward", w).ward(w).from(call.address()));
            }
        }
        return ApiAnswer.ok(Json.object().set("messages", out));
    }

    private List<ObjectNode> rows(List<String> wards) {
        String marks = String.join(", ", Collections.nCopies(wards.size(), "?"));
        return db.inTransaction(c -> {
            List<ObjectNode> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Messages.COLUMNS + ", b.ward_id, f.display_name,"
                    + " m.body FROM notify_message m JOIN visit v ON v.id = m.visit_id"
                    + " JOIN patient p ON p.id = v.patient_id JOIN bed b ON b.id = p.bed_id"
                    + " JOIN family_contact f ON f.id = m.contact_id"
                    + " WHERE m.channel = 'outbox' AND m.status IN ('sent', 'delivered') AND b.ward_id IN (" + marks + ")"
                    + " ORDER BY m.sent_at DESC, m.id LIMIT " + LIMIT)) {
                for (int i = 0; i < wards.size(); i++) {
                    ps.setString(i + 1, wards.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        MessageRow m = Messages.row(rs, 1);
                        int col = Messages.COLUMNS.split(",").length + 1;
                        String ward = rs.getString(col);
                        String name = InviteQueries.name(personal, m.contactId(), rs.getString(col + 1));
                        out.add(row(m, ward, name, rs.getString(col + 2)));
                    }
                }
            }
            return out;
        });
    }

    private ObjectNode row(MessageRow m, String ward, String contactName, String sealedBody) {
        ObjectNode o = Json.object().put("id", m.id()).put("visit", m.visitId()).put("ward", ward)
                .put("kind", m.kind().stored()).put("status", m.status().stored())
                .put("sentAt", m.sentAt().map(t -> t.toEpochMilli()).orElse(null));
        o.putObject("contact").put("id", m.contactId()).put("name", contactName);
        o.put("invite", m.inviteIdHash().orElse(null));
        JsonNode body = null;
        if (sealedBody != null) {
            try {
                body = Json.MAPPER.readTree(personal.open(SealedColumns.NOTIFY_BODY, m.id(), sealedBody));
            } catch (IOException | PersonalDataException e) {
                body = null;
            }
        }
        o.put("to", body == null ? null : text(body, "to"));
        o.put("subject", body == null ? null : text(body, "subject"));
        o.put("text", body == null ? null : text(body, "text"));
        return o;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
