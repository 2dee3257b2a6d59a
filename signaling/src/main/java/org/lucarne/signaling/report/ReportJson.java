package org.lucarne.signaling.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.ward.WardRef;

/** The reports as the API answers them in JSON (docs/staff-api.md, "Reports"). */
final class ReportJson {
    private ReportJson() {
    }

    static ObjectNode ward(WardReport r) {
        ObjectNode o = Json.object();
        ward(o.putObject("ward"), r.ward());
        o.put("timeZone", r.zone().getId());
        o.put("from", r.period().from().toString());
        o.put("to", r.period().to().toString());
        ArrayNode days = o.putArray("days");
        for (WardReport.Day d : r.days()) {
            figures(days.addObject().put("date", d.date().toString()), d.figures());
        }
        figures(o.putObject("totals"), r.totals());
        return o;
    }

    static ObjectNode hospital(HospitalReport r) {
        ObjectNode o = Json.object();
        o.put("from", r.period().from().toString());
        o.put("to", r.period().to().toString());
        ArrayNode wards = o.putArray("wards");
        for (HospitalReport.WardRow w : r.wards()) {
            ObjectNode row = wards.addObject();
            ward(row.putObject("ward"), w.ward());
            row.put("timeZone", w.zone().getId());
            figures(row, w.figures());
        }
        figures(o.putObject("totals"), r.totals());
        return o;
    }

    private static void ward(ObjectNode o, WardRef w) {
        o.put("id", w.id()).put("name", w.name());
    }

    /** {@code <figures>}: counts, lengths in seconds, rates as shares from 0 to 1; {@code null} where there is none. */
    static ObjectNode figures(ObjectNode o, Figures f) {
        o.put("booked", f.booked()).put("scheduled", f.scheduled()).put("ready", f.ready())
                .put("completed", f.completed()).put("cancelled", f.cancelled()).put("noShow", f.noShow())
                .put("calls", f.calls());
        seconds(o, "averageLengthSeconds", f.averageLengthSeconds());
        seconds(o, "medianLengthSeconds", f.medianLengthSeconds());
        rate(o, "completedRate", f.completedRate());
        rate(o, "cancelledRate", f.cancelledRate());
        rate(o, "noShowRate", f.noShowRate());
        return o;
    }

    private static void seconds(ObjectNode o, String name, OptionalLong value) {
        if (value.isPresent()) {
            o.put(name, value.getAsLong());
        } else {
            o.putNull(name);
        }
    }

    private static void rate(ObjectNode o, String name, OptionalDouble value) {
        if (value.isPresent()) {
            o.put(name, value.getAsDouble());
        } else {
            o.putNull(name);
        }
    }
}
