package org.lucarne.bridge.dtls;

import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.lucarne.bridge.dtls.DtlsHandshakeException.Reason;
import org.lucarne.bridge.srtp.SrtpKeyingMaterial;
import org.lucarne.bridge.srtp.SrtpProfile;

import java.io.IOException;
import java.util.List;

/** What the DTLS client and server of one handshake share: identity, checks and results. */
final class HandshakeState {
    /** ECDHE with ECDSA certificates only: both ends of DTLS-SRTP here use ECDSA P-256. */
    private static final int[] CIPHER_SUITES = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    final BcTlsCrypto crypto;
    final BridgeCertificate certificate;
    final CertificateFingerprint expectedPeer;
    final DtlsConfig config;
    final DtlsRole role;

    private volatile SrtpProfile negotiated;
    private volatile SrtpKeyingMaterial keys;
    private volatile DtlsHandshakeException failure;
    private volatile String peerAlert;

    HandshakeState(BcTlsCrypto crypto, BridgeCertificate certificate, CertificateFingerprint expectedPeer,
                   DtlsConfig config, DtlsRole role) {
        this.crypto = crypto;
        this.certificate = certificate;
        this.expectedPeer = expectedPeer;
        this.config = config;
        this.role = role;
    }

    ProtocolVersion[] versions() {
        return ProtocolVersion.DTLSv12.only();
    }

    int[] cipherSuites() {
        return TlsUtils.getSupportedCipherSuites(crypto, CIPHER_SUITES);
    }

    int handshakeTimeoutMillis() {
        return (int) config.handshakeTimeout().toMillis();
    }

    /** Our certificate and key, signing with ECDSA over SHA-256. */
    TlsCredentialedSigner signer(TlsContext context) throws IOException {
        TlsCertificate tlsCert = crypto.createCertificate(certificate.encoded());
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                PrivateKeyFactory.createKey(certificate.privateKey().getEncoded()),
                new Certificate(new TlsCertificate[] {tlsCert}),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /**
     * RFC 5763 §5 / RFC 8122 §5: the end-entity certificate must hash to the peer's SDP fingerprint.
     * Called from the certificate callbacks, so a mismatch aborts the handshake before any key exists.
     */
    void verifyPeer(Certificate chain) throws TlsFatalAlert {
        if (chain == null || chain.isEmpty()) {
            throw fail(Reason.NO_PEER_CERTIFICATE, "peer sent no certificate; DTLS-SRTP needs one to "
                    + "check against the a=fingerprint of its SDP", AlertDescription.handshake_failure);
        }
        byte[] der;
        try {
            der = chain.getCertificateAt(0).getEncoded();
        } catch (IOException e) {
            throw fail(Reason.PROTOCOL_ERROR, "cannot read the peer's certificate: " + e.getMessage(),
                    AlertDescription.bad_certificate);
        }
        if (!expectedPeer.matches(der)) {
            CertificateFingerprint actual = CertificateFingerprint.of(expectedPeer.hashFunction(), der);
            throw fail(Reason.FINGERPRINT_MISMATCH, "peer certificate fingerprint " + actual.toSdp()
                    + " does not match the a=fingerprint of its SDP " + expectedPeer.toSdp()
                    + "; the media path may be intercepted, or the SDP is stale", AlertDescription.bad_certificate);
        }
    }

    /** The first of our profiles the peer offered, in our order of preference. */
    SrtpProfile choose(int[] offered) throws TlsFatalAlert {
        for (SrtpProfile ours : config.srtpProfiles()) {
            for (int id : offered) {
                if (id == ours.id()) {
                    return ours;
                }
            }
        }
        throw fail(Reason.NO_COMMON_SRTP_PROFILE, "no SRTP protection profile in common: peer offered "
                + describe(offered) + ", we accept " + config.srtpProfiles(), AlertDescription.handshake_failure);
    }

    void negotiated(SrtpProfile profile) {
        this.negotiated = profile;
    }

    /** RFC 5764 §4.2: export 2 * (key + salt) bytes with the label EXTRACTOR-dtls_srtp, no context. */
    void exportKeys(TlsContext context) throws TlsFatalAlert {
        SrtpProfile profile = negotiated;
        if (profile == null) {
            throw fail(Reason.NO_COMMON_SRTP_PROFILE, "handshake finished without use_srtp",
                    AlertDescription.handshake_failure);
        }
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.exportLength());
        keys = SrtpKeyingMaterial.fromExporter(profile, material, role == DtlsRole.CLIENT);
        java.util.Arrays.fill(material, (byte) 0);
    }

    SrtpKeyingMaterial keys() {
        return keys;
    }

    DtlsHandshakeException failure() {
        return failure;
    }

    void peerAlert(short description) {
        peerAlert = AlertDescription.getText(description);
    }

    String peerAlert() {
        return peerAlert;
    }

    TlsFatalAlert fail(Reason reason, String message, short alert) {
        if (failure == null) {
            failure = new DtlsHandshakeException(reason, message, null);
        }
        return new TlsFatalAlert(alert, message);
    }

    static String describe(int[] profileIds) {
        StringBuilder sb = new StringBuilder("[");
        for (int id : profileIds) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(SrtpProfile.fromId(id).map(SrtpProfile::ianaName)
                    .orElse(String.format("0x%04X", id)));
        }
        return sb.append(']').toString();
    }

    static List<SrtpProfile> profilesOf(int[] ids) {
        return java.util.Arrays.stream(ids).mapToObj(SrtpProfile::fromId)
                .flatMap(java.util.Optional::stream).toList();
    }
}
