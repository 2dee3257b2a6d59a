package org.lucarne.signaling.ward;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.StorageException;

/**
 * Wards' settings in the database ({@code ward_settings}, {@code ward_visiting_hours}). A ward
 * without a row follows {@link WardSettings#defaults} in the hospital's time zone ({@code time.zone}).
 */
public final class WardSettingsStore {
    private final Database db;
    private final Clock clock;
    private final ZoneId hospitalZone;

    public WardSettingsStore(Database db, Clock clock, ZoneId hospitalZone) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hospitalZone = Objects.requireNonNull(hospitalZone, "hospitalZone");
    }

    /** The ward's settings, or the defaults when it has none. */
    public WardSettings of(String wardId) {
        return db.inTransaction(c -> of(c, wardId));
    }

    public WardSettings of(Connection c, String wardId) throws SQLException {
        return find(c, wardId).orElseGet(() -> WardSettings.defaults(hospitalZone));
    }

    /** The ward's own settings, if it has any. */
    public Optional<WardSettings> find(Connection c, String wardId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT time_zone, visit_lengths, cleaning_buffer_minutes,"
                + " daily_cap, reminder_minutes FROM ward_settings WHERE ward_id = ?")) {
            ps.setString(1, wardId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(new WardSettings(ZoneId.of(rs.getString(1)), hours(c, wardId),
                            minutes(rs.getString(2)), Duration.ofMinutes(rs.getInt(3)), rs.getInt(4),
                            minutes(rs.getString(5))));
                } catch (DateTimeException | IllegalArgumentException e) {
                    throw new StorageException("ward " + wardId + "'s stored settings are not valid (" + e.getMessage()
                            + "): save them again from the console", e);
                }
            }
        }
    }

    /** Replaces the ward's settings, inside the caller's transaction. */
    public void save(Connection c, String wardId, WardSettings s, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ward_settings (ward_id, time_zone, visit_lengths,"
                + " cleaning_buffer_minutes, daily_cap, reminder_minutes, updated_at, updated_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ward_id) DO UPDATE SET time_zone = excluded.time_zone,"
                + " visit_lengths = excluded.visit_lengths, cleaning_buffer_minutes = excluded.cleaning_buffer_minutes,"
                + " daily_cap = excluded.daily_cap, reminder_minutes = excluded.reminder_minutes,"
                + " updated_at = excluded.updated_at, updated_by = excluded.updated_by")) {
            ps.setString(1, wardId);
            ps.setString(2, s.timeZone().getId());
            ps.setString(3, text(s.visitLengths()));
            ps.setInt(4, (int) s.cleaningBuffer().toMinutes());
            ps.setInt(5, s.dailyCap());
            ps.setString(6, text(s.reminders()));
            ps.setLong(7, clock.millis());
            ps.setString(8, by);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ward_visiting_hours WHERE ward_id = ?")) {
            ps.setString(1, wardId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ward_visiting_hours (ward_id, weekday, opens_at,"
                + " closes_at) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<DayOfWeek, List<WardSettings.Span>> e : s.visitingHours().entrySet()) {
                for (WardSettings.Span span : e.getValue()) {
                    ps.setString(1, wardId);
                    ps.setInt(2, e.getKey().getValue());
                    ps.setInt(3, span.opens());
                    ps.setInt(4, span.closes());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static Map<DayOfWeek, List<WardSettings.Span>> hours(Connection c, String wardId) throws SQLException {
        Map<DayOfWeek, List<WardSettings.Span>> hours = new EnumMap<>(DayOfWeek.class);
        try (PreparedStatement ps = c.prepareStatement("SELECT weekday, opens_at, closes_at FROM ward_visiting_hours"
                + " WHERE ward_id = ? ORDER BY weekday, opens_at")) {
            ps.setString(1, wardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hours.computeIfAbsent(DayOfWeek.of(rs.getInt(1)), d -> new ArrayList<>())
                            .add(new WardSettings.Span(rs.getInt(2), rs.getInt(3)));
                }
            }
        }
        return hours;
    }

    /** {@code '15,30,45'} → minutes; {@code ''} → none. */
    static List<Duration> minutes(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).map(Long::parseLong).map(Duration::ofMinutes).toList();
    }

    static String text(List<Duration> durations) {
        return durations.stream().map(d -> Long.toString(d.toMinutes())).collect(Collectors.joining(","));
    }
}
