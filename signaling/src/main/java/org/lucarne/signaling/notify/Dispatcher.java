package org.lucarne.signaling.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lucarne.signaling.config.NotifySettings;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.PersonalDataException;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the messages that fall due. Every {@code notify.poll.seconds} the server's timers {@link #kick} it,
 * which only hands a round to the executor the server gives it for blocking work (the database, the
 * gateway, the mail server). A round gives back the claims other nodes let run out, forgets the links and
 * outbox texts of visits that are over (once a minute), then claims and sends the due messages one by one.
 * A passing failure is tried again after {@link Backoff}, until {@code notify.retry.max.attempts} or the
 * visit's end; a refusal is final. Logs name messages and visits by id, never a person, number or address.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final int BATCH = 20;
    /** How long a node's claim on a message lasts: far longer than any one send. */
    static final Duration CLAIM = Duration.ofMinutes(5);
    static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;
    private final NotifySettings settings;
    private final Messages messages;
    private final InviteLinks links;
    private final WardSettingsStore wards;
    private final PersonalData personal;
    private final MessageRenderer renderer;
    private final Senders senders;
    private final Executor executor;
    private final Object lock = new Object();
    private boolean running;
    private boolean again;
    private volatile boolean stopped;
    private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);
    private Instant lastPurge = Instant.MIN;
    private ScheduledFuture<?> tick;

    Dispatcher(Database db, Clock clock, NotifySettings settings, Messages messages, InviteLinks links,
               WardSettingsStore wards, PersonalData personal, MessageRenderer renderer, Senders senders,
               Executor executor) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.links = Objects.requireNonNull(links, "links");
        this.wards = Objects.requireNonNull(wards, "wards");
        this.personal = Objects.requireNonNull(personal, "personal");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.senders = Objects.requireNonNull(senders, "senders");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Looks at the queue every {@code notify.poll.seconds} on {@code timers}, the first time at once. */
    void start(ScheduledExecutorService timers) {
        long every = settings.pollInterval().toMillis();
        tick = timers.scheduleWithFixedDelay(this::kick, 0, every, TimeUnit.MILLISECONDS);
    }

    /** No new round; the one under way stops after its current message. */
    void stop() {
        stopped = true;
        if (tick != null) {
            tick.cancel(false);
        }
    }

    /**
     * Hands a round to the executor; if one is under way, another follows it (so nothing queued before this
     * call waits for the next tick). Returns at once.
     */
    public void kick() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (running) {
                again = true;
                return;
            }
            running = true;
            idle = new CompletableFuture<>();
        }
        try {
            executor.execute(this::rounds);
        } catch (RejectedExecutionException e) {
            finished();
        }
    }

    /** Waits until no round is under way or asked for; false if that took longer than {@code timeout}. */
    public boolean awaitIdle(Duration timeout) {
        CompletableFuture<Void> f;
        synchronized (lock) {
            f = idle;
        }
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void rounds() {
        while (true) {
            try {
                round();
            } catch (RuntimeException e) {
                // A task that throws stops nothing here, but must not go unseen; the next tick tries again.
                LOG.warn("a round of sending messages failed; the next one comes within {} s",
                        settings.pollInterval().toSeconds(), e);
            }
            synchronized (lock) {
                if (again && !stopped) {
                    again = false;
                    continue;
                }
            }
            finished();
            return;
        }
    }

    private void finished() {
        CompletableFuture<Void> done;
        synchronized (lock) {
            running = false;
            again = false;
            done = idle;
        }
        done.complete(null);
    }

    /** One round, on the caller's thread: give back lapsed claims, purge what is over, send what is due. */
    void round() {
        Instant now = clock.instant();
        int reclaimed = db.inTransaction(c -> messages.reclaimExpired(c, now));
        if (reclaimed > 0) {
            LOG.warn("{} messages were claimed by a node that did not finish sending them; they are sent again",
                    reclaimed);
        }
        if (!now.isBefore(lastPurge.plus(PURGE_EVERY))) {
            lastPurge = now;
            purge(now);
        }
        while (!stopped) {
            List<String> due = db.inTransaction(c -> messages.due(c, clock.instant(), BATCH));
            int mine = 0;
            for (String id : due) {
                if (stopped) {
                    return;
                }
                mine += send(id) ? 1 : 0;
            }
            if (due.size() < BATCH || mine == 0) {
                return;
            }
        }
    }

    /** Claims and sends one message; false if another node had it. */
    private boolean send(String id) {
        Instant now = clock.instant();
        if (!db.inTransaction(c -> messages.claim(c, id, now, now.plus(CLAIM)))) {
            return false;
        }
        try {
            Optional<MessageRow> row = db.inTransaction(c -> messages.find(c, id));
            if (row.isEmpty()) {
                return true;
            }
            Optional<SendJob> job;
            try {
                job = db.inTransaction(c -> SendJob.load(c, row.get(), personal, wards, links));
            } catch (PersonalDataException e) {
                LOG.warn("message {}: {}", id, e.getMessage());
                record(id, () -> db.inTransaction(c -> {
                    messages.failed(c, id, "data_unreadable", "the contact's or patient's details do not open with this"
                            + " server's data key", clock.instant());
                    return null;
                }));
                return true;
            }
            if (job.isEmpty()) {
                cancel(id, "visit_gone", "the visit or the contact no longer exists");
                return true;
            }
            deliver(job.get());
        } catch (RuntimeException e) {
            LOG.warn("message {} could not be sent; it is tried again", id, e);
            record(id, () -> db.inTransaction(c -> {
                Instant t = clock.instant();
                messages.retryAt(c, id, t.plus(Backoff.after(settings.retry(), 1)), "internal",
                        "the server failed while sending; it tries again", t);
                return null;
            }));
        }
        return true;
    }

    private void deliver(SendJob job) {
        MessageRow m = job.message();
        Instant now = clock.instant();
        Optional<String> notNow = whyNot(job, now);
        if (notNow.isPresent()) {
            String[] codeAndWords = notNow.get().split("\\|", 2);
            cancel(m.id(), codeAndWords[0], codeAndWords[1]);
            return;
        }
        Optional<Channel> channel = senders.choice().choose(job.preferredChannel(), job.phone().isPresent(),
                job.email().isPresent());
        if (channel.isEmpty()) {
            cancel(m.id(), "no_channel", "the contact receives no messages (channel none): staff give them the link");
            return;
        }
        MessageRenderer.Rendered words = renderer.render(new MessageContent(m.kind(), job.language(), job.patientName(),
                job.contactName(), job.start(), job.end(), job.zone(), m.kind().carriesLink() ? job.link()
                : Optional.empty(), settings.helpPhone(), now));
        if (channel.get() == Channel.SMS && SmsText.segments(words.sms()) > MessageRenderer.SMS_MAX_SEGMENTS) {
            LOG.warn("message {}: its text message takes {} segments (the public origin is long)", m.id(),
                    SmsText.segments(words.sms()));
        }
        Senders.Result result = senders.send(channel.get(), job, words);
        Instant after = clock.instant();
        if (result.outcome() instanceof SendOutcome.Sent sent) {
            db.inTransaction(c -> {
                messages.sent(c, m.id(), result.channel(), sent.gatewayId(), result.sealedBody(), after);
                return null;
            });
            LOG.info("message {} ({} of visit {}) sent by {}", m.id(), m.kind().stored(), m.visitId(),
                    result.channel().stored());
            return;
        }
        SendOutcome.Failed f = (SendOutcome.Failed) result.outcome();
        int tries = m.attempts();
        Instant next = after.plus(Backoff.after(settings.retry(), Math.max(tries, 1)));
        boolean again = f.passing() && tries < settings.retry().maxAttempts() && next.isBefore(job.end());
        db.inTransaction(c -> {
            if (again) {
                messages.retryAt(c, m.id(), next, f.code(), f.words(), after);
            } else {
                messages.failed(c, m.id(), f.code(), f.words() + (f.passing() ? (tries < settings.retry().maxAttempts()
                        ? "; the visit is over before another try" : "; tried " + tries + " times") : ""), after);
            }
            return null;
        });
        if (again) {
            LOG.info("message {} ({} of visit {}) by {} not sent: {} ({}); tried again at {}", m.id(), m.kind().stored(),
                    m.visitId(), result.channel().stored(), f.words(), f.code(), next);
        } else {
            LOG.warn("message {} ({} of visit {}) by {} failed: {} ({})", m.id(), m.kind().stored(), m.visitId(),
                    result.channel().stored(), f.words(), f.code());
        }
    }

    /** Why the message is not to be sent after all, as {@code code|words}; empty if it is. */
    private static Optional<String> whyNot(SendJob job, Instant now) {
        MessageKind kind = job.message().kind();
        if (job.contactRemoved()) {
            return Optional.of("contact_removed|the contact was removed");
        }
        if (!now.isBefore(job.end())) {
            return Optional.of("visit_over|the visit was over before the message could go");
        }
        if (kind == MessageKind.CANCELLED) {
            return Optional.empty();
        }
        if (job.visitEnded()) {
            return Optional.of("visit_over|the visit was ended or cancelled before the message could go");
        }
        if (job.inviteRevoked()) {
            return Optional.of("invite_revoked|the invite was revoked");
        }
        if (job.link().isEmpty()) {
            return Optional.of("link_gone|the invite's link is no longer kept");
        }
        return Optional.empty();
    }

    private void cancel(String id, String code, String words) {
        db.inTransaction(c -> {
            messages.cancel(c, id, code, words, clock.instant());
            return null;
        });
        LOG.info("message {} not sent: {} ({})", id, words, code);
    }

    /** Records an outcome; if even that fails, the claim runs out and another round takes the message back. */
    private static void record(String id, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warn("message {}: its state could not be recorded; it is taken back when its claim runs out", id, e);
        }
    }

    /** Forgets links of visits over, outbox texts and outbox files. */
    private void purge(Instant now) {
        int[] counts = db.inTransaction(c -> new int[] {links.purge(c, now), messages.purgeBodies(c, now)});
        int files = 0;
        Outbox outbox = senders.outbox();
        for (String id : outbox.ids()) {
            boolean keep = db.inTransaction(c -> messages.bodyKept(c, id));
            if (!keep && outbox.delete(id)) {
                files++;
            }
        }
        if (counts[0] + counts[1] + files > 0) {
            LOG.info("visits over: {} invite links, {} outbox texts and {} outbox files forgotten", counts[0], counts[1],
                    files);
        }
    }
}
