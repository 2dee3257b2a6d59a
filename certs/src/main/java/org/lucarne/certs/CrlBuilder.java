package org.lucarne.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA's certificate revocation list (RFC 5280 §5), built and signed with the JDK's providers. */
final class CrlBuilder {
    private final X509Certificate ca;
    private final PrivateKey key;
    private final Clock clock;

    CrlBuilder(X509Certificate ca, PrivateKey key, Clock clock) {
        this.ca = ca;
        this.key = key;
        this.clock = clock;
    }

    X509CRL build(Collection<RevokedEntry> revoked, BigInteger crlNumber, Instant nextUpdate) {
        Objects.requireNonNull(revoked, "revoked");
        Objects.requireNonNull(crlNumber, "crlNumber");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!nextUpdate.isAfter(now)) {
            throw new IllegalArgumentException("a CRL's nextUpdate (" + nextUpdate + ") must be after its thisUpdate ("
                    + now + ")");
        }
        if (crlNumber.signum() < 0) {
            throw new IllegalArgumentException("a CRL number is not negative (RFC 5280 §5.2.3)");
        }
        // §5.1.2.4, §5.1.2.5: thisUpdate and nextUpdate; §5.1.2.6: each revoked certificate, no entry extension.
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.getSubjectX500Principal(), Date.from(now));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (RevokedEntry e : revoked) {
            builder.addCRLEntry(e.serial(), Date.from(e.revokedAt().truncatedTo(ChronoUnit.SECONDS)), (Extensions) null);
        }
        String algorithm = KeyPairs.signatureAlgorithm(key.getAlgorithm()).orElseThrow(
                () -> new IllegalStateException("unsupported CA key algorithm " + key.getAlgorithm()));
        try {
            // §5.2.1 authority key identifier and §5.2.3 CRL number, both required of a conforming CA.
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    CertificateAuthority.authorityKeyIdentifier(ca, CertificateAuthority.extensionUtils()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(key)));
        } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a CRL with " + algorithm, e);
        }
    }
}
