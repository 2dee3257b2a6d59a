package org.lucarne.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A private certificate authority: a CA certificate and its key, issuing TLS server certificates and
 * bedside tablets' client certificates.
 * Times come from the injected clock. Uses the JDK's crypto providers; Bouncy Castle only builds
 * and encodes the certificates, so no global security provider is installed.
 */
public final class CertificateAuthority {

    /** The longest server certificate issued, to stay within what browsers accept (398 days). */
    public static final Duration MAX_SERVER_VALIDITY = Duration.ofDays(397);
    /** The longest CA lifetime accepted. */
    public static final Duration MAX_CA_VALIDITY = Duration.ofDays(100 * 365);
    /** The longest tablet certificate issued: a lost tablet's certificate should not outlive it by much. */
    public static final Duration MAX_TABLET_VALIDITY = Duration.ofDays(90);
    /** Certificates start this long before "now", to tolerate clients whose clocks run a little behind. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final int MAX_COMMON_NAME = 64; // RFC 5280 Appendix A, ub-common-name
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Clock clock;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, Clock clock) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /**
     * A new CA with a P-256 key and a self-signed certificate valid from five minutes ago for
     * {@code validity}: CA:true with path length 0 and keyCertSign|cRLSign, both critical.
     */
    public static CertificateAuthority create(String commonName, Duration validity, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        X500Name subject = commonNameOnly(requireCommonName(commonName));
        requireValidity(validity, MAX_CA_VALIDITY, "CA");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        KeyPair keys = KeyPairs.generateP256();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, keys.getPublic());
        JcaX509ExtensionUtils ids = extensionUtils();
        add(builder, Extension.basicConstraints, true, new BasicConstraints(0));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        add(builder, Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keys.getPublic()));
        return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate(), clock);
    }

    /**
     * An existing CA, e.g. read from a keystore.
     *
     * @throws IllegalArgumentException if the certificate is not a CA certificate or the key does not match it
     */
    public static CertificateAuthority of(X509Certificate certificate, PrivateKey privateKey, Clock clock) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(clock, "clock");
        String subject = certificate.getSubjectX500Principal().getName();
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("the certificate " + subject + " is not a CA certificate");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[5]) {
            throw new IllegalArgumentException("the certificate " + subject + " may not sign certificates (no keyCertSign)");
        }
        if (KeyPairs.signatureAlgorithm(privateKey.getAlgorithm()).isEmpty()) {
            throw new IllegalArgumentException("unsupported CA key algorithm " + privateKey.getAlgorithm());
        }
        if (!KeyPairs.matches(privateKey, certificate)) {
            throw new IllegalArgumentException("the private key does not belong to the certificate " + subject);
        }
        return new CertificateAuthority(certificate, privateKey, clock);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * A TLS server certificate for {@code names} with a fresh P-256 key, chained to this CA.
     * The validity is capped at {@link #MAX_SERVER_VALIDITY} and at the CA's own expiry.
     *
     * @throws IllegalStateException if this CA has expired
     */
    public IssuedCertificate issueServer(ServerNames names, Duration validity) {
        Objects.requireNonNull(names, "names");
        requireValidity(validity, Duration.ofSeconds(Long.MAX_VALUE), "server certificate");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant caNotBefore = certificate.getNotBefore().toInstant();
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (!now.isBefore(caNotAfter)) {
            throw new IllegalStateException("the CA " + certificate.getSubjectX500Principal().getName()
                    + " expired on " + caNotAfter + "; create a new CA");
        }
        Duration granted = validity.compareTo(MAX_SERVER_VALIDITY) > 0 ? MAX_SERVER_VALIDITY : validity;
        Instant notBefore = latest(now.minus(BACKDATE), caNotBefore);
        Instant notAfter = earliest(now.plus(granted), caNotAfter);

        // RFC 5280 §4.1.2.6: a CN longer than 64 characters is not allowed; then the subject is empty
        // and the subjectAltName extension must be critical.
        String commonName = names.commonName();
        boolean subjectless = commonName.length() > MAX_COMMON_NAME;
        X500Name subject = subjectless ? new X500Name(new RDN[0]) : commonNameOnly(commonName);

        KeyPair keys = KeyPairs.generateP256();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
        JcaX509ExtensionUtils ids = extensionUtils();
        add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        add(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        add(builder, Extension.subjectAlternativeName, subjectless, subjectAltNames(names));
        add(builder, Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keys.getPublic()));
        add(builder, Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(ids));
        X509Certificate leaf = sign(builder, privateKey);
        return new IssuedCertificate(keys.getPrivate(), List.of(leaf, certificate));
    }

    /**
     * A TLS client certificate for the bedside tablet {@code tabletId}, with a fresh P-256 key, chained to
     * this CA: subject CN the tablet id, subjectAltName URI {@code urn:lucarne:tablet:<id>} ({@link TabletIds}),
     * extended key usage clientAuth only. The validity is capped at {@link #MAX_TABLET_VALIDITY} and at the
     * CA's own expiry.
     *
     * @throws IllegalArgumentException if the id is not a valid tablet id or the validity is not positive
     * @throws IllegalStateException    if this CA has expired
     */
    public IssuedCertificate issueTablet(String tabletId, Duration validity) {
        KeyPair keys = KeyPairs.generateP256();
        return new IssuedCertificate(keys.getPrivate(), List.of(tabletLeaf(tabletId, keys.getPublic(), validity),
                certificate));
    }

    /**
     * The same certificate as {@link #issueTablet(String, Duration)}, for the key of a tablet's certificate
     * request: the key never leaves the tablet. The request's signature must verify with its own key (proof of
     * possession), and its key must be EC P-256 or RSA of 2048 bits or more ({@link TabletCsr}). The subject and
     * extensions it asks for are ignored: the certificate is exactly what this CA issues to a tablet.
     *
     * @return the chain: the tablet's certificate, then this CA's
     * @throws InvalidCsrException      if the request is not acceptable, saying why
     * @throws IllegalArgumentException if the id is not a valid tablet id or the validity is not positive
     * @throws IllegalStateException    if this CA has expired
     */
    public List<X509Certificate> issueTablet(String tabletId, PKCS10CertificationRequest csr, Duration validity) {
        Objects.requireNonNull(csr, "csr");
        return List.of(tabletLeaf(tabletId, TabletCsr.of(csr).publicKey(), validity), certificate);
    }

    /**
     * A CRL (RFC 5280 §5) of the certificates {@code revoked}, signed by this CA: version 2, thisUpdate now,
     * {@code nextUpdate}, the CRL number (§5.2.3) and the authority key identifier (§5.2.1); no reason codes.
     *
     * @throws IllegalArgumentException if nextUpdate is not after now or the number is negative
     */
    public X509CRL crl(Collection<RevokedEntry> revoked, BigInteger crlNumber, Instant nextUpdate) {
        return new CrlBuilder(certificate, privateKey, clock).build(revoked, crlNumber, nextUpdate);
    }

    private X509Certificate tabletLeaf(String tabletId, PublicKey key, Duration validity) {
        String uri = TabletIds.uri(tabletId);
        requireValidity(validity, Duration.ofSeconds(Long.MAX_VALUE), "tablet certificate");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (!now.isBefore(caNotAfter)) {
            throw new IllegalStateException("the CA " + certificate.getSubjectX500Principal().getName()
                    + " expired on " + caNotAfter + "; create a new CA");
        }
        Duration granted = validity.compareTo(MAX_TABLET_VALIDITY) > 0 ? MAX_TABLET_VALIDITY : validity;
        Instant notBefore = latest(now.minus(BACKDATE), certificate.getNotBefore().toInstant());
        Instant notAfter = earliest(now.plus(granted), caNotAfter);

        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), commonNameOnly(tabletId), key);
        JcaX509ExtensionUtils ids = extensionUtils();
        add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        add(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        add(builder, Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        add(builder, Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(key));
        add(builder, Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(ids));
        return sign(builder, privateKey);
    }

    /** Whether {@code candidate} names this CA as issuer and carries a valid signature by this CA's key. */
    public boolean issued(X509Certificate candidate) {
        if (!candidate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            candidate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName()
                + ", until " + certificate.getNotAfter().toInstant() + "]";
    }

    private AuthorityKeyIdentifier authorityKeyIdentifier(JcaX509ExtensionUtils ids) {
        return authorityKeyIdentifier(certificate, ids);
    }

    /** The CA's subjectKeyIdentifier as an authority key identifier, or one computed from its key. */
    static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate certificate, JcaX509ExtensionUtils ids) {
        byte[] ski = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski == null) {
            return ids.createAuthorityKeyIdentifier(certificate.getPublicKey());
        }
        try {
            byte[] keyId = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ski)).getKeyIdentifier();
            return new AuthorityKeyIdentifier(keyId);
        } catch (IOException e) {
            throw new IllegalStateException("the CA certificate has a malformed subjectKeyIdentifier", e);
        }
    }

    private static GeneralNames subjectAltNames(ServerNames names) {
        List<GeneralName> all = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            all.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (InetAddress ip : names.ipAddresses()) {
            all.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
        }
        return new GeneralNames(all.toArray(new GeneralName[0]));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        String algorithm = KeyPairs.signatureAlgorithm(key.getAlgorithm()).orElseThrow(
                () -> new IllegalStateException("unsupported CA key algorithm " + key.getAlgorithm()));
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(key)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign certificate with " + algorithm, e);
        }
    }

    private static void add(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
                            ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode certificate extension " + oid, e);
        }
    }

    static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-1 for key identifiers", e);
        }
    }

    /** A random positive 128-bit serial number (RFC 5280 §4.1.2.2 allows up to 20 octets). */
    private static BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    private static X500Name commonNameOnly(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static String requireCommonName(String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("the CA common name must not be empty");
        }
        if (commonName.length() > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("the CA common name \"" + commonName + "\" is longer than "
                    + MAX_COMMON_NAME + " characters");
        }
        return commonName;
    }

    private static void requireValidity(Duration validity, Duration max, String what) {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("the " + what + " validity must be positive, not " + validity);
        }
        if (validity.compareTo(max) > 0) {
            throw new IllegalArgumentException("the " + what + " validity " + validity.toDays()
                    + " days is longer than the maximum of " + max.toDays() + " days");
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
