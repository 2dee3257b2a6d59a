package org.lucarne.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;

/** Key generation and key/certificate matching, using the JDK's providers. */
final class KeyPairs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyPairs() {
    }

    /** A fresh NIST P-256 (secp256r1) key pair. */
    static KeyPair generateP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot generate P-256 keys", e);
        }
    }

    /** The signature algorithm used with a key of this algorithm, if it is one we know. */
    static Optional<String> signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> Optional.of("SHA256withECDSA");
            case "RSA" -> Optional.of("SHA256withRSA");
            case "EdDSA", "Ed25519", "Ed448" -> Optional.of("EdDSA");
            default -> Optional.empty();
        };
    }

    /**
     * Whether {@code key} is the private half of the certificate's public key, by signing a random
     * challenge. Keys of an algorithm we cannot test are assumed to match.
     */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        Optional<String> algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm.isEmpty() || !key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return algorithm.isEmpty();
        }
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
