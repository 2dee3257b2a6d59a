package org.lucarne.signaling.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;

/**
 * The ways out: the SMS gateway and the mail server when configured, and the outbox always. A message
 * goes by the channel chosen for it; what it would have said is written to the outbox, and kept sealed
 * for the console, when it goes nowhere else.
 */
final class Senders {
    /** What one send did: the channel it went by, how it went, and for the outbox what it said (sealed). */
    record Result(Channel channel, SendOutcome outcome, Optional<String> sealedBody) { }

    private final Optional<SmsGateway> sms;
    private final Optional<SmtpMailer> mail;
    private final Outbox outbox;
    private final PersonalData personal;
    private final Clock clock;

    Senders(Optional<SmsGateway> sms, Optional<SmtpMailer> mail, Outbox outbox, PersonalData personal, Clock clock) {
        this.sms = Objects.requireNonNull(sms, "sms");
        this.mail = Objects.requireNonNull(mail, "mail");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.personal = Objects.requireNonNull(personal, "personal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ChannelChoice choice() {
        return new ChannelChoice(sms.isPresent(), mail.isPresent());
    }

    Outbox outbox() {
        return outbox;
    }

    Result send(Channel channel, SendJob job, MessageRenderer.Rendered r) {
        String id = job.message().id();
        if (channel == Channel.SMS && sms.isPresent() && job.phone().isPresent()) {
            return new Result(channel, sms.get().send(job.phone().get(), r.sms(), id), Optional.empty());
        }
        if (channel == Channel.EMAIL && mail.isPresent() && job.email().isPresent()) {
            return new Result(channel, mail.get().send(job.email().get(), r.subject(), r.text(), r.html(), id),
                    Optional.empty());
        }
        return toOutbox(job, r);
    }

    /** The outbox file, and the same words kept sealed in the message's row for the console. */
    private Result toOutbox(SendJob job, MessageRenderer.Rendered r) {
        boolean asSms = "sms".equals(job.preferredChannel()) && job.phone().isPresent();
        Optional<String> address = asSms ? job.phone() : job.email();
        String to = job.contactName() + address.map(a -> " <" + a + ">").orElse("");
        StringBuilder file = new StringBuilder()
                .append("Lucarne outbox: message ").append(job.message().id()).append(" (")
                .append(job.message().kind().stored()).append("), ").append(clock.instant()).append('\n')
                .append("To: ").append(to).append('\n');
        if (address.isEmpty()) {
            file.append("(No phone number nor e-mail address is known, or none can be used here: pass this on"
                    + " yourself.)\n");
        }
        if (asSms) {
            file.append("Text message:\n\n").append(r.sms()).append('\n');
        } else {
            file.append("Subject: ").append(r.subject()).append("\n\n").append(r.text());
        }
        SendOutcome outcome = outbox.write(job.message().id(), file.toString());
        var body = Json.object().put("to", to).put("subject", asSms ? null : r.subject())
                .put("text", asSms ? r.sms() : r.text());
        try {
            String sealed = personal.seal(SealedColumns.NOTIFY_BODY, job.message().id(),
                    Json.MAPPER.writeValueAsString(body));
            return new Result(Channel.OUTBOX, outcome, Optional.of(sealed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object of strings always writes", e);
        }
    }
}
