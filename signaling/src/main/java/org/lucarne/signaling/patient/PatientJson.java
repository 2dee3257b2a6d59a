package org.lucarne.signaling.patient;

import org.lucarne.signaling.ward.Language;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;
import org.lucarne.signaling.contact.ContactJson;
import org.lucarne.signaling.contact.ContactRow;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.ward.StaffNames;

/** Patients in the staff API's JSON (docs/staff-api.md, "Patients"): what is read from a request, what is answered. */
public final class PatientJson {
    static final int MAX_NAME = 100;

    private PatientJson() {
    }

    /** {@code <patient summary>}: a line of the ward's list. */
    static ObjectNode summary(PatientRow p, int contacts) {
        return Json.object().put("id", p.id()).put("name", p.name()).put("bed", p.bedLabel()).put("bedId", p.bedId())
                .put("language", p.language().code()).put("autoAnswer", p.autoAnswer()).put("contacts", contacts);
    }

    /**
     * {@code <patient>}: the record, its contacts' details when {@code contacts} is given (staff allowed
     * {@code contact.view}), else their ids and names only.
     */
    static ObjectNode record(Connection c, PersonalData personal, PatientRow p, List<ContactRow> contacts,
                             boolean contactDetails) throws SQLException {
        ObjectNode o = Json.object().put("id", p.id()).put("name", p.name()).put("bed", p.bedLabel())
                .put("bedId", p.bedId());
        o.putObject("ward").put("id", p.wardId()).put("name", p.wardName());
        o.put("language", p.language().code());
        if (p.ins().isPresent()) {
            Ins ins = p.ins().get();
            o.putObject("ins").put("matricule", ins.matricule()).put("oid", ins.authority().oid())
                    .put("kind", ins.authority().kind());
        } else {
            o.putNull("ins");
        }
        o.put("hospitalId", p.hospitalId().orElse(null));
        o.put("autoAnswer", p.autoAnswer());
        if (p.consentRecordedAt().isPresent()) {
            ObjectNode consent = o.putObject("consent").put("recordedAt", p.consentRecordedAt().get().toEpochMilli());
            Optional<StaffNames.Ref> by = StaffNames.of(c, personal, p.consentRecordedBy().orElse(null));
            if (by.isPresent()) {
                consent.putObject("recordedBy").put("id", by.get().id()).put("name", by.get().name());
            } else {
                consent.putNull("recordedBy");
            }
        } else {
            o.putNull("consent");
        }
        time(o, "admittedAt", p.admittedAt());
        time(o, "dischargedAt", p.dischargedAt());
        ArrayNode list = o.putArray("contacts");
        for (ContactRow contact : contacts) {
            list.add(contactDetails ? ContactJson.contact(contact)
                    : Json.object().put("id", contact.id()).put("name", contact.details().orElseThrow().name()));
        }
        return o;
    }

    /** A patient's name as typed: trimmed, 1 to {@value #MAX_NAME} characters, no control character. */
    static String name(String typed) {
        String s = typed.strip();
        if (s.isEmpty() || s.codePointCount(0, s.length()) > MAX_NAME || s.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("name", "a name is 1 to " + MAX_NAME + " characters, without control characters");
        }
        return s;
    }

    static Language language(String typed) {
        return Language.of(typed).orElseThrow(() -> ApiException.invalid("language", "the language is fr or en"));
    }

    /** {@code "ins": {"matricule", "oid"}}; the field must be there. */
    static Ins ins(JsonNode n) {
        if (!n.isObject()) {
            throw ApiException.invalid("ins", "ins is {\"matricule\": \"<15 characters>\", \"oid\": \"1.2.250.1.213.1.4.8\"},"
                    + " or null for none");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("matricule") && !name.equals("oid")) {
                throw ApiException.invalid("ins." + name, "unknown field '" + name + "': ins has matricule and oid");
            }
        }
        String matricule = text(n, "matricule", 64);
        String oid = text(n, "oid", 64);
        try {
            matricule = Ins.matricule(matricule);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("ins.matricule", e.getMessage());
        }
        try {
            return new Ins(matricule, Ins.Authority.of(oid));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("ins.oid", e.getMessage());
        }
    }

    /** The optional INS of a request: absent, {@code null} (none: cleared) or an INS. */
    static Optional<Optional<Ins>> optionalIns(JsonBody b) {
        if (!b.has("ins")) {
            return Optional.empty();
        }
        return Optional.of(b.isNull("ins") ? Optional.empty() : Optional.of(ins(b.node("ins").orElseThrow())));
    }

    /** The optional hospital identifier of a request: absent, {@code null} (cleared) or a value. */
    static Optional<Optional<String>> optionalHospitalId(JsonBody b) {
        if (!b.has("hospitalId")) {
            return Optional.empty();
        }
        if (b.isNull("hospitalId")) {
            return Optional.of(Optional.empty());
        }
        String typed = b.optionalString("hospitalId", 0, 256).orElseThrow();
        try {
            return Optional.of(Optional.of(HospitalIds.normalize(typed)));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("hospitalId", e.getMessage());
        }
    }

    private static String text(JsonNode n, String name, int max) {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual() || v.textValue().length() > max) {
            throw ApiException.invalid("ins." + name, "ins." + name + " is a string of at most " + max + " characters");
        }
        return v.textValue();
    }

    private static void time(ObjectNode o, String name, Optional<Instant> t) {
        if (t.isPresent()) {
            o.put(name, t.get().toEpochMilli());
        } else {
            o.putNull(name);
        }
    }
}
