package org.lucarne.bridge.dtls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * The bridge's DTLS identity: an ECDSA P-256 key pair and a self-signed certificate, created once
 * per bridge instance. Peers do not check it against a CA; they check its fingerprint against the
 * one in our SDP (RFC 5763 §5, RFC 8122 §5), so its subject and validity only need to be sane.
 */
public final class BridgeCertificate {
    /** Validity of the generated certificate; browsers ignore it for DTLS-SRTP. */
    public static final Duration VALIDITY = Duration.ofDays(30);

    private final KeyPair keyPair;
    private final byte[] der;
    private final CertificateFingerprint fingerprint;

    private BridgeCertificate(KeyPair keyPair, byte[] der) {
        this.keyPair = keyPair;
        this.der = der;
        this.fingerprint = CertificateFingerprint.of("sha-256", der);
    }

    /** Generates a fresh key pair and certificate, valid from one day before now. */
    public static BridgeCertificate generate(Clock clock, SecureRandom random) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keyPair = kpg.generateKeyPair();

            Instant now = clock.instant();
            // Random positive 64-bit serial; CN like browsers' own WebRTC certificates.
            BigInteger serial = new BigInteger(64, random).setBit(62);
            X500Name name = new X500Name("CN=lucarne-bridge");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)),
                    name, keyPair.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setSecureRandom(random).build(keyPair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            return new BridgeCertificate(keyPair, holder.getEncoded());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the bridge's DTLS certificate", e);
        }
    }

    /** The certificate in DER form. */
    public byte[] encoded() {
        return der.clone();
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** The SHA-256 fingerprint (what we put in SDP and Colibri2 transport descriptions). */
    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }

    /** The SDP a=fingerprint value: {@code sha-256 AB:CD:...}. */
    public String sdpFingerprint() {
        return fingerprint.toSdp();
    }

    @Override
    public String toString() {
        return "BridgeCertificate[" + fingerprint.toSdp() + "]";
    }
}
