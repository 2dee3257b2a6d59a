package org.lucarne.signaling.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ward.Names;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;

/** A ward's calendar: its tablets, and each one's free slots of a day, by the {@link BookingRules}. */
public final class WardCalendar {

    /** A tablet of the ward, and the admitted patient at its bed, if any (their name opened to show it). */
    public record Tablet(String id, String label, String bed, boolean revoked, Optional<String> patientId,
                         Optional<String> patientName) {
    }

    /** A tablet's free slots. */
    public record TabletSlots(Tablet tablet, List<Slot> slots) {
    }

    private final Database db;
    private final WardSettingsStore settings;
    private final PersonalData personal;
    private final Clock clock;

    public WardCalendar(Database db, WardSettingsStore settings, PersonalData personal, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.personal = Objects.requireNonNull(personal, "personal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public WardSettings settings(String wardId) {
        return settings.of(wardId);
    }

    /** The ward's tablets, revoked ones too, by label. */
    public List<Tablet> tablets(String wardId) {
        return db.inTransaction(c -> BookingStore.tabletsOfWard(c, wardId)).stream().map(this::tablet).toList();
    }

    /**
     * The free slots of {@code length} on {@code date} (the ward's day) of each tablet of the ward not
     * revoked (or of {@code tabletId} alone), not before now: inside the visiting hours, on the grid, the
     * tablet free with its cleaning buffer, the daily cap of the patient at its bed not reached.
     */
    public List<TabletSlots> free(String wardId, Optional<String> tabletId, LocalDate date, Duration length) {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            WardSettings s = settings.of(c, wardId);
            ZoneId zone = s.timeZone();
            Instant from = date.atStartOfDay(zone).toInstant();
            Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
            List<BookingStore.WardTablet> tablets = BookingStore.tabletsOfWard(c, wardId).stream()
                    .filter(t -> !t.revoked() && tabletId.map(t.id()::equals).orElse(true)).toList();
            Map<String, List<Slot>> uses = BookingStore.uses(c, tablets.stream().map(BookingStore.WardTablet::id).toList(),
                    from.minus(s.cleaningBuffer()), to.plus(s.cleaningBuffer()), Set.of());
            List<TabletSlots> out = new ArrayList<>();
            for (BookingStore.WardTablet t : tablets) {
                List<Instant> starts = t.patientId().isPresent()
                        ? BookingStore.starts(c, t.patientId().get(), from, to, Set.of()) : List.of();
                out.add(new TabletSlots(tablet(t), BookingRules.free(s, from, to, length, now,
                        new BookingFacts.Occupancy(uses.getOrDefault(t.id(), List.of()), starts), Integer.MAX_VALUE)));
            }
            return out;
        });
    }

    /**
     * What each of {@code tabletIds} is used for in {@code [from, to)} (widened by the ward's cleaning
     * buffer by the caller): the times the tablet-busy rule counts, for the week view to leave out.
     */
    public Map<String, List<Slot>> uses(List<String> tabletIds, Instant from, Instant to) {
        return db.inTransaction(c -> BookingStore.uses(c, tabletIds, from, to, Set.of()));
    }

    private Tablet tablet(BookingStore.WardTablet t) {
        return new Tablet(t.id(), t.label(), t.bedLabel(), t.revoked(), t.patientId(), t.patientId().map(id ->
                Names.open(personal, SealedColumns.PATIENT_NAME, id, t.sealedPatientName().orElse(null))));
    }
}
