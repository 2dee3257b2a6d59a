package org.lucarne.certs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** Shared fixtures: a fixed clock, PKIX validation with the JDK, POSIX permission checks. */
final class TestPki {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestPki() {
    }

    static Clock later(Duration duration) {
        return Clock.offset(CLOCK, duration);
    }

    static CertificateAuthority ca() {
        return CertificateAuthority.create("Test CA", Duration.ofDays(3650), CLOCK);
    }

    /** Validates leaf → CA with the JDK's PKIX validator at {@code at}; revocation checking is off. */
    static void validate(X509Certificate leaf, X509Certificate ca, Instant at) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    static String permissions(Path file) throws IOException {
        assumeTrue(SecureFiles.isPosix(file), "POSIX permissions only");
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
