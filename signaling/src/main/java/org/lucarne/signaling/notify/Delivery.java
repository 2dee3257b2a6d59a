package org.lucarne.signaling.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.config.NotifySettings;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.PersonalDataException;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message, from its claim to its outcome: claimed (one transaction), read with what it needs (another),
 * not sent after all when its visit is over, its invite revoked or its contact gone; else put in words and
 * sent by the channel chosen now, outside any transaction; then recorded: sent, tried again after
 * {@link Backoff} (a passing failure, with tries left and time before the visit's end), or failed with the
 * reason. Logs name the message and the visit by id, never a person, a number, an address or a link.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Database db;
    private final Clock clock;
    private final NotifySettings settings;
    private final Messages messages;
    private final InviteLinks links;
    private final WardSettingsStore wards;
    private final PersonalData personal;
    private final MessageRenderer renderer;
    private final Senders senders;

    Delivery(Database db, Clock clock, NotifySettings settings, Messages messages, InviteLinks links,
             WardSettingsStore wards, PersonalData personal, MessageRenderer renderer, Senders senders) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.links = Objects.requireNonNull(links, "links");
        this.wards = Objects.requireNonNull(wards, "wards");
        this.personal = Objects.requireNonNull(personal, "personal");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.senders = Objects.requireNonNull(senders, "senders");
    }

    /** Claims and sends one message; false if another node had it. */
    boolean send(String id) {
        Instant now = clock.instant();
        if (!db.inTransaction(c -> messages.claim(c, id, now, now.plus(Dispatcher.CLAIM)))) {
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
        Optional<Skip> skip = whyNot(job, now);
        if (skip.isPresent()) {
            cancel(m.id(), skip.get().code(), skip.get().words());
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

    /** Why a message is not sent after all: a code for the console, words for staff and the log. */
    private record Skip(String code, String words) { }

    /** Why the message is not to be sent after all; empty if it is to be. */
    private static Optional<Skip> whyNot(SendJob job, Instant now) {
        if (job.contactRemoved()) {
            return Optional.of(new Skip("contact_removed", "the contact was removed"));
        }
        if (!now.isBefore(job.end())) {
            return Optional.of(new Skip("visit_over", "the visit was over before the message could go"));
        }
        if (job.message().kind() == MessageKind.CANCELLED) {
            return Optional.empty();
        }
        if (job.visitEnded()) {
            return Optional.of(new Skip("visit_over", "the visit was ended or cancelled before the message could go"));
        }
        if (job.inviteRevoked()) {
            return Optional.of(new Skip("invite_revoked", "the invite was revoked"));
        }
        if (job.link().isEmpty()) {
            return Optional.of(new Skip("link_gone", "the invite's link is no longer kept"));
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
}
