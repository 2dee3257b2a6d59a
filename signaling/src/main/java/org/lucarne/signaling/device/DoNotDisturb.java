package org.lucarne.signaling.device;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tablet's "do not disturb": while it is on, no visit rings the tablet (docs/protocol.md, "Tablet"). The patient
 * turns it on until the next visit, or off, from the kiosk; the ward's staff from the console, until a time of
 * their choice ({@link DoNotDisturbRule}). Stored, so that it survives a restart; every change is audited
 * ({@code tablet.dnd.on}, {@code tablet.dnd.off}) and told to the {@link Listener} after the commit. Its end is
 * found by a sweep every {@value #SWEEP_SECONDS} s on the server's timers, which deletes it, audits it as the
 * system's and tells the listener; whether it is on is always read afresh, so a ring never waits for the sweep.
 */
public final class DoNotDisturb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DoNotDisturb.class);
    static final int SWEEP_SECONDS = 30;

    /** Hears every change, after its commit, on the thread that made it: it must return at once. */
    public interface Listener {
        /** The tablet's "do not disturb" is on until {@code until}, or off when empty. */
        void changed(String tabletId, String wardId, Optional<Instant> until);
    }

    private final Database db;
    private final AuditTrail audit;
    private final DoNotDisturbRule rule;
    private volatile Listener listener = (tablet, ward, until) -> { };
    private ScheduledFuture<?> sweep;

    public DoNotDisturb(Database db, AuditTrail audit, DoNotDisturbRule rule) {
        this.db = Objects.requireNonNull(db, "db");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** Set once at wiring: who hears of every change (the tablet's kiosks, its ward's consoles, the call focus). */
    public void tellChangesTo(Listener l) {
        this.listener = Objects.requireNonNull(l, "listener");
    }

    /** Starts the sweep on the server's timers. */
    public void start(ScheduledExecutorService timers) {
        sweep = timers.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    public DoNotDisturbRule rule() {
        return rule;
    }

    /** Until when the tablet's "do not disturb" is on, read now; empty when off. */
    public Optional<Instant> until(String tabletId) {
        return db.inTransaction(c -> until(c, tabletId));
    }

    /** Whether no visit may ring the tablet now. */
    public boolean on(String tabletId) {
        return until(tabletId).isPresent();
    }

    /** As {@link #until(String)}, inside the caller's transaction. */
    public Optional<Instant> until(Connection c, String tabletId) throws SQLException {
        Optional<DoNotDisturbStore.Setting> s = DoNotDisturbStore.find(c, tabletId);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Instant end = end(c, s.get());
        return rule.on(end) ? Optional.of(end) : Optional.empty();
    }

    /** The patient's button: on until the tablet's next visit (or the end of the day). Returns until when. */
    public Optional<Instant> onUntilNextVisit(String tabletId, String address) {
        return change(tabletId, null, AuditEvent.tablet(tabletId), address);
    }

    /**
     * Turns it on until {@code until} ({@link DoNotDisturbRule#acceptable}, checked by the caller) as
     * {@code actor} ({@code staff:<id>}, {@code tablet:<id>}). Returns until when it is on now: the
     * start of a visit may end it sooner than asked.
     */
    public Optional<Instant> set(String tabletId, Instant until, String actor, String address) {
        Objects.requireNonNull(until, "until");
        return change(tabletId, until, actor, address);
    }

    /** Turns it off as {@code actor}: whether it was on. Nothing is recorded or told when it was off. */
    public boolean off(String tabletId, String actor, String address) {
        Optional<String> ward = db.inTransaction(c -> {
            boolean on = until(c, tabletId).isPresent();
            if (DoNotDisturbStore.delete(c, tabletId) && on) {
                String w = wardOf(c, tabletId);
                audit.append(c, event(actor, AuditAction.TABLET_DND_OFF, tabletId, w).from(address));
                return Optional.ofNullable(w);
            }
            return null;
        });
        if (ward != null) {
            tell(tabletId, ward.orElse(null), Optional.empty());
        }
        return ward != null;
    }

    /** {@code until} null: until the next visit. */
    private Optional<Instant> change(String tabletId, Instant until, String actor, String address) {
        String[] ward = new String[1];
        Optional<Instant> on = db.inTransaction(c -> {
            ward[0] = wardOf(c, tabletId);
            Instant now = rule.now();
            Instant asked = until != null ? until
                    : rule.untilNextVisit(DoNotDisturbStore.firstStartAfter(c, tabletId, now));
            DoNotDisturbStore.Setting s = new DoNotDisturbStore.Setting(tabletId, asked, now, actor);
            DoNotDisturbStore.put(c, s);
            Instant end = end(c, s);
            audit.append(c, event(actor, AuditAction.TABLET_DND_ON, tabletId, ward[0]).from(address)
                    .detail("until=" + end.toEpochMilli()));
            return rule.on(end) ? Optional.of(end) : Optional.<Instant>empty();
        });
        tell(tabletId, ward[0], on);
        return on;
    }

    /** Deletes the settings that have ended (their time, or a visit's start), audited as the system's. */
    public void sweep() {
        // A task that throws is never run again by its scheduler: nothing may escape.
        try {
            List<String[]> ended = db.inTransaction(c -> {
                List<String[]> out = new ArrayList<>();
                for (DoNotDisturbStore.Setting s : DoNotDisturbStore.all(c)) {
                    Optional<Instant> visit = DoNotDisturbStore.firstStartAfter(c, s.tabletId(), s.setAt());
                    Instant end = DoNotDisturbRule.end(s.until(), visit);
                    if (!rule.on(end) && DoNotDisturbStore.delete(c, s)) {
                        String ward = wardOf(c, s.tabletId());
                        // "Until the next visit" ends at its start: a visit's start, not a time running out.
                        String why = visit.isPresent() && !visit.get().isAfter(s.until()) ? "visit_started"
                                : "until_reached";
                        audit.append(c, event(AuditEvent.SYSTEM, AuditAction.TABLET_DND_OFF, s.tabletId(), ward)
                                .detail("reason=" + why));
                        out.add(new String[] {s.tabletId(), ward});
                    }
                }
                return out;
            });
            for (String[] t : ended) {
                tell(t[0], t[1], Optional.empty());
            }
        } catch (RuntimeException e) {
            LOG.warn("the do-not-disturb sweep failed; it runs again in {} s", SWEEP_SECONDS, e);
        }
    }

    private static Instant end(Connection c, DoNotDisturbStore.Setting s) throws SQLException {
        return DoNotDisturbRule.end(s.until(), DoNotDisturbStore.firstStartAfter(c, s.tabletId(), s.setAt()));
    }

    private static String wardOf(Connection c, String tabletId) throws SQLException {
        try (var ps = c.prepareStatement("SELECT b.ward_id FROM tablet t JOIN bed b ON b.id = t.bed_id WHERE t.id = ?")) {
            ps.setString(1, tabletId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static AuditEvent event(String actor, AuditAction action, String tabletId, String wardId) {
        return AuditEvent.of(actor, action, AuditOutcome.SUCCESS).target("tablet", tabletId).ward(wardId);
    }

    private void tell(String tabletId, String wardId, Optional<Instant> until) {
        try {
            listener.changed(tabletId, wardId, until);
        } catch (RuntimeException e) {
            LOG.warn("tablet {}: a listener failed on its do-not-disturb change", tabletId, e);
        }
    }

    @Override
    public void close() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }
}
