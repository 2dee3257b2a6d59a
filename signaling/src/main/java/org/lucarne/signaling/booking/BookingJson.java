package org.lucarne.signaling.booking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.Json;

/** The booking's JSON shapes (docs/staff-api.md, "Booking visits"): slots, refusals, tablets. */
final class BookingJson {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private BookingJson() {
    }

    /** {@code {"start", "end"}} in epoch milliseconds. */
    static ObjectNode slot(Slot s) {
        return Json.object().put("start", s.start().toEpochMilli()).put("end", s.end().toEpochMilli());
    }

    /** {@code {"start", "end", "opens", "closes"}}: a span of visiting hours, with its wall-clock times in the ward's zone. */
    static ObjectNode span(Slot s, ZoneId zone) {
        String closes = TIME.format(s.end().atZone(zone));
        if (closes.equals("00:00")) {
            closes = "24:00";
        }
        return slot(s).put("opens", TIME.format(s.start().atZone(zone))).put("closes", closes);
    }

    static ArrayNode slots(List<Slot> slots) {
        ArrayNode out = Json.array();
        slots.forEach(s -> out.add(slot(s)));
        return out;
    }

    /** {@code 409 {"error": rule, "code": rule, "message", "suggestions": [slot]}}. */
    static ApiAnswer refused(BookingRefused r) {
        ObjectNode body = Json.object().put("error", r.rule().code()).put("code", r.rule().code())
                .put("message", r.getMessage());
        body.set("suggestions", slots(r.suggestions()));
        return new ApiAnswer(409, body, List.of());
    }

    /** {@code {"id", "label", "bed", "revoked", "patient": {"id", "name"} | null}}. */
    static ObjectNode tablet(WardCalendar.Tablet t) {
        ObjectNode o = Json.object().put("id", t.id()).put("label", t.label()).put("bed", t.bed())
                .put("revoked", t.revoked());
        if (t.patientId().isPresent()) {
            o.putObject("patient").put("id", t.patientId().get()).put("name", t.patientName().orElse(null));
        } else {
            o.putNull("patient");
        }
        return o;
    }
}
