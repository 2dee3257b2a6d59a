package org.lucarne.certs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A tablet's client certificate kept as files: {@code dir/<id>.p12} (key and chain, PKCS#12, rw-------)
 * and {@code dir/<id>.password} (its password, rw-------), the form a browser's certificate import
 * (e.g. NSS {@code pk12util}) or a device-management tool takes.
 *
 * @param keystore     the PKCS#12 file
 * @param passwordFile the file holding its password
 * @param certificate  the tablet's certificate in it
 * @param reissued     why it was (re)issued now, or empty when the existing one was kept
 */
public record TabletKeystore(Path keystore, Path passwordFile, X509Certificate certificate,
                             Optional<String> reissued) {

    /** Tablet certificates issued for development last this long. */
    public static final Duration VALIDITY = Duration.ofDays(30);
    /** A tablet certificate expiring sooner than this is reissued. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(7);

    /**
     * Makes sure {@code dir} holds a certificate for {@code tabletId} issued by {@code ca}, valid for at least
     * {@link #RENEW_BEFORE}; issues a new one for {@link #VALIDITY} when it is missing, unreadable, from
     * another CA, for another tablet or expiring.
     *
     * @throws IllegalArgumentException  if the tablet id is not valid
     * @throws CertificateStoreException if the files cannot be written
     */
    public static TabletKeystore ensure(CertificateAuthority ca, Path dir, String tabletId, Clock clock) {
        TabletIds.require(tabletId);
        Path keystore = dir.resolve(tabletId + ".p12");
        Path passwordFile = dir.resolve(tabletId + ".password");
        Optional<String> reason;
        X509Certificate current = null;
        if (!Files.exists(keystore) || !Files.exists(passwordFile)) {
            reason = Optional.of(keystore.getFileName() + " did not exist");
        } else {
            try {
                IssuedCertificate entry = Pkcs12.read(keystore, PasswordFile.read(passwordFile));
                current = entry.certificate();
                reason = reissueReason(current, ca, tabletId, clock.instant());
            } catch (CertificateStoreException e) {
                reason = Optional.of(keystore.getFileName() + " could not be read");
            }
        }
        if (reason.isEmpty()) {
            return new TabletKeystore(keystore, passwordFile, current, reason);
        }
        return issue(ca, dir, tabletId, VALIDITY, reason.get());
    }

    /**
     * Issues a new certificate for {@code tabletId} into {@code dir/<id>.p12}, with a new password in
     * {@code dir/<id>.password}, replacing what was there.
     *
     * @throws IllegalArgumentException  if the tablet id or validity is not valid
     * @throws CertificateStoreException if the files cannot be written
     */
    public static TabletKeystore issue(CertificateAuthority ca, Path dir, String tabletId, Duration validity,
                                       String why) {
        IssuedCertificate issued = ca.issueTablet(tabletId, validity);
        Path keystore = dir.resolve(tabletId + ".p12");
        Path passwordFile = dir.resolve(tabletId + ".password");
        SecureFiles.createPrivateDirectory(dir);
        char[] password = PasswordFile.generate();
        PasswordFile.write(passwordFile, password);
        Pkcs12.writeTablet(keystore, issued, password);
        return new TabletKeystore(keystore, passwordFile, issued.certificate(), Optional.of(why));
    }

    private static Optional<String> reissueReason(X509Certificate leaf, CertificateAuthority ca, String tabletId,
                                                  Instant now) {
        if (!ca.issued(leaf)) {
            return Optional.of("the tablet certificate was issued by a different CA");
        }
        if (!TabletIds.of(leaf).equals(Optional.of(tabletId))) {
            return Optional.of("the tablet certificate was for another tablet");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return Optional.of("the tablet certificate was not valid yet");
        }
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.plus(RENEW_BEFORE).isAfter(notAfter)) {
            return Optional.of("the tablet certificate expire" + (now.isAfter(notAfter) ? "d" : "s") + " on " + notAfter);
        }
        return Optional.empty();
    }
}
