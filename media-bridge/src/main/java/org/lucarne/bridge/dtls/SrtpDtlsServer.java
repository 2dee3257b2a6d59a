package org.lucarne.bridge.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.lucarne.bridge.dtls.DtlsHandshakeException.Reason;
import org.lucarne.bridge.srtp.SrtpProfile;

import java.io.IOException;
import java.util.Hashtable;

/** The bridge as DTLS server (remote a=setup:active): requires a client certificate and use_srtp. */
final class SrtpDtlsServer extends DefaultTlsServer {
    private final HandshakeState state;
    private SrtpProfile chosen;

    SrtpDtlsServer(HandshakeState state) {
        super(state.crypto);
        this.state = state;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return state.versions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return state.cipherSuites();
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return state.signer(context);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return state.handshakeTimeoutMillis();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw state.fail(Reason.NO_COMMON_SRTP_PROFILE,
                    "peer's ClientHello has no use_srtp extension (RFC 5764 §4.1.1)",
                    AlertDescription.handshake_failure);
        }
        // RFC 5764 §4.1.3: the server picks one profile from the client's list.
        chosen = state.choose(offered.getProtectionProfiles());
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        // We use no MKI (RFC 5764 §4.1.1).
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {chosen.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // RFC 5763 §5: the client must present the certificate whose fingerprint is in its SDP.
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        state.verifyPeer(clientCertificate);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal) {
            state.peerAlert(alertDescription);
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        // Read what was negotiated here: BC's getters fail once the handshake state is cleared.
        state.negotiated(chosen);
        state.exportKeys(context);
    }
}
