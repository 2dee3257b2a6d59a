package org.lucarne.bridge.dtls;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.lucarne.bridge.dtls.DtlsHandshakeException.Reason;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * DTLS 1.2 (RFC 6347) with use_srtp (RFC 5764) over a caller-supplied datagram transport: in
 * production the ICE-selected 5-tuple, in tests an in-memory pair.
 *
 * <p>One endpoint per bridge identity; {@link #handshake} runs one blocking handshake per peer and
 * may be called from several threads at once.
 */
public final class DtlsEndpoint {
    private final BridgeCertificate certificate;
    private final DtlsConfig config;
    private final BcTlsCrypto crypto;

    public DtlsEndpoint(BridgeCertificate certificate, DtlsConfig config, SecureRandom random) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.config = Objects.requireNonNull(config, "config");
        this.crypto = new BcTlsCrypto(Objects.requireNonNull(random, "random"));
    }

    /** Our fingerprint, for a=fingerprint in the SDP we offer (with a=setup:actpass). */
    public CertificateFingerprint localFingerprint() {
        return certificate.fingerprint();
    }

    public DtlsConfig config() {
        return config;
    }

    /**
     * Runs the handshake to completion and returns the SRTP keys.
     *
     * @param role              from {@link DtlsRole#fromRemoteSetup(String)}
     * @param remoteFingerprint the peer's a=fingerprint; its certificate must match it
     * @param transport         the datagram path to the peer; not closed on failure
     * @throws DtlsHandshakeException with a reason and a message for the operator
     */
    public DtlsHandshakeResult handshake(DtlsRole role, CertificateFingerprint remoteFingerprint,
                                         DatagramTransport transport) throws DtlsHandshakeException {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(remoteFingerprint, "remoteFingerprint");
        Objects.requireNonNull(transport, "transport");
        HandshakeState state = new HandshakeState(crypto, certificate, remoteFingerprint, config, role);
        String as = role == DtlsRole.SERVER ? "as server" : "as client";
        DTLSTransport dtls;
        try {
            if (role == DtlsRole.SERVER) {
                dtls = new DTLSServerProtocol().accept(new SrtpDtlsServer(state), transport);
            } else {
                dtls = new DTLSClientProtocol().connect(new SrtpDtlsClient(state), transport);
            }
        } catch (TlsTimeoutException e) {
            throw new DtlsHandshakeException(Reason.TIMEOUT, "DTLS handshake " + as + " did not complete within "
                    + config.handshakeTimeout().toMillis() + " ms; check that ICE connected and UDP gets through", e);
        } catch (IOException | RuntimeException e) {
            throw translate(state, as, e);
        }
        if (state.keys() == null) {
            throw new DtlsHandshakeException(Reason.PROTOCOL_ERROR,
                    "DTLS handshake " + as + " finished without SRTP keys", null);
        }
        return new DtlsHandshakeResult(role, state.keys(), dtls);
    }

    private static DtlsHandshakeException translate(HandshakeState state, String as, Exception e) {
        DtlsHandshakeException ours = state.failure();
        if (ours != null) {
            return new DtlsHandshakeException(ours.reason(), "DTLS handshake " + as + " failed: " + ours.getMessage(), e);
        }
        if (state.peerAlert() != null) {
            return new DtlsHandshakeException(Reason.PEER_ALERT, "DTLS handshake " + as
                    + " failed: peer sent fatal alert " + state.peerAlert(), e);
        }
        return new DtlsHandshakeException(Reason.PROTOCOL_ERROR, "DTLS handshake " + as + " failed: " + e, e);
    }
}
