package org.lucarne.bridge.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.lucarne.bridge.dtls.DtlsHandshakeException.Reason;
import org.lucarne.bridge.srtp.SrtpProfile;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;

/** The bridge as DTLS client (remote a=setup:passive): offers use_srtp, checks the server certificate. */
final class SrtpDtlsClient extends DefaultTlsClient {
    private final HandshakeState state;
    private SrtpProfile selected;

    SrtpDtlsClient(HandshakeState state) {
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
    public int getHandshakeTimeoutMillis() {
        return state.handshakeTimeoutMillis();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        int[] ids = state.config.srtpProfiles().stream().mapToInt(SrtpProfile::id).toArray();
        // RFC 5764 §4.1.1: profiles in order of preference, no MKI.
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(ids, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData answer = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (answer == null) {
            throw state.fail(Reason.NO_COMMON_SRTP_PROFILE,
                    "peer's ServerHello has no use_srtp extension (RFC 5764 §4.1.1)",
                    AlertDescription.handshake_failure);
        }
        int[] ids = answer.getProtectionProfiles();
        List<SrtpProfile> known = HandshakeState.profilesOf(ids);
        // RFC 5764 §4.1.1: exactly one profile, one we offered; MKI as offered (none).
        if (ids.length != 1 || known.size() != 1 || !state.config.srtpProfiles().contains(known.get(0))) {
            throw state.fail(Reason.NO_COMMON_SRTP_PROFILE, "peer selected SRTP profile(s) "
                    + HandshakeState.describe(ids) + ", we offered " + state.config.srtpProfiles(),
                    AlertDescription.illegal_parameter);
        }
        if (answer.getMki().length != 0) {
            throw state.fail(Reason.PROTOCOL_ERROR, "peer answered use_srtp with an MKI we did not offer",
                    AlertDescription.illegal_parameter);
        }
        selected = known.get(0);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                state.verifyPeer(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
                return state.signer(context);
            }
        };
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
        state.negotiated(selected);
        state.exportKeys(context);
    }
}
