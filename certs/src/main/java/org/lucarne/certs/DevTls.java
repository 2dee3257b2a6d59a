package org.lucarne.certs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * TLS for a server with no operator-provided keystore: a development CA and a server certificate kept
 * in one directory, created on first start and renewed when needed.
 *
 * <pre>
 * tlsDir/ca.p12      CA key and certificate (PKCS#12, rw-------)
 * tlsDir/ca.crt      CA certificate (PEM, rw-r--r--): import it into browsers / OS trust stores
 * tlsDir/password    password of both keystores (rw-------)
 * tlsDir/server.p12  server key, leaf and CA certificate (PKCS#12, rw-------), for Jetty
 * </pre>
 */
public final class DevTls {

    public static final String SERVER_KEYSTORE = "server.p12";
    public static final Duration CA_VALIDITY = Duration.ofDays(3652);
    public static final Duration SERVER_VALIDITY = CertificateAuthority.MAX_SERVER_VALIDITY;
    /** A server certificate expiring sooner than this is reissued. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final String CA_NAME_PREFIX = "Lucarne development CA (";
    private static final int MAX_MACHINE_NAME = 64 - CA_NAME_PREFIX.length() - 1;
    private static final String DIRECTORY_ADVICE = "Choose a TLS directory that the user running Lucarne can"
            + " create and write, or configure tls.keystore.";
    private static final String READ_ADVICE = "Make it readable by the user running Lucarne, or configure"
            + " tls.keystore.";
    private static final String WRITE_ADVICE = "Make the directory writable by the user running Lucarne,"
            + " or configure tls.keystore.";
    private static final String SERVER_ADVICE = "Delete it and restart to issue a new one, or configure tls.keystore.";
    private static final String PASSWORD_ADVICE = "Put the keystore password in it, or delete it and restart"
            + " to generate one.";
    private static final String CA_ADVICE = "Restore ca.p12 and password from a backup, or delete ca.p12, ca.crt,"
            + " password and server.p12 and restart to create a new development CA (every device must then"
            + " trust the new ca.crt), or configure tls.keystore.";

    private DevTls() {
    }

    /**
     * Makes sure {@code tlsDir} holds a development CA and a server certificate for {@code host} valid for
     * at least {@link #RENEW_BEFORE}; creates or reissues what is missing, stale or for another host.
     *
     * @throws IllegalArgumentException  if {@code host} is not a valid host name or IP address
     * @throws CertificateStoreException if a file is corrupt or unreadable, or the directory is not writable
     */
    public static DevTlsMaterial ensure(Path tlsDir, String host, Clock clock) {
        ServerNames names = ServerNames.forHost(host);
        CaDirectory caDir = new CaDirectory(tlsDir);
        Path serverKeystore = tlsDir.resolve(SERVER_KEYSTORE);

        step(DIRECTORY_ADVICE, () -> {
            SecureFiles.createPrivateDirectory(tlsDir);
            return null;
        });
        boolean caCreated = !caDir.hasCa();
        CertificateAuthority ca;
        if (caCreated) {
            if (Files.exists(caDir.passwordFile())) {
                step(PASSWORD_ADVICE, () -> PasswordFile.read(caDir.passwordFile()));
            }
            ca = step(WRITE_ADVICE, () -> caDir.create(devCaName(host), CA_VALIDITY, clock));
        } else {
            ca = step(CA_ADVICE, () -> caDir.load(clock));
            requireCurrent(caDir, ca, clock);
            step(WRITE_ADVICE, () -> caDir.writeCertificateIfChanged(ca));
        }
        char[] password = step(CA_ADVICE, caDir::password);

        Optional<IssuedCertificate> current = Files.exists(serverKeystore)
                ? Optional.of(step(SERVER_ADVICE, () -> Pkcs12.read(serverKeystore, password)))
                : Optional.empty();
        Optional<String> reason = current.isEmpty()
                ? Optional.of(SERVER_KEYSTORE + " did not exist")
                : reissueReason(current.get(), ca, host, clock);
        X509Certificate serverCertificate;
        if (reason.isPresent()) {
            IssuedCertificate issued = ca.issueServer(names, SERVER_VALIDITY);
            step(WRITE_ADVICE, () -> {
                Pkcs12.write(serverKeystore, issued, password);
                return null;
            });
            serverCertificate = issued.certificate();
        } else {
            serverCertificate = current.get().certificate();
        }
        return new DevTlsMaterial(serverKeystore, password, caDir.certificate(),
                Fingerprints.sha256(ca.certificate()), ca.certificate(), serverCertificate, caCreated, reason);
    }

    private static Optional<String> reissueReason(IssuedCertificate current, CertificateAuthority ca, String host,
                                                  Clock clock) {
        X509Certificate leaf = current.certificate();
        Instant now = clock.instant();
        if (!ca.issued(leaf) || !current.chain().contains(ca.certificate())) {
            return Optional.of("the server certificate was issued by a different CA");
        }
        if (!SubjectAltNames.covers(leaf, host)) {
            return Optional.of("the server certificate did not cover " + host);
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return Optional.of("the server certificate was not valid yet");
        }
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.plus(RENEW_BEFORE).isAfter(notAfter)) {
            return Optional.of("the server certificate expire" + (now.isAfter(notAfter) ? "d" : "s") + " on " + notAfter);
        }
        return Optional.empty();
    }

    private static void requireCurrent(CaDirectory caDir, CertificateAuthority ca, Clock clock) {
        Instant now = clock.instant();
        X509Certificate certificate = ca.certificate();
        String where = SecureFiles.show(caDir.keystore());
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new CertificateStoreException(where + " holds a CA certificate that expired on "
                    + certificate.getNotAfter().toInstant() + ".").withAdvice(CA_ADVICE);
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new CertificateStoreException(where + " holds a CA certificate that is not valid until "
                    + certificate.getNotBefore().toInstant() + ". Check the system clock.");
        }
    }

    static String devCaName(String host) {
        String machine = machineName().orElse(host);
        if (machine.length() > MAX_MACHINE_NAME) {
            machine = machine.substring(0, MAX_MACHINE_NAME);
        }
        return CA_NAME_PREFIX + machine + ")";
    }

    /** The machine's host name without a DNS lookup (which can hang on a badly configured network). */
    private static Optional<String> machineName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        try {
            Path etcHostname = Path.of("/etc/hostname");
            if (Files.isReadable(etcHostname) && Files.size(etcHostname) < 1024) {
                String value = Files.readString(etcHostname, StandardCharsets.UTF_8).strip();
                return value.isEmpty() ? Optional.empty() : Optional.of(value.lines().findFirst().orElse(value));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Fall back to the host the server is reached by.
        }
        return Optional.empty();
    }

    private static <T> T step(String advice, Supplier<T> action) {
        try {
            return action.get();
        } catch (UnreadableFileException e) {
            throw e.withAdvice(READ_ADVICE);
        } catch (CertificateStoreException e) {
            throw e.withAdvice(advice);
        }
    }
}
