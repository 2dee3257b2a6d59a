package org.lucarne.signaling.enrol;

import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tablet enrolment, wired by hand: the tablets' routes ({@code /enrol}, {@code /kiosk/renew}), the CRL, the staff
 * routes, and the purge of old requests every {@value #PURGE_MINUTES} minutes on the server's timers (run on the
 * given pool). With no tablet CA key ({@link TabletIssuer}) every route answers {@code 503 enrolment_off}.
 */
public final class TabletEnrolment {
    static final int PURGE_MINUTES = 10;
    private static final int PURGE_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(TabletEnrolment.class);

    private final Database db;
    private final Optional<Issuing> issuing;
    private final AuditTrail audit;
    private final Clock clock;
    private final Predicate<HttpServletRequest> onKioskListener;
    private final SecureRandom random = new SecureRandom();
    private final Optional<TabletCrl> crl;
    private ScheduledFuture<?> purge;

    /** {@code ca}: the tablet CA with its key, if this server holds it. */
    public TabletEnrolment(Database db, Optional<CertificateAuthority> ca, AuditTrail audit, Clock clock,
                           Predicate<HttpServletRequest> onKioskListener) {
        this.db = db;
        this.issuing = ca.map(a -> new Issuing(a, clock, random));
        this.audit = audit;
        this.clock = clock;
        this.onKioskListener = onKioskListener;
        this.crl = issuing.map(i -> new TabletCrl(db, i));
    }

    /** Whether this server issues tablet certificates. */
    public boolean on() {
        return issuing.isPresent();
    }

    /** {@code POST /enrol}, {@code GET /enrol/{request}}; {@code kioskOrigin} is what an approved tablet is told. */
    public EnrolServlet enrolServlet(Supplier<String> kioskOrigin) {
        return new EnrolServlet(db, issuing.map(i -> i.ca), clock, random, kioskOrigin, onKioskListener);
    }

    public RenewServlet renewServlet() {
        return new RenewServlet(db, issuing, audit, onKioskListener);
    }

    public CrlServlet crlServlet() {
        return new CrlServlet(crl, onKioskListener);
    }

    /** The staff routes, through the policy's guard; {@code wardChanged} tells a ward's consoles. */
    public Function<AccessGuard, List<Route>> routes(Consumer<String> wardChanged) {
        return guard -> new EnrolmentResource(db, issuing, guard, audit, wardChanged, clock).routes();
    }

    /** Marks requests past their time expired, and deletes those expired over a day ago, on {@code pool}. */
    public void start(ScheduledExecutorService timers, Executor pool) {
        purge = timers.scheduleWithFixedDelay(() -> pool.execute(this::purge), PURGE_MINUTES, PURGE_MINUTES,
                TimeUnit.MINUTES);
    }

    /** One purge, now. */
    public int purge() {
        try {
            return db.inTransaction(c -> {
                Enrolments.expire(c, db.dialect(), clock.instant());
                return Enrolments.purge(c, clock.instant(), PURGE_BATCH);
            });
        } catch (RuntimeException e) {
            LOG.warn("the purge of old tablet enrolment requests failed; it runs again in {} minutes",
                    PURGE_MINUTES, e);
            return 0;
        }
    }

    public void stop() {
        if (purge != null) {
            purge.cancel(false);
        }
    }
}
