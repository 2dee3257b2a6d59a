package org.lucarne.signaling.patient;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.lucarne.signaling.api.ApiAccess;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.JsonBody;
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
import org.lucarne.signaling.ward.Language;
import org.lucarne.signaling.ward.WardQueries;
import org.lucarne.signaling.ward.WardRef;

/**
 * What the ward's staff change of patients ({@code patient.change} on the patient's ward; another
 * ward's is {@code 404}, as none): admit one to a bed, change them, record or withdraw their consent
 * to the tablet answering by itself, discharge them. Each change is one transaction with its audit
 * entry, which says what changed, never the values.
 */
public final class PatientChangeResource {
    private static final String[] FIELDS = {"name", "bed", "language", "ins", "hospitalId"};

    private final Database db;
    private final WardQueries wards;
    private final Patients patients;
    private final Contacts contacts;
    private final PersonalData personal;
    private final AccessGuard guard;
    private final AuditTrail audit;

    public PatientChangeResource(Database db, WardQueries wards, Patients patients, Contacts contacts,
                                 PersonalData personal, AccessGuard guard, AuditTrail audit) {
        this.db = db;
        this.wards = wards;
        this.patients = patients;
        this.contacts = contacts;
        this.personal = personal;
        this.guard = guard;
        this.audit = audit;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/api/wards/{wardId}/patients", Access.SIGNED_IN, this::admit),
                Route.of("PATCH", "/api/patients/{patientId}", Access.SIGNED_IN, this::change),
                Route.of("PUT", "/api/patients/{patientId}/consent", Access.SIGNED_IN, this::consent),
                Route.of("POST", "/api/patients/{patientId}/discharge", Access.SIGNED_IN, this::discharge));
    }

    private ApiAnswer admit(ApiCall call) {
        WardRef ward = wards.ward(call.path("wardId")).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.PATIENT_CHANGE, AccessGuard.Target.ward(ward.id()));
        JsonBody b = call.body().only(FIELDS);
        String name = PatientJson.name(b.string("name", 0, 1000));
        String bed = b.string("bed", 1, 128);
        Language language = b.optionalString("language", 0, 16).map(PatientJson::language).orElse(Language.FR);
        Optional<Ins> ins = PatientJson.optionalIns(b).flatMap(i -> i);
        Optional<String> hospitalId = PatientJson.optionalHospitalId(b).flatMap(h -> h);
        String actor = AuditEvent.staff(call.session().userId());
        return ApiAnswer.created(db.inTransaction(c -> {
            String bedId = bedOf(c, ward.id(), bed);
            String id = patients.admit(c, ward.id(), new Patients.NewPatient(name, bedId, language, ins, hospitalId));
            audit.append(c, AuditEvent.of(actor, AuditAction.PATIENT_ADMITTED, AuditOutcome.SUCCESS)
                    .target("patient", id).ward(ward.id()).patient(id).from(call.address())
                    .detail("bed=" + bedId + " language=" + language.code() + (ins.isPresent() ? " ins=given" : "")
                            + (hospitalId.isPresent() ? " hospital_id=given" : "")));
            return answer(c, call, id);
        }));
    }

    private ApiAnswer change(ApiCall call) {
        String id = call.path("patientId");
        String wardId = scoped(call, id);
        JsonBody b = call.body().only(FIELDS);
        if (b.isNull("name") || b.isNull("bed") || b.isNull("language")) {
            throw ApiException.invalid(b.isNull("name") ? "name" : b.isNull("bed") ? "bed" : "language",
                    "name, bed and language cannot be cleared, only changed");
        }
        Optional<String> name = b.optionalString("name", 0, 1000).map(PatientJson::name);
        Optional<String> bed = b.optionalString("bed", 1, 128);
        Optional<Language> language = b.optionalString("language", 0, 16).map(PatientJson::language);
        Optional<Optional<Ins>> ins = PatientJson.optionalIns(b);
        Optional<Optional<String>> hospitalId = PatientJson.optionalHospitalId(b);
        String actor = AuditEvent.staff(call.session().userId());
        return ApiAnswer.ok(db.inTransaction(c -> {
            Optional<String> bedId = bed.isEmpty() ? Optional.empty() : Optional.of(bedOf(c, wardId, bed.get()));
            Patients.Changes ch = new Patients.Changes(name, bedId, language, ins, hospitalId);
            if (ch.none()) {
                throw ApiException.invalid("send at least one of " + String.join(", ", FIELDS));
            }
            List<String> changed = patients.change(c, wardId, id, ch);
            audit.append(c, AuditEvent.of(actor, AuditAction.PATIENT_CHANGED, AuditOutcome.SUCCESS)
                    .target("patient", id).ward(wardId).patient(id).from(call.address())
                    .detail("changed=" + (changed.isEmpty() ? "none" : String.join(",", changed))
                            + (changed.contains("bed") ? " bed=" + bedId.orElseThrow() : "")));
            return answer(c, call, id);
        }));
    }

    /** {@code {"autoAnswer": true|false}}: recorded (or withdrawn) by this member of staff, now. */
    private ApiAnswer consent(ApiCall call) {
        String id = call.path("patientId");
        String wardId = scoped(call, id);
        JsonBody b = call.body().only("autoAnswer");
        boolean autoAnswer = b.optionalBoolean("autoAnswer").orElseThrow(() -> ApiException.invalid("autoAnswer",
                "the field 'autoAnswer' is missing: true when the patient consents to their tablet answering by"
                        + " itself, false when they do not (or no longer)"));
        String actor = AuditEvent.staff(call.session().userId());
        return ApiAnswer.ok(db.inTransaction(c -> {
            int visits = patients.recordConsent(c, id, autoAnswer, actor);
            audit.append(c, AuditEvent.of(actor, AuditAction.PATIENT_CONSENT_RECORDED, AuditOutcome.SUCCESS)
                    .target("patient", id).ward(wardId).patient(id).from(call.address())
                    .detail("auto_answer=" + autoAnswer + " visits_updated=" + visits));
            return answer(c, call, id);
        }));
    }

    private ApiAnswer discharge(ApiCall call) {
        String id = call.path("patientId");
        String wardId = scoped(call, id);
        call.body().only();
        String actor = AuditEvent.staff(call.session().userId());
        return ApiAnswer.ok(db.inTransaction(c -> {
            patients.discharge(c, wardId, id);
            audit.append(c, AuditEvent.of(actor, AuditAction.PATIENT_DISCHARGED, AuditOutcome.SUCCESS)
                    .target("patient", id).ward(wardId).patient(id).from(call.address()));
            return answer(c, call, id);
        }));
    }

    /** The patient's ward, if the caller may change them ({@code 404} otherwise, audited). */
    private String scoped(ApiCall call, String patientId) {
        String wardId = wards.wardOfPatient(patientId).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.PATIENT_CHANGE, AccessGuard.Target.patient(patientId, wardId));
        return wardId;
    }

    /** A bed of the ward by id or label; an unknown one is refused with the ward's beds. */
    private String bedOf(Connection c, String wardId, String typed) throws SQLException {
        Optional<PatientRows.Bed> bed = patients.rows().bed(c, wardId, typed);
        if (bed.isEmpty()) {
            List<String> labels = patients.rows().beds(c, wardId).stream().map(PatientRows.Bed::label).toList();
            throw ApiException.invalid("bed", labels.isEmpty() ? "this ward has no bed yet: ask IT to add its beds"
                    : "this ward has no bed '" + typed.strip() + "': its beds are " + String.join(", ", labels));
        }
        return bed.get().id();
    }

    /** {@code <patient>} after a change: the record, without visits (a view of them is a view of the record). */
    private ObjectNode answer(Connection c, ApiCall call, String id) throws SQLException {
        PatientRow p = patients.rows().find(c, id).orElseThrow();
        boolean details = guard.policy().decide(call.session().actor(), Action.CONTACT_VIEW, p.wardId()).allowed();
        return PatientJson.record(c, personal, p, contacts.ofPatient(c, id), details);
    }
}
