package org.lucarne.signaling;

import jakarta.websocket.server.ServerEndpointConfig;
import java.net.BindException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.signaling.audit.AuditHead;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.call.bridge.Bridge;
import org.lucarne.signaling.call.bridge.BridgePool;
import org.lucarne.signaling.call.bridge.BridgePoolConfig;
import org.lucarne.signaling.circle.Devices;
import org.lucarne.signaling.call.bridge.BridgeStatus;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.device.RevokedTablets;
import org.lucarne.signaling.device.TabletAuthenticator;
import org.lucarne.signaling.call.CallDirectory;
import org.lucarne.signaling.call.CallFocus;
import org.lucarne.signaling.device.NextVisitFeed;
import org.lucarne.signaling.device.NextVisits;
import org.lucarne.signaling.device.TabletConnections;
import org.lucarne.signaling.device.TabletHealth;
import org.lucarne.signaling.device.TabletPresence;
import org.lucarne.signaling.device.Tablets;
import org.lucarne.signaling.enrol.TabletEnrolment;
import org.lucarne.signaling.http.HealthServlet;
import org.lucarne.signaling.http.HttpsRedirectHandler;
import org.lucarne.signaling.http.PlainErrorHandler;
import org.lucarne.signaling.http.SecurityHeadersHandler;
import org.lucarne.signaling.http.StaticFiles;
import org.lucarne.signaling.http.StrictPathHandler;
import org.lucarne.signaling.http.WebAppServlet;
import org.lucarne.signaling.notify.Notifications;
import org.lucarne.signaling.personal.DataKeyCheck;
import org.lucarne.signaling.personal.DataKeyStore;
import org.lucarne.signaling.personal.LegacyPlaintext;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.PersonalDataException;
import org.lucarne.signaling.policy.AccessPolicy;
import org.lucarne.signaling.relay.LinkSecrets;
import org.lucarne.signaling.relay.Relay;
import org.lucarne.signaling.retention.Retention;
import org.lucarne.signaling.sso.SsoServices;
import org.lucarne.signaling.sso.SsoServlet;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.DatabaseSettings;
import org.lucarne.signaling.storage.DatabaseUse;
import org.lucarne.signaling.tls.KioskHandshakeCheck;
import org.lucarne.signaling.tls.ListenerTls;
import org.lucarne.signaling.tls.ServerTls;
import org.lucarne.signaling.visit.JoinRules;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.FocusVisits;
import org.lucarne.signaling.ws.Connections;
import org.lucarne.signaling.ws.RateLimits;
import org.lucarne.signaling.ws.SignalingConnection;
import org.lucarne.signaling.ws.SignalingEndpoint;
import org.lucarne.signaling.ws.SignalingStats;
import org.lucarne.signaling.ws.UpgradeGuardHandler;
import org.lucarne.signaling.ws.protocol.ProtocolCodec;

/**
 * The signaling server, wired by hand in one place. {@code main} and the tests both build it
 * with {@link #create}, then {@link #start}:
 * <pre>
 *   SecurityHeaders → StrictPath (irregular paths: 404) → HttpsRedirect (plain port only)
 *     → UpgradeGuard (/ws: Origin, rate; on the kiosk listener, the enrolled tablet of the client certificate)
 *     → servlet context: /ws (WebSocket), /health, /api/* (the staff API), /auth/oidc/* (hospital SSO, when
 *       configured), /enrol/*, /kiosk/renew, /crl/tablets.crl (enrol), everything else WebAppServlet
 * </pre>
 * on two HTTPS listeners: the public one ({@code https.port}) and the tablets' one ({@code kiosk.port}),
 * which requires a client certificate from the tablet CA;
 * and, unless {@code bridge.embedded} is false, a media bridge on its own ports (Colibri2 API on
 * loopback, media on UDP), started before and stopped after the web server.
 *
 * <p>Time comes from outside: the {@code Clock}, and the server-wide {@link #timers()} that every
 * component schedules on (a test gives a manual clock and scheduler through
 * {@link #create(SignalingConfig, Clock, ScheduledExecutorService)}). The server makes its other
 * threads here too (Jetty's, the call focus's pool), and stops them in {@link #stop}.
 */
