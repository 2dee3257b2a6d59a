package org.lucarne.signaling.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import org.lucarne.certs.DevTls;
import org.lucarne.certs.DevTlsMaterial;

/**
 * The TLS of the tests' real mail server (GreenMail): a certificate for localhost from a CA of the tests'
 * own, which Lucarne trusts through {@code notify.smtp.ca.certificate}. One for the whole test JVM:
 * GreenMail reads its keystore once, at its first TLS server, so every test class that starts one must
 * hand Lucarne the same CA.
 */
public final class MailServerTls {
    private static final DevTlsMaterial TLS;

    static {
        try {
            TLS = DevTls.ensure(Files.createTempDirectory("lucarne-smtp-tls"), "localhost", Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("greenmail.tls.keystore.file", TLS.serverKeystore().toString());
        System.setProperty("greenmail.tls.keystore.password", new String(TLS.keystorePassword()));
        System.setProperty("greenmail.tls.key.password", new String(TLS.keystorePassword()));
    }

    private MailServerTls() {
    }

    /** Sets GreenMail's keystore properties (once); call before creating a GreenMail extension. */
    public static DevTlsMaterial material() {
        return TLS;
    }
}
