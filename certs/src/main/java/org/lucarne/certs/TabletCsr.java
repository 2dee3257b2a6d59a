package org.lucarne.certs;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A bedside tablet's certificate signing request (PKCS#10, RFC 2986): read from PEM, its key checked (EC P-256,
 * or RSA of 2048 to 8192 bits) and its self-signature verified with that key, which proves that whoever sent it
 * holds the private key. Everything else it asks for (subject, extensions) is ignored by the CA.
 */
public final class TabletCsr {
    /** The longest PEM text read: an RSA 8192 request is about 3,700 characters. */
    public static final int MAX_PEM_CHARS = 16_384;
    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 8192;
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();
    /** The signature algorithms accepted on a request: SHA-2 with ECDSA or RSA (PKCS#1 v1.5). */
    private static final Map<ASN1ObjectIdentifier, String> SIGNATURES = Map.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, "EC",
            X9ObjectIdentifiers.ecdsa_with_SHA384, "EC",
            X9ObjectIdentifiers.ecdsa_with_SHA512, "EC",
            PKCSObjectIdentifiers.sha256WithRSAEncryption, "RSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption, "RSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption, "RSA");

    private final PKCS10CertificationRequest request;
    private final PublicKey publicKey;

    private TabletCsr(PKCS10CertificationRequest request, PublicKey publicKey) {
        this.request = request;
        this.publicKey = publicKey;
    }

    /**
     * A request in PEM ({@code -----BEGIN CERTIFICATE REQUEST-----}, RFC 7468 §7), checked.
     *
     * @throws InvalidCsrException saying what is wrong with it
     */
    public static TabletCsr parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidCsrException("the certificate request is empty");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new InvalidCsrException("the certificate request is longer than " + MAX_PEM_CHARS + " characters");
        }
        Object first;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            first = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidCsrException("the certificate request is not valid PEM");
        }
        if (!(first instanceof PKCS10CertificationRequest request)) {
            throw new InvalidCsrException(first == null
                    ? "no -----BEGIN CERTIFICATE REQUEST----- block was found"
                    : "the PEM block is not a certificate request (PKCS#10)");
        }
        return of(request);
    }

    /**
     * A request already decoded, checked.
     *
     * @throws InvalidCsrException saying what is wrong with it
     */
    public static TabletCsr of(PKCS10CertificationRequest request) {
        PublicKey key = checkedKey(request.getSubjectPublicKeyInfo());
        String family = SIGNATURES.get(request.getSignatureAlgorithm().getAlgorithm());
        if (family == null || !family.equals(key.getAlgorithm())) {
            throw new InvalidCsrException("the certificate request is signed with "
                    + request.getSignatureAlgorithm().getAlgorithm().getId()
                    + "; sign it with its own key using SHA-256 with ECDSA or RSA");
        }
        boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidCsrException("the certificate request's signature does not verify with its own key");
        }
        return new TabletCsr(request, key);
    }

    /** The key a certificate will be issued for. */
    public PublicKey publicKey() {
        return publicKey;
    }

    public PKCS10CertificationRequest request() {
        return request;
    }

    /** SHA-256 of the key's SubjectPublicKeyInfo, as {@code AB:CD:…}: what staff may compare with the tablet's. */
    public String keyFingerprint() {
        try {
            return COLON_HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }

    /** The request in PEM, as stored until it is decided. */
    public String pem() {
        try {
            return Pem.encode("CERTIFICATE REQUEST", request.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate request", e);
        }
    }

    private static PublicKey checkedKey(SubjectPublicKeyInfo info) {
        AlgorithmIdentifier algorithm = info.getAlgorithm();
        String name;
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            // RFC 5480 §2.1.1: namedCurve; only secp256r1 (P-256)
            if (!X9ObjectIdentifiers.prime256v1.equals(algorithm.getParameters())) {
                throw new InvalidCsrException("the key is on an elliptic curve other than P-256 (secp256r1)");
            }
            name = "EC";
        } else if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())) {
            name = "RSA";
        } else {
            throw new InvalidCsrException("the key is of type " + algorithm.getAlgorithm().getId()
                    + "; only EC P-256 and RSA of at least " + MIN_RSA_BITS + " bits are accepted");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new InvalidCsrException("the request's " + name + " public key cannot be read");
        }
        if (key instanceof RSAPublicKey rsa) {
            BigInteger modulus = rsa.getModulus();
            if (modulus.bitLength() < MIN_RSA_BITS || modulus.bitLength() > MAX_RSA_BITS) {
                throw new InvalidCsrException("the RSA key has " + modulus.bitLength() + " bits; it must have "
                        + MIN_RSA_BITS + " to " + MAX_RSA_BITS);
            }
        }
        return key;
    }
}
