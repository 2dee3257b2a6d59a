package org.lucarne.certs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.Fingerprints;

/** {@code ca create --dir DIR [--cn NAME] [--days N]}: a new CA in DIR; never replaces one. */
final class CaCreateCommand {

    static final String SYNOPSIS = "ca create --dir DIR [--cn NAME] [--days N]";
    static final String DEFAULT_COMMON_NAME = "Lucarne hospital CA";
    static final int DEFAULT_DAYS = 3650;

    private CaCreateCommand() {
    }

    static int run(List<String> args, Clock clock, PrintStream out) throws UsageException {
        Arguments arguments = Arguments.parse("ca create", args, Set.of("dir", "cn", "days"), Set.of(), 0);
        CaDirectory dir = new CaDirectory(Path.of(arguments.required("dir")));
        String commonName = arguments.optional("cn").orElse(DEFAULT_COMMON_NAME);
        Duration validity = Duration.ofDays(arguments.days("days", DEFAULT_DAYS,
                (int) CertificateAuthority.MAX_CA_VALIDITY.toDays()));
        if (commonName.isBlank() || commonName.length() > 64) {
            throw new UsageException("--cn must be 1 to 64 characters");
        }

        CertificateAuthority ca = dir.create(commonName, validity, clock);
        out.println("Created CA \"" + ca.certificate().getSubjectX500Principal().getName() + "\", valid until "
                + ca.certificate().getNotAfter().toInstant());
        out.println("  CA certificate:      " + dir.certificate().toAbsolutePath()
                + "  (import this into browsers and device trust stores)");
        out.println("  SHA-256 fingerprint: " + Fingerprints.sha256(ca.certificate()));
        out.println("  CA keystore:         " + dir.keystore().toAbsolutePath() + "  (keep private)");
        out.println("  Password file:       " + dir.passwordFile().toAbsolutePath() + "  (keep private)");
        return 0;
    }
}
