package org.lucarne.signaling.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How families get their invites (lucarne.sample.conf, "Messages to families"; docs/operations.md,
 * "Notifications"): an SMS gateway, an SMTP server, or neither (every message then goes to the outbox in
 * the data directory, where staff read it), and how often a message is tried again.
 *
 * @param sms          the HTTP gateway that sends text messages, if any ({@code notify.sms.*})
 * @param smtp         the mail server that sends e-mails, if any ({@code notify.smtp.*})
 * @param helpPhone    the number a family calls for help, printed in every message, if any
 * @param retry        how often and how long a message that failed for a passing reason is tried again
 * @param pollInterval how often the queue is looked at for messages falling due
 */
public record NotifySettings(Optional<Sms> sms, Optional<Smtp> smtp, Optional<String> helpPhone, Retry retry,
                             Duration pollInterval) {

    /**
     * The SMS gateway: {@code POST url} with {@code Authorization: Bearer secret}; the same secret
     * authenticates its delivery reports to {@code /api/notify/sms/status}.
     */
    public record Sms(URI url, String secret, Duration timeout) {
        @Override
        public String toString() {
            return "Sms[" + url + ", secret hidden, " + timeout + "]";
        }
    }

    /** How the SMTP connection is protected: STARTTLS on a plain port (587), or TLS from the start (465). */
    public enum Security { STARTTLS, TLS }

    /**
     * The mail server.
     *
     * @param caCertificate a PEM file of the CA that issued the mail server's certificate, when it is not
     *                      one the JVM trusts (a hospital's own relay); empty: the JVM's trusted CAs
     */
    public record Smtp(String host, int port, Security security, Optional<String> username,
                       Optional<String> password, String from, Optional<Path> caCertificate, Duration timeout) {
        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + " " + security + ", from " + from + ", password hidden]";
        }
    }

    /** A message is tried at most {@code maxAttempts} times, waiting {@code first}, then twice as long each time. */
    public record Retry(int maxAttempts, Duration first, Duration longest) { }

    static final Set<String> KEYS = Set.of(
            "notify.sms.url", "notify.sms.secret", "notify.sms.timeout.seconds",
            "notify.smtp.host", "notify.smtp.port", "notify.smtp.security", "notify.smtp.username",
            "notify.smtp.password", "notify.smtp.from", "notify.smtp.ca.certificate", "notify.smtp.timeout.seconds",
            "notify.help.phone", "notify.retry.max.attempts", "notify.retry.first.seconds",
            "notify.poll.seconds");

    /** The shortest bearer secret accepted for the SMS gateway. */
    static final int MIN_SECRET = 16;

    static NotifySettings load(ConfigSource s) {
        Optional<String> help = s.string("notify.help.phone");
        if (help.isPresent() && !help.get().matches("\\+?[0-9][0-9 .()-]{2,19}")) {
            throw new ConfigException(ConfigSource.envName("notify.help.phone") + " (notify.help.phone) = '"
                    + help.get() + "': expected a telephone number such as +33 1 23 45 67 89 (digits, spaces, dots,"
                    + " dashes; at most 20 characters)");
        }
        return new NotifySettings(sms(s), smtp(s), help,
                new Retry(s.integer("notify.retry.max.attempts", 6, 1, 20),
                        Duration.ofSeconds(s.integer("notify.retry.first.seconds", 30, 1, 3600)), Duration.ofHours(1)),
                Duration.ofSeconds(s.integer("notify.poll.seconds", 5, 1, 300)));
    }

    private static Optional<Sms> sms(ConfigSource s) {
        Optional<URI> url = s.httpsUrl("notify.sms.url");
        if (url.isEmpty()) {
            if (s.string("notify.sms.secret").isPresent()) {
                throw s.required("notify.sms.url", "when notify.sms.secret is set");
            }
            return Optional.empty();
        }
        String secret = s.string("notify.sms.secret").orElseThrow(() ->
                s.required("notify.sms.secret", "when notify.sms.url is set: the bearer secret the gateway expects"));
        if (secret.length() < MIN_SECRET || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ConfigException(ConfigSource.envName("notify.sms.secret") + " (notify.sms.secret) must be at least "
                    + MIN_SECRET + " printable ASCII characters without spaces");
        }
        return Optional.of(new Sms(url.get(), secret,
                Duration.ofSeconds(s.integer("notify.sms.timeout.seconds", 10, 1, 120))));
    }

    private static Optional<Smtp> smtp(ConfigSource s) {
        Optional<String> host = s.string("notify.smtp.host");
        if (host.isEmpty()) {
            for (String k : List.of("notify.smtp.from", "notify.smtp.username", "notify.smtp.password")) {
                if (s.string(k).isPresent()) {
                    throw s.required("notify.smtp.host", "when " + k + " is set");
                }
            }
            return Optional.empty();
        }
        String h = s.hostName("notify.smtp.host", null);
        Security security = switch (s.string("notify.smtp.security", "starttls")) {
            case "starttls" -> Security.STARTTLS;
            case "tls" -> Security.TLS;
            default -> throw new ConfigException(ConfigSource.envName("notify.smtp.security") + " (notify.smtp.security) = '"
                    + s.string("notify.smtp.security", "") + "': expected starttls (port 587) or tls (port 465); mail to"
                    + " families is never sent unencrypted");
        };
        int port = s.port("notify.smtp.port", security == Security.TLS ? 465 : 587, false);
        String from = s.string("notify.smtp.from").orElseThrow(() -> s.required("notify.smtp.from",
                "when notify.smtp.host is set: the sender families see, e.g. Lucarne <visites@chu.example>"));
        if (!from.matches("(?s)[^\\r\\n]*<?[^@<>\\s]+@[^@<>\\s]+>?")) {
            throw new ConfigException(ConfigSource.envName("notify.smtp.from") + " (notify.smtp.from) = '" + from
                    + "': expected an e-mail address, with a name if you like: Hôpital <visites@chu.example>");
        }
        Optional<String> username = s.string("notify.smtp.username");
        Optional<String> password = s.string("notify.smtp.password");
        if (username.isPresent() != password.isPresent()) {
            throw s.required(username.isPresent() ? "notify.smtp.password" : "notify.smtp.username",
                    "when the other of notify.smtp.username and notify.smtp.password is set");
        }
        Optional<Path> ca = s.string("notify.smtp.ca.certificate").map(k -> s.path("notify.smtp.ca.certificate", null));
        return Optional.of(new Smtp(h, port, security, username, password, from, ca,
                Duration.ofSeconds(s.integer("notify.smtp.timeout.seconds", 20, 1, 120))));
    }
}
