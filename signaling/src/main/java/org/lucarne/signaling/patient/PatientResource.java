package org.lucarne.signaling.patient;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import org.lucarne.signaling.contact.Contacts;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ward.WardQueries;
import org.lucarne.signaling.ward.WardRef;
import org.lucarne.signaling.visit.LiveCalls;
import org.lucarne.signaling.ward.WardResource;

/**
 * What the ward's staff read of patients (docs/staff-api.md, "Patients"): the ward's admitted patients
 * (or the one with a hospital identifier), its beds, and a patient's record with their contacts and
 * visits. Every look at names is in the audit trail: a record each time ({@code patient.viewed}), the
 * list once per session and ward in {@link #VIEW_RECORDED_FOR} ({@code patients.viewed}: the console
 * refreshes it), a search by hospital identifier each time (its value never recorded).
 */
public final class PatientResource {
    /** How far back a patient's record lists visits. */
    static final Duration RECORD_HISTORY = Duration.ofDays(7);
    static final Duration VIEW_RECORDED_FOR = Duration.ofMinutes(15);

    private final Database db;
    private final WardQueries wards;
    private final Patients patients;
    private final Contacts contacts;
    private final PersonalData personal;
    private final AccessGuard guard;
    private final AuditTrail audit;
    private final Clock clock;
    /** session token hash | ward → the list's view already recorded; bounded. */
    private final Cache<String, Boolean> recordedViews;

    /** Whether a visit's call is live (its status {@code in_call}). */
    private final LiveCalls calls;

    public PatientResource(Database db, WardQueries wards, Patients patients, Contacts contacts, PersonalData personal,
                           AccessGuard guard, AuditTrail audit, Clock clock, LiveCalls calls) {
        this.calls = calls;
        this.db = db;
        this.wards = wards;
        this.patients = patients;
        this.contacts = contacts;
        this.personal = personal;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
        this.recordedViews = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(VIEW_RECORDED_FOR)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/wards/{wardId}/patients", Access.SIGNED_IN, this::list),
                Route.of("GET", "/api/wards/{wardId}/beds", Access.SIGNED_IN, this::beds),
                Route.of("GET", "/api/patients/{patientId}", Access.SIGNED_IN, this::record));
    }

    /** The ward's admitted patients by bed; {@code ?hospitalId=}: the one with that identifier, if any. */
    private ApiAnswer list(ApiCall call) {
        WardRef ward = wards.ward(call.path("wardId")).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.WARD_VIEW, AccessGuard.Target.ward(ward.id()));
        Optional<String> hospitalId = call.query("hospitalId").map(typed -> {
            try {
                return HospitalIds.normalize(typed);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("hospitalId", e.getMessage());
            }
        });
        ObjectNode o = Json.object();
        o.putObject("ward").put("id", ward.id()).put("name", ward.name());
        ArrayNode list = o.putArray("patients");
        db.inTransaction(c -> {
            List<PatientRow> rows;
            if (hospitalId.isPresent()) {
                Optional<String> id = patients.rows().byHospitalId(c, ward.id(), hospitalId.get());
                rows = id.isEmpty() ? List.of() : List.of(patients.rows().find(c, id.get()).orElseThrow());
            } else {
                rows = patients.rows().admitted(c, ward.id());
            }
            for (PatientRow p : rows) {
                list.add(PatientJson.summary(p, patients.rows().contactCount(c, p.id())));
            }
            return null;
        });
        String actor = AuditEvent.staff(call.session().userId());
        boolean record = hospitalId.isPresent()
                || recordedViews.asMap().putIfAbsent(call.session().tokenHash() + "|" + ward.id(), Boolean.TRUE) == null;
        if (record) {
            audit.record(AuditEvent.of(actor, AuditAction.PATIENTS_VIEWED, AuditOutcome.SUCCESS).target("ward", ward.id())
                    .ward(ward.id()).from(call.address()).detail(hospitalId.isPresent()
                            ? "search=hospital_id found=" + list.size() : "patients=" + list.size()));
        }
        return ApiAnswer.ok(o);
    }

    /** The ward's beds and which are taken (ids only): for admitting a patient or moving one. */
    private ApiAnswer beds(ApiCall call) {
        WardRef ward = wards.ward(call.path("wardId")).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.WARD_VIEW, AccessGuard.Target.ward(ward.id()));
        ArrayNode list = Json.array();
        db.inTransaction(c -> patients.rows().beds(c, ward.id())).forEach(b -> list.addObject().put("id", b.id())
                .put("label", b.label()).put("patientId", b.patientId().orElse(null)));
        return ApiAnswer.ok(list);
    }

    private ApiAnswer record(ApiCall call) {
        String id = call.path("patientId");
        String wardId = wards.wardOfPatient(id).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.PATIENT_VIEW, AccessGuard.Target.patient(id, wardId));
        boolean details = guard.policy().decide(call.session().actor(), Action.CONTACT_VIEW, wardId).allowed();
        ObjectNode o = db.inTransaction(c -> {
            PatientRow p = patients.rows().find(c, id).orElseThrow(ApiException::notFound);
            return PatientJson.record(c, personal, p, contacts.ofPatient(c, id), details);
        });
        Instant now = clock.instant();
        ArrayNode visits = o.putArray("visits");
        wards.visitsOfPatient(id, now.minus(RECORD_HISTORY)).forEach(v -> visits.add(WardResource.visit(v, now, calls)));
        audit.record(AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.PATIENT_VIEWED,
                AuditOutcome.SUCCESS).target("patient", id).ward(wardId).patient(id).from(call.address()));
        return ApiAnswer.ok(o);
    }
}
