package org.lucarne.bridge.dtls;

import org.bouncycastle.tls.DTLSTransport;
import org.lucarne.bridge.srtp.SrtpKeyingMaterial;
import org.lucarne.bridge.srtp.SrtpProfile;

/**
 * A finished DTLS-SRTP handshake.
 *
 * @param role      the role we played
 * @param keys      SRTP keys split into what we send (local) and what we receive (remote)
 * @param transport the DTLS connection, for DTLS application data (SCTP data channels) and close
 */
public record DtlsHandshakeResult(DtlsRole role, SrtpKeyingMaterial keys, DTLSTransport transport) {

    public SrtpProfile profile() {
        return keys.profile();
    }
}
