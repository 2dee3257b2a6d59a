package org.lucarne.signaling.notify;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.config.NotifySettings;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.visit.VisitInvitations;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * Messages to families, wired by hand (docs/architecture.md, "Notifications"): the booking's
 * {@link #invitations()}, the {@link #dispatcher()} that sends what they queue by SMS, e-mail or to the
 * outbox, and the console's routes. It makes no thread: the server gives it an executor for the blocking
 * work and its timers for the polling.
 */
public final class Notifications {
    private final NotifySettings settings;
    private final Database db;
    private final Clock clock;
    private final AuditTrail audit;
    private final PersonalData personal;
    private final Messages messages;
    private final InviteLinks links;
    private final WardSettingsStore wards;
    private final Senders senders;
    private final FamilyInvitations invitations;
    private final Dispatcher dispatcher;

    private Notifications(NotifySettings settings, Path outboxDir, Database db, PersonalData personal, AuditTrail audit,
                          Clock clock, Supplier<String> publicOrigin, ZoneId hospitalZone, Executor executor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.personal = Objects.requireNonNull(personal, "personal");
        SecureRandom random = new SecureRandom();
        this.messages = new Messages(random);
        this.links = new InviteLinks(personal, publicOrigin, new Invites(db, clock, random),
                new Visits(db, clock, random));
        this.wards = new WardSettingsStore(db, clock, hospitalZone);
        this.senders = new Senders(settings.sms().map(s -> new SmsGateway(s, SmsGateway.httpClient(s))),
                settings.smtp().map(s -> new SmtpMailer(s, clock)), new Outbox(outboxDir), personal, clock);
        this.invitations = new FamilyInvitations(links, messages, wards, audit, clock, senders::choice);
        this.dispatcher = new Dispatcher(db, clock, settings, messages, links, wards, personal,
                new MessageRenderer(MessageTemplates.load()), senders, executor);
    }

    /**
     * Everything ready to queue and send; nothing sent until {@link #start}.
     *
     * @param outboxDir    {@code <data.dir>/outbox}
     * @param publicOrigin the origin of the links ({@code https://host[:port]}), asked when an invite is issued
     * @param hospitalZone the time zone of wards without settings of their own
     * @param executor     where the sending (database, gateway, mail server, files) runs, never the timers
     * @throws IllegalArgumentException when {@code notify.smtp.from} or {@code notify.smtp.ca.certificate} is unusable
     */
    public static Notifications create(NotifySettings settings, Path outboxDir, Database db, PersonalData personal,
                                       AuditTrail audit, Clock clock, Supplier<String> publicOrigin, ZoneId hospitalZone,
                                       Executor executor) {
        return new Notifications(settings, outboxDir, db, personal, audit, clock, publicOrigin, hospitalZone, executor);
    }

    /** Starts looking at the queue on {@code timers}: at once (messages left pending before a restart go now), then every poll. */
    public void start(ScheduledExecutorService timers) {
        dispatcher.start(timers);
    }

    /** No new round of sending; the one under way ends after its current message. */
    public void stop() {
        dispatcher.stop();
    }

    /** What booking calls in its transaction: invites issued and messages queued. */
    public VisitInvitations invitations() {
        return invitations;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * The console's routes ({@code /api/visits/{id}/invites}, {@code /api/invites/{hash}/…}, {@code /api/outbox})
     * and, with an SMS gateway, its delivery reports ({@code /api/notify/sms/status}).
     *
     * @param revocations told after an invite is revoked, to take its holder out of a live call
     */
    public List<Route> routes(AccessGuard guard, InviteRevocations revocations) {
        List<Route> all = new ArrayList<>();
        all.addAll(new InvitesResource(db, clock, guard, audit, personal, messages, links, invitations, wards,
                revocations).routes());
        all.addAll(new OutboxResource(db, clock, guard, audit, personal).routes());
        settings.sms().ifPresent(s -> all.addAll(new SmsStatusResource(db, clock, messages, s).routes()));
        return List.copyOf(all);
    }
}