public final class LucarneServer implements AutoCloseable {
    private final SignalingConfig config;
    private final Clock clock;
    /** The caller's timers, or null: the server makes its own at start and stops them at stop. */
    private final ScheduledExecutorService givenTimers;
    private ScheduledExecutorService timers;
    private ExecutorService callPool;
    private ExecutorService notifyPool;
    private ScheduledExecutorService bridgeChecks;
    private final SignalingStats stats = new SignalingStats();
    private final Connections connections = new Connections();
    private final TabletConnections tabletConnections = new TabletConnections();
    private Server jetty;
    private ServerConnector https;
    private ServerConnector kiosk;
    private ServerConnector http;
    private Database database;
    private DatabaseUse databaseUse;
    private PersonalData personalData;
    private AuditTrail audit;
    private AuditHead auditHead;
    private ServerTls.Material tls;
    private MediaBridge bridge;
    private BridgePool bridges;
    private CallFocus calls;
    private StaffServices staff;
    private NextVisitFeed nextVisits;
    private SsoServlet sso;
    private Notifications notifications;
    private Retention retention;
    private Tablets tablets;
    private RevokedTablets revokedTablets;
    private TabletEnrolment enrolment;
    private Devices devices;
    private Relay relay;

    private LucarneServer(SignalingConfig config, Clock clock, ScheduledExecutorService givenTimers) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.givenTimers = givenTimers;
    }

    /** The server as {@code main} runs it: its own timers, on a thread named {@code lucarne-timers}. */
    public static LucarneServer create(SignalingConfig config, Clock clock) {
        return new LucarneServer(config, clock, null);
    }

    /**
     * The same server on the caller's timers, which it leaves running at {@link #stop}: tests pass
     * a {@code ManualScheduler} with its {@code ManualClock} as {@code clock}, and every ring, grace
     * and end of slot waits for their hand.
     */
    public static LucarneServer create(SignalingConfig config, Clock clock, ScheduledExecutorService timers) {
        return new LucarneServer(config, clock, Objects.requireNonNull(timers, "timers"));
    }

    /** Prepares the data directory, TLS and storage, then listens. Fails with a {@link StartupException}. */
    public LucarneServer start() {
        timers = givenTimers != null ? givenTimers : singleThreadScheduler("lucarne-timers");
        callPool = Executors.newCachedThreadPool(numberedDaemons("lucarne-call-"));
        // Messages to families wait on the database, the SMS gateway and the mail server: one thread of their own.
        notifyPool = Executors.newSingleThreadExecutor(numberedDaemons("lucarne-notify-"));
        // The bridges' health checks wait on HTTP (up to bridge.request.timeout.seconds): a thread of
        // their own, in real time whatever the timers are, so that no check delays a ring.
        bridgeChecks = singleThreadScheduler("lucarne-bridge-health");
        DataDirectory.prepare(config.dataDir());
        tls = ServerTls.resolve(config, clock);
        database = Database.open(new DatabaseSettings(config.database().jdbcUrl(),
                config.database().user().orElse(null), config.database().password().orElse(null)));
        try {
            databaseUse = useDatabase(database);
            personalData = openPersonalData(config, database, clock);
            audit = new AuditTrail(database, clock);
            auditHead = new AuditHead(audit, config.staff().auditHeadFile(), AuditHead.localHostName(), clock, timers,
                    config.staff().auditHeadInterval());
            auditHead.start();
            tablets = new Tablets(database);
            revokedTablets = new RevokedTablets(tablets::revokedIds).start(timers);
            revokedTablets.onRevoked(id -> KioskHandshakeCheck.closeConnections(kiosk, id)); // its TLS connections
            startBridge();
            bridges = BridgePool.create(poolConfig(), clock, bridgeChecks).start();
            calls = new CallFocus(new JoinRules(database, clock), new Visits(database, clock),
                    new CallDirectory(database, personalData), bridges, config.calls(), clock, callPool, timers, audit);
            devices = Devices.create(database, clock, audit, new CallDirectory(database, personalData), this::origin,
                    ward -> staff.wardFeed().changed(ward)).watch(timers, callPool); // docs/e2ee.md, binding
            calls.admitFamilyDevicesWith(devices.directory()::boundTo);
            relay = Relay.create(database, clock, System::nanoTime, config.e2ee(), devices.circles(), // and relay
                    new LinkSecrets(personalData), audit, new AccessPolicy(),
                    new NextVisits(database, personalData, clock)::tabletsOfWard, callPool);
            enrolment = TabletEnrolment.create(config, tls, database, audit, clock); // tablet certificates
            notifications = Notifications.create(config.notifications(), config.dataDir().resolve("outbox"), database,
                    personalData, audit, clock, this::origin, config.staff().timeZone(), notifyPool);
            staff = StaffServices.start(new StaffServices.Wiring(config.staff(), database, personalData, audit, clock,
                    timers, callPool, new Visits(database, clock), new JoinRules(database, clock),
                    new FocusVisits(calls, tabletConnections),
                    new TabletPresence(tabletConnections, calls::tabletInCall, revokedTablets,
                            new TabletHealth(clock)),
                    calls, this::origin, notifications.invitations(),
                    guard -> {
                        List<Route> more = new ArrayList<>(notifications.routes(guard, calls::inviteRevoked));
                        more.addAll(enrolment.routes(ward -> staff.wardFeed().changed(ward)).apply(guard));
                        more.addAll(devices.routes(guard));
                        return more;
                    }));
            calls.admitStaffWith(staff.socketAccess());
            // A ward's staff hear at once of its calls and tablets (docs/protocol.md, "Staff").
            calls.tellWardChangesTo(staff.wardFeed()::changed);
            // A tablet hears of its next visit after its welcome and whenever its ward's visits change.
            nextVisits = new NextVisitFeed(new NextVisits(database, personalData, clock), clock, timers, callPool);
            staff.wardFeed().alsoTell(ward -> { // and its kiosk the link secrets of invites booked (docs/e2ee.md)
                nextVisits.wardChanged(ward);
                relay.wardChanged(ward);
            });
            tabletConnections.onOnlineChange(staff.wardFeed()::tabletChanged);
            calls.keepQuietWhile(staff.doNotDisturb()::on); // no visit rings a tablet on "do not disturb"
            sso = config.staff().oidc().map(o -> SsoServices.start(o, database, audit, clock, staff.accounts(),
                    staff.signIn(), this::origin, r -> TabletAuthenticator.onKioskListener(
                            ServletContextRequest.getServletContextRequest(r)))).orElse(null);
            jetty = buildJetty();
            jetty.start();
            notifications.start(timers);
            enrolment.start(timers, callPool);
            // What families and discharged patients leave behind, purged retention.days after their visits.
            retention = new Retention(config.retention(), config.e2ee().queueFor(), database, personalData, audit, clock,
                    callPool);
            retention.start(timers);
        } catch (Exception | LinkageError e) {
            stop();
            throw translate(e);
        }
        return this;
    }

    /**
     * One daemon thread for timers. Its tasks must be short (a timer of the call focus only hands
     * work to a visit); a cancelled timer leaves the queue at once.
     */
    private static ScheduledExecutorService singleThreadScheduler(String name) {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    private static ThreadFactory numberedDaemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The database's use lock, shared: every server and command holds it, {@code ./lucarne keys rotate}
     * alone takes it exclusively, so a start during a rotation stops here.
     */
    public static DatabaseUse useDatabase(Database database) {
        return DatabaseUse.tryAcquire(database, DatabaseUse.Mode.SHARED).orElseThrow(() -> new StartupException(
                "a data key rotation (./lucarne keys rotate) is running on this database: start again once it has"
                        + " finished"));
    }

    /**
     * The data keys, checked against the database (a wrong or missing key file stops the start here),
     * and any personal data an older Lucarne left in plain text sealed.
     */
    public static PersonalData openPersonalData(SignalingConfig config, Database database, Clock clock) {
        try {
            PersonalData data = DataKeyCheck.open(database, DataKeyStore.of(config.staff().keys()),
                    new SecureRandom(), clock);
            LegacyPlaintext.sealAll(database, data);
            return data;
        } catch (PersonalDataException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private void startBridge() {
        if (config.embeddedBridge().isEmpty()) {
            return;
        }
        try {
            bridge = MediaBridge.create(config.embeddedBridge().get(), clock).start();
        } catch (java.io.IOException e) {
            throw new StartupException("the embedded media bridge cannot start: " + e.getMessage()
                    + ". Free that port or choose another with LUCARNE_BRIDGE_UDP_PORT, or set"
                    + " LUCARNE_BRIDGE_EMBEDDED=false to use a bridge of its own.", e);
        }
    }

    /** The embedded bridge, if any, then the listed ones: the call focus's choice of bridges. */
    private BridgePoolConfig poolConfig() {
        List<Bridge> all = new ArrayList<>();
        if (bridge != null) {
            all.add(new Bridge(bridge.httpUri(), bridge.config().sharedSecret()));
        }
        Optional<BridgePoolConfig> listed = config.bridgePool();
        listed.ifPresent(p -> all.addAll(p.bridges()));
        return new BridgePoolConfig(all,
                listed.map(BridgePoolConfig::healthInterval).orElse(BridgePoolConfig.DEFAULT_HEALTH_INTERVAL),
                listed.map(BridgePoolConfig::requestTimeout).orElse(BridgePoolConfig.DEFAULT_REQUEST_TIMEOUT));
    }

    private Server buildJetty() {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("lucarne-http");
        Server server = new Server(threads);
        server.setStopTimeout(config.shutdownGrace().toMillis());
        server.setErrorHandler(new PlainErrorHandler());

        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendXPoweredBy(false);
        httpConfig.addCustomizer(new SecureRequestCustomizer());
        // Irregular paths reach StrictPathHandler, which answers them all with a plain 404. Paths that
        // cannot be resolved at all (above the root, NUL) are refused by the parser: PlainErrorHandler.
        httpConfig.setUriCompliance(UriCompliance.UNSAFE);
        https = new ServerConnector(server, 1, 2, new SslConnectionFactory(ListenerTls.publicListener(tls), "http/1.1"),
                new HttpConnectionFactory(httpConfig));
        https.setHost(config.bindAddress());
        https.setPort(config.httpsPort());
        https.setAcceptQueueSize(1024);
        server.addConnector(https);
        // Bedside tablets: the same pages and /ws, behind a required client certificate (mutual TLS).
        KioskHandshakeCheck revocationCheck = new KioskHandshakeCheck(revokedTablets::contains);
        kiosk = new ServerConnector(server, 1, 1,
                new SslConnectionFactory(ListenerTls.kioskListener(tls, revocationCheck), "http/1.1"),
                new HttpConnectionFactory(new HttpConfiguration(httpConfig)));
        kiosk.addBean(revocationCheck); // sessions resumed from before a revocation
        kiosk.setName(TabletAuthenticator.KIOSK_CONNECTOR);
        kiosk.setHost(config.bindAddress());
        kiosk.setPort(config.kiosk().port());
        server.addConnector(kiosk);
        if (config.httpPort() != SignalingConfig.NO_PORT) {
            http = new ServerConnector(server, 1, 1, new HttpConnectionFactory(new HttpConfiguration(httpConfig)));
            http.setHost(config.bindAddress());
            http.setPort(config.httpPort());
            server.addConnector(http);
        }

        ServletContextHandler context = new ServletContextHandler("/");
        context.setErrorHandler(new PlainErrorHandler.ServletErrors());
        Map<String, Supplier<HealthServlet.Part>> parts = new HashMap<>();
        parts.put("storage", () -> {
            var h = database.health();
            return new HealthServlet.Part(h.up(), h.detail());
        });
        parts.put("bridge", this::bridgeHealth);
        context.addServlet(new ServletHolder("health", new HealthServlet(Version.get(), parts)), "/health");
        ServletHolder web = new ServletHolder("web", new WebAppServlet(
                StaticFiles.load(StaticFiles.WEB_CLIENT_ROOT, StaticFiles.KIOSK_ROOT)));
        context.addServlet(web, "/");
        enrolment.mount(context, web, this::kioskOrigin); // /enrol/*, /kiosk/renew, /crl/tablets.crl
        RateLimits limits = new RateLimits(config.webSocket(), System::nanoTime);
        context.addServlet(new ServletHolder("api", staff.apiServlet(this::origin)), "/api/*");
        if (sso != null) {
            context.addServlet(new ServletHolder("sso", sso), SsoServlet.PATH + "/*");
        }
        var shared = new SignalingConnection.Shared(new ProtocolCodec(), limits, stats, config.webSocket(),
                Version.get(), calls, staff.sockets(), tablets, nextVisits, staff.kiosks(), devices.service(), relay);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(config.webSocket().maxFrameBytes());
            container.setDefaultMaxSessionIdleTimeout(config.webSocket().idleTimeout().toMillis());
            container.addEndpoint(ServerEndpointConfig.Builder.create(SignalingEndpoint.class, UpgradeGuardHandler.PATH)
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public <T> T getEndpointInstance(Class<T> type) {
                            return type.cast(new SignalingEndpoint(shared, connections, tabletConnections));
                        }
                    }).build());
        });

        Handler guarded = new UpgradeGuardHandler(
                r -> TabletAuthenticator.onKioskListener(r) ? kioskOrigin() : origin(), limits, stats,
                new TabletAuthenticator(tablets), staff.authenticator(), context);
        server.setHandler(new SecurityHeadersHandler(UpgradeGuardHandler.PATH, new StrictPathHandler(
                new HttpsRedirectHandler(this::origin, guarded))));
        return server;
    }

    private RuntimeException translate(Throwable e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return new StartupException("cannot listen on " + config.bindAddress() + " port "
                    + config.httpsPort() + (config.httpPort() != SignalingConfig.NO_PORT ? ", " + config.httpPort() : "")
                    + " or " + config.kiosk().port() + " (tablets)"
                    + ": " + cause.getMessage() + ". Is another Lucarne (or another server) already running? "
                    + "Stop it, or choose other ports with LUCARNE_HTTPS_PORT and LUCARNE_KIOSK_PORT.", e);
        }
        if (e instanceof StartupException s) {
            return s;
        }
        return new StartupException("the server failed to start: " + e.getMessage(), e);
    }

    /** Closes every socket with 1001, waits up to the grace period, then closes storage. */
    public void stop() {
        connections.closeAll(SignalingConnection.CloseCodes.GOING_AWAY, "server shutting down");
        try {
            if (jetty != null) {
                jetty.stop();
            }
        } catch (Exception e) {
            // stopping anyway
        } finally {
            Optional.ofNullable(notifications).ifPresent(Notifications::stop);
            Optional.ofNullable(retention).ifPresent(Retention::stop);
            Optional.ofNullable(revokedTablets).ifPresent(RevokedTablets::stop);
            Optional.ofNullable(devices).ifPresent(Devices::close);
            Optional.ofNullable(enrolment).ifPresent(TabletEnrolment::stop);
            Optional.ofNullable(staff).ifPresent(StaffServices::stop);
            Optional.ofNullable(nextVisits).ifPresent(NextVisitFeed::close);
            Optional.ofNullable(calls).ifPresent(CallFocus::close);
            // Whatever schedules on the timers or runs on the call pool is closed above this line.
            stopThreads();
            if (auditHead != null) {
                auditHead.stop(); // the last copy, after the calls' last entries
            }
            if (bridges != null) {
                bridges.close();
            }
            if (bridgeChecks != null) {
                bridgeChecks.shutdownNow();
            }
            if (bridge != null) {
                bridge.close();
            }
            if (database != null) {
                database.close();
            }
            if (databaseUse != null) {
                databaseUse.close();
            }
        }
    }

    /**
     * The timers first (their tasks post onto the pools), then the call pool and the messages' thread, given
     * 2 s each for what they hold (a message being sent then is taken back by the next start: docs/operations.md).
     */
    private void stopThreads() {
        if (timers != null && givenTimers == null) {
            timers.shutdownNow();
        }
        drain(callPool);
        drain(notifyPool);
    }

    private static void drain(ExecutorService pool) {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    /** Up while at least one bridge of the pool is healthy; the detail names each. */
    private HealthServlet.Part bridgeHealth() {
        List<BridgeStatus> status = bridges.status();
        boolean up = status.stream().anyMatch(BridgeStatus::healthy);
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < status.size(); i++) {
            BridgeStatus b = status.get(i);
            // The embedded bridge, when there is one, is the pool's first (poolConfig).
            detail.append(i == 0 ? "" : "; ").append(bridge != null && i == 0 ? "embedded" : b.bridge().name())
                    .append(b.healthy() ? " up" : " down" + b.problem().map(p -> " (" + p + ")").orElse(""));
        }
        return new HealthServlet.Part(up, detail.toString());
    }

    /** The bridges the call focus places conferences on: the embedded one and those of {@code bridge.urls}. */
    public BridgePool bridges() {
        return bridges;
    }

    /**
     * The server-wide timers: the call focus's, and any component's that runs something later or
     * on a schedule. Tasks must be short and hand blocking work elsewhere. Null before {@link #start}.
     */
    public ScheduledExecutorService timers() {
        return timers;
    }

    /** The call focus: every live visit. */
    public CallFocus calls() {
        return calls;
    }

    /** Messages to families: the booking's invitations, the dispatcher, the outbox. */
    public Notifications notifications() {
        return notifications;
    }

    /** The retention purge of contacts' and discharged patients' details (docs/operations.md, "Retention"). */
    public Retention retention() {
        return retention;
    }

    /** Staff accounts, sign-in, sessions and the authorization policy. */
    public StaffServices staff() {
        return staff;
    }

    /** The media bridge running inside this server, unless {@code bridge.embedded} is false. */
    public Optional<MediaBridge> bridge() {
        return Optional.ofNullable(bridge);
    }

    @Override
    public void close() {
        stop();
    }

    public int httpsPort() {
        return https.getLocalPort();
    }

    /** The bedside tablets' port (mutual TLS). */
    public int kioskPort() {
        return kiosk.getLocalPort();
    }

    /** The only origin allowed to open {@code /ws} on the kiosk port, e.g. {@code https://localhost:8444}. */
    public String kioskOrigin() {
        return config.kioskOrigin(kioskPort());
    }

    /** The open sockets of each verified tablet. */
    public TabletConnections tabletConnections() {
        return tabletConnections;
    }

    public int httpPort() {
        return http == null ? 0 : http.getLocalPort();
    }

    /** The only origin allowed to open {@code /ws}, e.g. {@code https://localhost:8443}. */
    public String origin() {
        return config.origin(httpsPort());
    }

    public SignalingConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /** Seals and opens the personal data this server stores. */
    public PersonalData personalData() {
        return personalData;
    }

    /** The audit trail. */
    public AuditTrail audit() {
        return audit;
    }

    public ServerTls.Material tls() {
        return tls;
    }

    public SignalingStats stats() {
        return stats;
    }

    public Connections connections() {
        return connections;
    }

    public Clock clock() {
        return clock;
    }
}
