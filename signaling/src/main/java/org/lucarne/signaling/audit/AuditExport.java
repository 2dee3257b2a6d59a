package org.lucarne.signaling.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The entries of a range of days as JSON lines ({@code ./lucarne audit export}): one entry per
 * line, in seq order, with every stored field, its hash included, so that an export can be
 * checked on its own (docs/security.md, "Exports"):
 * <pre>
 * {"seq":42,"at":1772359200000,"time":"2026-03-01T11:00:00.000+01:00","actor":"staff:u-7","action":"patient.viewed",
 *  "target":"patient:p-3","ward_id":"ward-a","patient_id":"p-3","address":"192.0.2.10","outcome":"success",
 *  "detail":null,"prev_hash":"…","hash":"…"}
 * </pre>
 * ({@code time} is {@code at} in the hospital's time zone, for reading; it is not hashed.) The days
 * are those of {@code time.zone}, both ends included. Each export is itself audited
 * ({@code audit.exported}, with the range and the count).
 */
public final class AuditExport {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private final AuditTrail trail;
    private final ZoneId zone;

    public AuditExport(AuditTrail trail, ZoneId zone) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Writes the entries of the days {@code from} to {@code to} (both included) to {@code out}, which
     * it flushes and leaves open.
     *
     * @return how many entries were written
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public long write(LocalDate from, LocalDate to, OutputStream out) throws IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the last day " + to + " is before the first day " + from);
        }
        long fromMillis = from.atStartOfDay(zone).toInstant().toEpochMilli();
        long toMillis = to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
        long written;
        try {
            written = new AuditReader(trail.database()).forEachBetween(fromMillis, toMillis, e -> {
                try {
                    line(json, e);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
                return true;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        json.flush();
        return written;
    }

    /** Records that the days {@code from} to {@code to} were exported by {@code actor}: {@code count} entries. */
    public AuditEntry recordExport(String actor, LocalDate from, LocalDate to, long count) {
        return trail.record(AuditEvent.of(actor, AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS)
                .detail("from=" + from + " to=" + to + " entries=" + count));
    }

    private void line(JsonGenerator json, AuditEntry e) throws IOException {
        json.writeStartObject();
        json.writeNumberField("seq", e.seq());
        json.writeNumberField("at", e.at());
        json.writeStringField("time", TIME.format(Instant.ofEpochMilli(e.at()).atZone(zone)));
        json.writeStringField("actor", e.actor());
        json.writeStringField("action", e.action());
        json.writeStringField("target", e.target());
        json.writeStringField("ward_id", e.wardId());
        json.writeStringField("patient_id", e.patientId());
        json.writeStringField("address", e.address());
        json.writeStringField("outcome", e.outcome());
        json.writeStringField("detail", e.detail());
        json.writeStringField("prev_hash", e.prevHash());
        json.writeStringField("hash", e.hash());
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
