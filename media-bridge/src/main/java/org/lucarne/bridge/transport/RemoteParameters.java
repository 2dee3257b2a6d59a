package org.lucarne.bridge.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.dtls.CertificateFingerprint;
import org.lucarne.bridge.dtls.DtlsRole;
import org.lucarne.bridge.ice.IceCandidate;
import org.lucarne.bridge.ice.IceCredentials;

/**
 * The peer's side of a transport, checked: ICE credentials and candidates, the fingerprint its DTLS
 * certificate must have, and our DTLS role.
 *
 * @param setup the peer's {@code setup} as used (absent on the wire means {@code active})
 */
record RemoteParameters(IceCredentials credentials, List<IceCandidate> candidates,
                        CertificateFingerprint fingerprint, Fingerprint.Setup setup, DtlsRole role) {

    /** RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/". */
    private static final Pattern ICE_CHARS = Pattern.compile("[A-Za-z0-9+/]+");

    /**
     * Checks a Colibri2 {@code transport.transport}.
     *
     * <ul>
     *   <li>The first fingerprint whose hash function the DTLS layer can check (sha-1 … sha-512) is used;
     *       others (md5, unknown names) are skipped. A usable hash with a malformed value is refused.</li>
     *   <li>An absent {@code setup} means {@code active} (RFC 4145 §4, referenced by RFC 5763 §5): the
     *       peer connects, we are the DTLS server.</li>
     *   <li>TCP candidates are ignored (the bridge has one UDP port); the peer's UDP candidates are added,
     *       though the bridge usually learns the peer's address from its checks.</li>
     * </ul>
     *
     * @throws IllegalArgumentException naming the missing or bad field
     */
    static RemoteParameters from(IceUdpTransport remote) {
        if (remote == null) {
            throw new IllegalArgumentException("transport is missing: expected ufrag, pwd and fingerprints");
        }
        IceCredentials credentials = new IceCredentials(
                iceString("ufrag", remote.ufrag(), 4), iceString("pwd", remote.pwd(), 22));
        if (remote.fingerprints().isEmpty()) {
            throw new IllegalArgumentException("fingerprints is missing: DTLS-SRTP needs the peer's certificate "
                    + "fingerprint (RFC 5763 §5)");
        }
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < remote.fingerprints().size(); i++) {
            Fingerprint f = remote.fingerprints().get(i);
            CertificateFingerprint parsed = parse(i, f, skipped);
            if (parsed != null) {
                Fingerprint.Setup setup = f.setup() == null ? Fingerprint.Setup.ACTIVE : f.setup();
                return new RemoteParameters(credentials, candidates(remote.candidates()), parsed, setup,
                        DtlsRole.fromRemoteSetup(setup.wireName()));
            }
        }
        throw new IllegalArgumentException("fingerprints has no usable hash function: got " + skipped
                + ", expected one of sha-1, sha-224, sha-256, sha-384, sha-512");
    }

    private static String iceString(String field, String value, int minLength) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.length() < minLength || value.length() > 256) {
            throw new IllegalArgumentException(field + " must be " + minLength + " to 256 characters "
                    + "(RFC 8445 §5.3), was " + value.length());
        }
        if (!ICE_CHARS.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " may hold only letters, digits, '+' and '/' "
                    + "(RFC 8839 §5.4)");
        }
        return value;
    }

    /** The parsed fingerprint, or null (and its hash noted) when its hash function is not one we check. */
    private static CertificateFingerprint parse(int index, Fingerprint f, List<String> skipped) {
        String hash = f.hash().trim().toLowerCase(Locale.ROOT);
        if (!hash.matches("sha-(1|224|256|384|512)")) {
            skipped.add(f.hash());
            return null;
        }
        try {
            return CertificateFingerprint.parse(hash, f.fingerprint().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fingerprints[" + index + "].fingerprint is malformed: "
                    + e.getMessage(), e);
        }
    }

    private static List<IceCandidate> candidates(List<Candidate> in) {
        List<IceCandidate> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Candidate c = in.get(i);
            if (c.protocol() != Candidate.Protocol.UDP) {
                continue;
            }
            if (c.port() < 1 || c.port() > 65535) {
                throw new IllegalArgumentException("candidates[" + i + "].port must be 1 to 65535 for a UDP "
                        + "candidate, was " + c.port());
            }
            out.add(new IceCandidate(c.foundation(), c.component(), c.protocol().wireName(), c.priority(),
                    c.ip(), c.port(), c.type().wireName(), c.generation() == null ? 0 : c.generation()));
        }
        return List.copyOf(out);
    }
}
