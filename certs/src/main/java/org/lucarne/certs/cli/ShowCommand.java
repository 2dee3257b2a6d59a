package org.lucarne.certs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.Fingerprints;
import org.lucarne.certs.PasswordFile;
import org.lucarne.certs.Pem;
import org.lucarne.certs.Pkcs12;
import org.lucarne.certs.SubjectAltNames;

/** {@code show FILE [--password-file F]}: what is in a PEM certificate or a PKCS#12 keystore. */
final class ShowCommand {

    static final String SYNOPSIS = "show FILE [--password-file F]";

    private ShowCommand() {
    }

    static int run(List<String> args, Clock clock, PrintStream out) throws UsageException {
        Arguments arguments = Arguments.parse("show", args, Set.of("password-file"), Set.of(), 1);
        if (arguments.positionals().isEmpty()) {
            throw new UsageException("'show' needs a FILE: a PEM certificate or a PKCS#12 keystore");
        }
        Path file = Path.of(arguments.positionals().get(0));
        Optional<String> passwordFile = arguments.optional("password-file");
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (passwordFile.isEmpty() && (name.endsWith(".p12") || name.endsWith(".pfx"))) {
            throw new UsageException("'show' needs --password-file to open the PKCS#12 keystore " + file);
        }
        if (passwordFile.isPresent()) {
            showKeystore(file, PasswordFile.read(Path.of(passwordFile.get())), clock, out);
        } else {
            X509Certificate certificate;
            try {
                certificate = Pem.read(file);
            } catch (CertificateStoreException e) {
                throw e.withAdvice("If it is a PKCS#12 keystore, give its password with --password-file F.");
            }
            out.println(file.toAbsolutePath() + ": PEM certificate");
            describe(certificate, clock, out);
        }
        return 0;
    }

    private static void showKeystore(Path file, char[] password, Clock clock, PrintStream out) {
        KeyStore keyStore = Pkcs12.load(file, password);
        out.println(file.toAbsolutePath() + ": PKCS#12 keystore");
        try {
            List<String> aliases = new ArrayList<>(Collections.list(keyStore.aliases()));
            Collections.sort(aliases);
            for (String alias : aliases) {
                boolean key = keyStore.isKeyEntry(alias);
                Certificate[] chain = key ? keyStore.getCertificateChain(alias)
                        : new Certificate[] {keyStore.getCertificate(alias)};
                int count = chain == null ? 0 : chain.length;
                out.println();
                out.println("Entry \"" + alias + "\": " + (key ? "private key with " + count + " certificate(s)"
                        : "trusted certificate"));
                for (int i = 0; i < count; i++) {
                    out.println("  Certificate " + (i + 1) + " of " + count + ":");
                    if (chain[i] instanceof X509Certificate x509) {
                        describe(x509, clock, out);
                    } else {
                        out.println("    (" + chain[i].getType() + " certificate)");
                    }
                }
            }
        } catch (KeyStoreException e) {
            throw new CertificateStoreException("cannot list the entries of " + file.toAbsolutePath() + ".", e);
        }
    }

    static void describe(X509Certificate certificate, Clock clock, PrintStream out) {
        Instant now = clock.instant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        List<String> sans = SubjectAltNames.describe(certificate);
        int pathLength = certificate.getBasicConstraints();
        out.println("    Subject:    " + certificate.getSubjectX500Principal().getName());
        out.println("    Issuer:     " + certificate.getIssuerX500Principal().getName());
        out.println("    SANs:       " + (sans.isEmpty() ? "(none)" : String.join(", ", sans)));
        out.println("    Not before: " + notBefore + (now.isBefore(notBefore) ? "  (NOT YET VALID)" : ""));
        out.println("    Not after:  " + notAfter + (now.isAfter(notAfter) ? "  (EXPIRED)" : ""));
        out.println("    SHA-256:    " + Fingerprints.sha256(certificate));
        out.println("    CA:         " + (pathLength < 0 ? "no"
                : "yes" + (pathLength == Integer.MAX_VALUE ? "" : " (path length " + pathLength + ")")));
    }
}
