package org.lucarne.signaling.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.lucarne.signaling.config.NotifySettings;

/**
 * E-mail to families over SMTP with Jakarta Mail (Angus Mail): always encrypted, with STARTTLS required
 * (RFC 3207) or TLS from the first byte (RFC 8314 §3.3), the server's certificate checked against its host
 * name. Each message is {@code multipart/alternative} (RFC 2046 §5.1.4): plain text, then simple HTML,
 * marked {@code Auto-Submitted: auto-generated} (RFC 3834 §5) so that no out-of-office answer comes back.
 * The mail server's replies can repeat the address, so only their codes are kept.
 */
final class SmtpMailer {
    private final NotifySettings.Smtp settings;
    private final Session session;
    private final InternetAddress from;
    private final Clock clock;

    SmtpMailer(NotifySettings.Smtp settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            InternetAddress[] parsed = InternetAddress.parse(settings.from(), true);
            if (parsed.length != 1) {
                throw new IllegalArgumentException("notify.smtp.from must name one address, not " + parsed.length);
            }
            this.from = parsed[0];
        } catch (AddressException e) {
            throw new IllegalArgumentException("notify.smtp.from is not an e-mail address: " + e.getMessage(), e);
        }
        this.session = Session.getInstance(properties(settings));
    }

    private static Properties properties(NotifySettings.Smtp s) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", s.host());
        p.put("mail.smtp.port", Integer.toString(s.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(s.timeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(s.timeout().toMillis()));
        p.put("mail.smtp.auth", Boolean.toString(s.username().isPresent()));
        if (s.security() == NotifySettings.Security.TLS) {
            p.put("mail.smtp.ssl.enable", "true");
        } else {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        p.put("mail.smtp.ssl.socketFactory", socketFactory(s));
        return p;
    }

    /** Trusts the JVM's CAs, or only {@code notify.smtp.ca.certificate} when it is set. */
    private static SSLSocketFactory socketFactory(NotifySettings.Smtp s) {
        if (s.caCertificate().isEmpty()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream in = Files.newInputStream(s.caCertificate().get())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("smtp-ca-" + n++, (X509Certificate) cert);
            }
            if (n == 0) {
                throw new IllegalArgumentException("notify.smtp.ca.certificate " + s.caCertificate().get()
                        + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException e) {
            throw new IllegalArgumentException("notify.smtp.ca.certificate " + s.caCertificate().get()
                    + " cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("notify.smtp.ca.certificate " + s.caCertificate().get()
                    + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    SendOutcome send(String to, String subject, String text, String html, String reference) {
        MimeMessage m = new MimeMessage(session);
        try {
            InternetAddress recipient;
            try {
                recipient = new InternetAddress(to, true);
            } catch (AddressException e) {
                return SendOutcome.Failed.permanent("address_invalid", "the contact's e-mail address is not valid:"
                        + " correct it, then send the invite again");
            }
            m.setFrom(from);
            m.setRecipient(Message.RecipientType.TO, recipient);
            m.setSubject(subject, "UTF-8");
            m.setSentDate(Date.from(clock.instant()));
            m.setHeader("Auto-Submitted", "auto-generated");
            m.setHeader("X-Auto-Response-Suppress", "All");
            m.setHeader("X-Lucarne-Reference", reference);
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8", "plain");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            m.setContent(new MimeMultipart("alternative", plain, rich));
            m.saveChanges();
            if (settings.username().isPresent()) {
                Transport.send(m, settings.username().get(), settings.password().orElseThrow());
            } else {
                Transport.send(m);
            }
            return new SendOutcome.Sent(Optional.empty());
        } catch (AuthenticationFailedException e) {
            return SendOutcome.Failed.passing("mail_sign_in_refused", "the mail server refused this server's sign-in: IT"
                    + " must check notify.smtp.username and notify.smtp.password");
        } catch (SendFailedException e) {
            return refused(e);
        } catch (MessagingException e) {
            return failed(e);
        }
    }

    /** The address, or the message, refused: a 5xx is for good, a 4xx passes (RFC 5321 §4.2.1). */
    private static SendOutcome refused(SendFailedException e) {
        for (Exception next = e; next != null; next = next instanceof MessagingException me ? me.getNextException()
                : null) {
            if (next instanceof SMTPAddressFailedException a) {
                return byCode(a.getReturnCode(), "the mail server refused the address (SMTP " + a.getReturnCode() + ")");
            }
            if (next instanceof SMTPSendFailedException s) {
                return byCode(s.getReturnCode(), "the mail server refused the message (SMTP " + s.getReturnCode() + ")");
            }
        }
        return SendOutcome.Failed.permanent("mail_refused", "the mail server refused the address");
    }

    private static SendOutcome byCode(int code, String words) {
        return code >= 400 && code < 500 ? SendOutcome.Failed.passing("mail_unavailable", words)
                : SendOutcome.Failed.permanent("mail_refused", words);
    }

    private static SendOutcome failed(MessagingException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof SSLException) {
                return SendOutcome.Failed.passing("mail_tls_failed", "TLS with the mail server failed (its certificate"
                        + " is not trusted, or it does not offer STARTTLS): IT must check notify.smtp.security and"
                        + " notify.smtp.ca.certificate");
            }
            if (cause instanceof SocketTimeoutException) {
                return SendOutcome.Failed.passing("mail_unavailable", "the mail server did not answer in time");
            }
            if (cause instanceof ConnectException) {
                return SendOutcome.Failed.passing("mail_unavailable", "the mail server could not be reached");
            }
            cause = cause.getCause();
        }
        if (e instanceof SMTPSendFailedException s) {
            return byCode(s.getReturnCode(), "the mail server refused the message (SMTP " + s.getReturnCode() + ")");
        }
        if (e.getMessage() != null && e.getMessage().contains("STARTTLS")) {
            return SendOutcome.Failed.passing("mail_tls_failed", "the mail server does not offer STARTTLS: IT must check"
                    + " notify.smtp.security and notify.smtp.port");
        }
        return SendOutcome.Failed.passing("mail_unavailable", "the mail server could not take the message");
    }
}
