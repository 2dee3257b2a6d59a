package org.lucarne.signaling;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.lucarne.signaling.api.ApiServlet;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.audit.AuditResource;
import org.lucarne.signaling.audit.AuditSearch;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.booking.Bookings;
import org.lucarne.signaling.booking.VisitsResource;
import org.lucarne.signaling.booking.WardCalendar;
import org.lucarne.signaling.booking.WardCalendarResource;
import org.lucarne.signaling.config.StaffSettings;
import org.lucarne.signaling.contact.ContactResource;
import org.lucarne.signaling.contact.Contacts;
import org.lucarne.signaling.device.DoNotDisturb;
import org.lucarne.signaling.device.DoNotDisturbRule;
import org.lucarne.signaling.device.KioskMessages;
import org.lucarne.signaling.device.TabletAuthenticator;
import org.lucarne.signaling.device.TabletPresence;
import org.lucarne.signaling.device.TabletResource;
import org.lucarne.signaling.device.WardTablets;
import org.lucarne.signaling.patient.PatientChangeResource;
import org.lucarne.signaling.patient.PatientResource;
import org.lucarne.signaling.patient.Patients;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.AccessPolicy;
import org.lucarne.signaling.report.Reports;
import org.lucarne.signaling.report.ReportsResource;
import org.lucarne.signaling.session.Sessions;
import org.lucarne.signaling.session.StaffAuthenticator;
import org.lucarne.signaling.staff.PasswordHasher;
import org.lucarne.signaling.staff.SecondFactors;
import org.lucarne.signaling.staff.SessionResource;
import org.lucarne.signaling.staff.SignIn;
import org.lucarne.signaling.staff.SignInResource;
import org.lucarne.signaling.staff.SignInThrottle;
import org.lucarne.signaling.staff.SignIns;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffSocketAccess;
import org.lucarne.signaling.staff.UsersResource;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.visit.JoinRules;
import org.lucarne.signaling.visit.LiveCalls;
import org.lucarne.signaling.visit.VisitInvitations;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.LiveVisits;
import org.lucarne.signaling.ward.WardFeed;
import org.lucarne.signaling.ward.WardQueries;
import org.lucarne.signaling.ward.WardResource;
import org.lucarne.signaling.ward.WardSettingsResource;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.signaling.ws.StaffSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff side of the server, wired by hand: accounts and sign-in, sessions (swept every
 * {@value #SWEEP_SECONDS} s on the server's timers), the one authorization policy, the REST API's
 * routes (all listed in {@link #routes}) and what the signaling socket needs to know of staff.
 */
public final class StaffServices {
    static final int SWEEP_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(StaffServices.class);

    private final StaffAccounts accounts;
    private final SecondFactors factors;
    private final Sessions sessions;
    private final SignIns signIns;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final SignIn signIn;
    private final AccessGuard guard;
    private final WardQueries wards;
    private final StaffSocketAccess socketAccess;
    private final StaffSockets sockets;
    private final StaffAuthenticator authenticator;
    private final Bookings bookings;
    private final List<Route> routes;
    private final ScheduledFuture<?> sweep;
    private final WardFeed wardFeed;
    private final DoNotDisturb doNotDisturb;
    private final KioskMessages kiosks;

    /**
     * What the staff side is built from: its settings; storage, keys and the trail; time (the clock, the
     * server's timers, and the pool the ward feed pushes on); what joins and bookings check; the call
     * focus as the console sees it ({@code liveVisits}, {@code presence}) and as booking does
     * ({@code calls}); the server's origin; what issues and sends the family's invitations; and the routes of other features that ask the same
     * policy ({@code moreRoutes} gets the guard).
     */
    record Wiring(StaffSettings settings, Database db, PersonalData personal, AuditTrail audit, Clock clock,
                  ScheduledExecutorService timers, Executor pool, Visits visits, JoinRules rules, LiveVisits liveVisits,
                  TabletPresence presence, LiveCalls calls, Supplier<String> origin, VisitInvitations invitations,
                  Function<AccessGuard, List<Route>> moreRoutes) {
    }

    private StaffServices(Wiring w, PasswordHasher hasher) {
        StaffSettings settings = w.settings();
        Database db = w.db();
        PersonalData personal = w.personal();
        AuditTrail audit = w.audit();
        Clock clock = w.clock();
        SecureRandom random = new SecureRandom();
        this.hasher = hasher;
        this.accounts = new StaffAccounts(db, personal, clock, random);
        this.factors = new SecondFactors(personal, clock);
        this.sessions = new Sessions(db, audit, clock, settings.idleTimeout(), settings.absoluteTimeout(), random);
        this.signIns = new SignIns(db, clock, random);
        this.throttle = new SignInThrottle(clock);
        this.signIn = new SignIn(accounts, factors, signIns, sessions, hasher, throttle, audit, random,
                settings.localPasswords());
        AccessPolicy policy = new AccessPolicy();
        this.guard = new AccessGuard(policy, audit);
        this.wards = new WardQueries(db, personal);
        this.socketAccess = new StaffSocketAccess(sessions, accounts, w.visits(), wards, w.rules(), guard, audit);
        this.sockets = new StaffSockets(socketAccess);
        this.authenticator = new StaffAuthenticator(sessions);
        sessions.onEnded(sockets::sessionEnded);
        this.wardFeed = new WardFeed(sockets, sessions, policy, wards, clock, w.timers(), w.pool());
        this.doNotDisturb = new DoNotDisturb(db, audit, new DoNotDisturbRule(clock, settings.timeZone()));
        // Each change: the tablet's kiosks and a lobby waiting for it (the call focus), and its ward's consoles.
        doNotDisturb.tellChangesTo((tablet, ward, until) -> {
            w.calls().doNotDisturbChanged(tablet, until);
            if (ward != null) {
                wardFeed.changed(ward);
            }
        });
        this.kiosks = new KioskMessages(w.presence().health(), doNotDisturb, wardFeed::tabletChanged,
                w.presence()::knownRevoked);
        WardSettingsStore wardSettings = new WardSettingsStore(db, clock, settings.timeZone());
        this.bookings = new Bookings(db, w.visits(), wardSettings, w.invitations(), audit, w.calls(), clock);
        List<Route> all = new ArrayList<>();
        all.addAll(new SignInResource(signIn, accounts, sessions, settings.oidc().isPresent(),
                settings.timeZone()).routes());
        all.addAll(new SessionResource(accounts, sessions, hasher, throttle, audit, settings.timeZone()).routes());
        all.addAll(new WardResource(wards, guard, audit, clock, settings.timeZone(), w.liveVisits(), w.calls()).routes());
        all.addAll(new VisitsResource(bookings, wards, guard, audit, w.calls(), clock, w.origin(), wardFeed::changed)
                .routes());
        all.addAll(new WardCalendarResource(new WardCalendar(db, wardSettings, personal, clock), wards, guard, audit,
                w.calls(), clock).routes());
        all.addAll(new UsersResource(accounts, factors, sessions, hasher, guard, audit, random,
                settings.oidc().map(o -> o.issuer().toString())).routes());
        all.addAll(new AuditResource(new AuditSearch(db, settings.timeZone()), guard, audit).routes());
        all.addAll(new ReportsResource(new Reports(db, wardSettings, clock), wards, guard, audit, clock,
                settings.timeZone()).routes());
        all.addAll(wardDataRoutes(settings, db, personal, audit, clock, random, w.presence(), w.calls()));
        all.addAll(w.moreRoutes().apply(guard));
        this.routes = List.copyOf(all);
        this.sweep = w.timers().scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        doNotDisturb.start(w.timers());
    }

    /** Builds the staff side and starts its sweep on the server's timers. */
    static StaffServices start(Wiring w) {
        return new StaffServices(w, PasswordHasher.standard());
    }

    /** The ward's own data: its settings, patients, family contacts and tablets. */
    private List<Route> wardDataRoutes(StaffSettings settings, Database db, PersonalData personal, AuditTrail audit,
                                       Clock clock, SecureRandom random, TabletPresence presence, LiveCalls calls) {
        Patients patients = new Patients(personal, clock, random);
        Contacts contacts = new Contacts(personal, clock, random);
        List<Route> all = new ArrayList<>();
        all.addAll(new WardSettingsResource(db, wards, new WardSettingsStore(db, clock, settings.timeZone()), personal,
                guard, audit).routes());
        all.addAll(new PatientResource(db, wards, patients, contacts, personal, guard, audit, clock, calls).routes());
        all.addAll(new PatientChangeResource(db, wards, patients, contacts, personal, guard, audit).routes());
        all.addAll(new ContactResource(db, wards, contacts, guard, audit, calls::inviteRevoked).routes());
        all.addAll(new TabletResource(db, wards, new WardTablets(clock), presence, personal, guard, audit, calls,
                wardFeed::changed, doNotDisturb).routes());
        return all;
    }

    /** Ends the sessions past a timeout (closing their sockets) and forgets stale sign-ins. */
    public void sweep() {
        // A task that throws is never run again by its scheduler: nothing may escape.
        try {
            sessions.sweep();
            signIns.sweep();
        } catch (RuntimeException e) {
            LOG.warn("the staff sweep failed; it runs again in {} s", SWEEP_SECONDS, e);
        }
    }

    /** The staff API's servlet: every route, behind the guard; never served on the tablets' listener. */
    ApiServlet apiServlet(Supplier<String> origin) {
        return new ApiServlet(routes, sessions, origin, r -> TabletAuthenticator.onKioskListener(
                ServletContextRequest.getServletContextRequest(r)));
    }

    void stop() {
        sweep.cancel(false);
        doNotDisturb.close();
        wardFeed.close();
    }

    public List<Route> routes() {
        return routes;
    }

    public StaffAccounts accounts() {
        return accounts;
    }

    public SecondFactors secondFactors() {
        return factors;
    }

    public Sessions sessions() {
        return sessions;
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    public SignIn signIn() {
        return signIn;
    }

    public AccessGuard guard() {
        return guard;
    }

    public StaffSocketAccess socketAccess() {
        return socketAccess;
    }

    public StaffSockets sockets() {
        return sockets;
    }

    /**
     * Tells a ward's signed-in staff that one of its visits changed (docs/protocol.md, "Staff"):
     * {@code wardFeed().changed(wardId)} after booking, moving or cancelling a visit.
     */
    public WardFeed wardFeed() {
        return wardFeed;
    }

    /** The bedside tablets' "do not disturb", which the kiosks and the console turn on and off. */
    public DoNotDisturb doNotDisturb() {
        return doNotDisturb;
    }

    /** What the server does with a kiosk's own messages (its status, its "do not disturb"). */
    public KioskMessages kiosks() {
        return kiosks;
    }

    public StaffAuthenticator authenticator() {
        return authenticator;
    }

    /** Booking, moving and cancelling visits through the ward's rules. */
    public Bookings bookings() {
        return bookings;
    }
}
