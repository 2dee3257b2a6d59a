package org.lucarne.signaling.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.lucarne.signaling.storage.Database;

/**
 * The console's audit search: the entries a reader may see, filtered, newest first, a page at a
 * time ({@code before} the previous page's last seq). The actor, ward, patient and date filters and
 * the ward scope each have an index ({@code audit_entry_actor}, {@code _ward}, {@code _patient} on
 * (column, seq), {@code _at}); the action alone is checked while walking the primary key from the
 * newest entry, actions being few and common.
 */
public final class AuditSearch {
    private final Database db;
    private final ZoneId zone;

    /** {@code zone}: the hospital's time zone ({@code time.zone}), in which {@code from} and {@code to} are days. */
    public AuditSearch(Database db, ZoneId zone) {
        this.db = Objects.requireNonNull(db, "db");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public AuditPage page(AuditQuery q) {
        Sql sql = sql(q);
        if (sql == null) {
            return new AuditPage(List.of(), OptionalLong.empty());
        }
        List<AuditEntry> found = db.inTransaction(c -> run(c, sql));
        if (found.size() <= q.limit()) {
            return new AuditPage(found, OptionalLong.empty());
        }
        List<AuditEntry> page = found.subList(0, q.limit());
        return new AuditPage(page, OptionalLong.of(page.get(page.size() - 1).seq()));
    }

    /** A statement and its parameters, in order. */
    record Sql(String text, List<Object> params) { }

    /**
     * The query for one page and one more entry (to know whether there is a next page); null when
     * nothing can match. A scope of several wards reads each ward's newest entries from the
     * (ward_id, seq) index and merges them, rather than sorting every entry of those wards.
     */
    Sql sql(AuditQuery q) {
        if (q.wardId().isPresent() && !q.scope().allows(q.wardId().get())) {
            return null;
        }
        int rows = q.limit() + 1;
        if (q.wardId().isPresent() || q.scope().wards().isEmpty()) {
            return select(q, q.wardId(), rows);
        }
        List<String> wards = List.copyOf(new TreeSet<>(q.scope().wards().get()));
        if (wards.isEmpty()) {
            return null;
        }
        if (wards.size() == 1) {
            return select(q, Optional.of(wards.get(0)), rows);
        }
        StringBuilder text = new StringBuilder("SELECT " + AuditTrail.COLUMNS + " FROM (");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < wards.size(); i++) {
            Sql one = select(q, Optional.of(wards.get(i)), rows);
            text.append(i == 0 ? "" : " UNION ALL ").append("SELECT " + AuditTrail.COLUMNS + " FROM (")
                    .append(one.text()).append(") w").append(i);
            params.addAll(one.params());
        }
        text.append(") scoped ORDER BY seq DESC LIMIT ?");
        params.add(rows);
        return new Sql(text.toString(), params);
    }

    /** The newest {@code rows} entries matching {@code q}'s filters, in {@code ward} if given. */
    private Sql select(AuditQuery q, Optional<String> ward, int rows) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        q.actor().ifPresent(v -> add(where, params, "actor = ?", v));
        ward.ifPresent(v -> add(where, params, "ward_id = ?", v));
        q.patient().ifPresent(v -> add(where, params, "patient_id = ?", v));
        q.action().ifPresent(v -> add(where, params, "action = ?", v.stored()));
        q.from().ifPresent(d -> add(where, params, "at >= ?", startOf(d)));
        q.to().ifPresent(d -> add(where, params, "at < ?", startOf(d.plusDays(1))));
        q.before().ifPresent(b -> add(where, params, "seq < ?", b));
        params.add(rows);
        return new Sql("SELECT " + AuditTrail.COLUMNS + " FROM audit_entry"
                + (where.isEmpty() ? "" : " WHERE " + where.substring(" AND ".length()))
                + " ORDER BY seq DESC LIMIT ?", params);
    }

    private long startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private static void add(StringBuilder where, List<Object> params, String condition, Object value) {
        where.append(" AND ").append(condition);
        params.add(value);
    }

    private static List<AuditEntry> run(Connection c, Sql sql) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql.text(), sql.params()); ResultSet rs = ps.executeQuery()) {
            List<AuditEntry> out = new ArrayList<>();
            while (rs.next()) {
                out.add(AuditTrail.read(rs));
            }
            return out;
        }
    }

    static PreparedStatement prepare(Connection c, String text, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(text);
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, (String) p);
            }
        }
        return ps;
    }
}
