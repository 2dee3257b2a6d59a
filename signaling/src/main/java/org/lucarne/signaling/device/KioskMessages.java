package org.lucarne.signaling.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.TabletMessage;

/**
 * What the server does with a kiosk's own messages (docs/protocol.md, "Tablet"), for a socket whose tablet the
 * kiosk listener verified: its status ({@link TabletHealth}), its "do not disturb" ({@link DoNotDisturb}), and
 * what it hears after {@code welcome}. The socket checks that the sender is such a kiosk.
 */
public final class KioskMessages {
    private final TabletHealth health;
    private final DoNotDisturb doNotDisturb;
    private final Consumer<String> tabletChanged;
    private final Predicate<String> knownRevoked;

    /**
     * @param tabletChanged tells the tablet's ward's consoles to read its tablets again (returns at once)
     * @param knownRevoked  whether this node knows the tablet is revoked (in memory: asked at every message)
     */
    public KioskMessages(TabletHealth health, DoNotDisturb doNotDisturb, Consumer<String> tabletChanged,
                         Predicate<String> knownRevoked) {
        this.health = Objects.requireNonNull(health, "health");
        this.doNotDisturb = Objects.requireNonNull(doNotDisturb, "doNotDisturb");
        this.tabletChanged = Objects.requireNonNull(tabletChanged, "tabletChanged");
        this.knownRevoked = Objects.requireNonNull(knownRevoked, "knownRevoked");
    }

    /**
     * Any message of the tablet, pings included: it is seen now, unless it is known to be revoked (false), as
     * another node's revocation is within {@link RevokedTablets#REFRESH}: then its socket must close, so that
     * an idle kiosk connected here hears of it at its next ping, not only at its next call message.
     */
    public boolean seen(String tabletId) {
        if (knownRevoked.test(tabletId)) {
            return false;
        }
        health.seen(tabletId);
        return true;
    }

    /** After {@code welcome}: whether "do not disturb" is on, and until when. */
    public TabletMessage.DoNotDisturbState greeted(String tabletId) {
        return state(doNotDisturb.until(tabletId));
    }

    /** The tablet's status: kept, or an error to answer when it came too soon after the last ones. */
    public Optional<Message.Error> status(String tabletId, TabletMessage.TabletStatus s) {
        TabletHealth.Outcome o = health.report(tabletId, s.appVersion(), s.battery(), s.charging());
        if (o == TabletHealth.Outcome.RATE_LIMITED) {
            return Optional.of(new Message.Error(ErrorCode.RATE_LIMITED, "tablet_status comes at most "
                    + TabletHealth.STATUS_BURST + " times in a row, then once every "
                    + TabletHealth.STATUS_GAP_SECONDS + " s; it was dropped"));
        }
        if (o == TabletHealth.Outcome.TELL_WARD) {
            tabletChanged.accept(tabletId);
        }
        return Optional.empty();
    }

    /**
     * The patient turned "do not disturb" on (until the next visit) or off. Every kiosk of the tablet hears a
     * change through the {@link DoNotDisturb.Listener}, this one included; turning off what was off changes
     * nothing, and the state to answer this kiosk alone is returned.
     */
    public Optional<TabletMessage.DoNotDisturbState> doNotDisturb(String tabletId, String address, boolean on) {
        if (on) {
            doNotDisturb.onUntilNextVisit(tabletId, address);
            return Optional.empty();
        }
        return doNotDisturb.off(tabletId, AuditEvent.tablet(tabletId), address) ? Optional.empty()
                : Optional.of(TabletMessage.DoNotDisturbState.off());
    }

    private static TabletMessage.DoNotDisturbState state(Optional<Instant> until) {
        return new TabletMessage.DoNotDisturbState(until.map(Instant::toEpochMilli).orElse(null));
    }
}
