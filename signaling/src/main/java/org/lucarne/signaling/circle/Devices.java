package org.lucarne.signaling.circle;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.AccessPolicy;
import org.lucarne.signaling.storage.Database;

/**
 * The device directory and circles, wired by hand (docs/e2ee.md, "Binding a link to a browser"): {@link #circles()}
 * for the relay, {@link #service()} for the sockets, {@link #routes} for the staff API, {@link #directory()} for the
 * call focus's family joins.
 */
public final class Devices implements AutoCloseable {
    private final Database db;
    private final Circles circles;
    private final DeviceDirectory directory;
    private final CircleFeed feed;
    private final Admissions admissions;
    private final BindingService service;

    private Devices(Database db, Circles circles, DeviceDirectory directory, CircleFeed feed, Admissions admissions,
                    BindingService service) {
        this.db = db;
        this.circles = circles;
        this.directory = directory;
        this.feed = feed;
        this.admissions = admissions;
        this.service = service;
    }

    /**
     * @param origin      the family pages' origin, which their proofs sign
     * @param wardChanges hears a ward's id when its consoles should read its contacts' devices again
     */
    public static Devices create(Database db, Clock clock, AuditTrail audit, CircleNames names, Supplier<String> origin,
                                 Consumer<String> wardChanges) {
        Circles circles = new Circles(db, clock);
        DeviceDirectory directory = new DeviceDirectory(db, clock, audit);
        CircleFeed feed = new CircleFeed(circles, directory, names);
        Admissions admissions = new Admissions(directory, circles, feed, wardChanges);
        BindingService service = new BindingService(db, directory, circles, feed, admissions,
                new AccessGuard(new AccessPolicy(), audit), audit, names, clock, new SecureRandom(), origin);
        return new Devices(db, circles, directory, feed, admissions, service);
    }

    /** Reads the circles with sockets here again every {@link CircleFeed#WATCH_INTERVAL}, on {@code pool}. */
    public Devices watch(ScheduledExecutorService timers, Executor pool) {
        feed.watch(timers, pool);
        return this;
    }

    public Circles circles() {
        return circles;
    }

    public DeviceDirectory directory() {
        return directory;
    }

    public BindingService service() {
        return service;
    }

    /** The staff API's routes of a contact's devices, behind {@code guard} (docs/staff-api.md, "Devices"). */
    public java.util.List<Route> routes(AccessGuard guard) {
        return new DeviceResource(db, directory, admissions, guard).routes();
    }

    @Override
    public void close() {
        feed.close();
    }
}
