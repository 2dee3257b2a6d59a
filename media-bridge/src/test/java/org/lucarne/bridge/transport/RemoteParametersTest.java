package org.lucarne.bridge.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.dtls.DtlsRole;

class RemoteParametersTest {
    private static final String UFRAG = "aB3+";
    private static final String PWD = "abcdefghijklmnopqrstuv/+";
    private static final String SHA256 = String.join(":", java.util.Collections.nCopies(32, "AB"));
    private static final Fingerprint ACTIVE = new Fingerprint("sha-256", SHA256, Fingerprint.Setup.ACTIVE);

    private static IceUdpTransport transport(String ufrag, String pwd, List<Fingerprint> fps, List<Candidate> cs) {
        return new IceUdpTransport(ufrag, pwd, true, fps, cs);
    }

    private static String refused(IceUdpTransport t) {
        return assertThrows(IllegalArgumentException.class, () -> RemoteParameters.from(t)).getMessage();
    }

    private static Candidate candidate(Candidate.Protocol protocol, int port) {
        return new Candidate(1, "1", null, null, "192.0.2.1", null, port, 2_130_706_431L, protocol,
                Candidate.Type.HOST, null, null);
    }

    @Test
    void aMissingTransportIsNamed() {
        assertTrue(refused(null).startsWith("transport is missing"));
    }

    @Test
    void missingOrBadIceCredentialsAreNamed() {
        assertEquals("ufrag is missing", refused(transport(null, PWD, List.of(ACTIVE), List.of())));
        assertEquals("pwd is missing", refused(transport(UFRAG, "", List.of(ACTIVE), List.of())));
        assertTrue(refused(transport("abc", PWD, List.of(ACTIVE), List.of()))
                .startsWith("ufrag must be 4 to 256 characters"));
        assertTrue(refused(transport(UFRAG, "short", List.of(ACTIVE), List.of()))
                .startsWith("pwd must be 22 to 256 characters"));
        assertTrue(refused(transport("ab:cd", PWD, List.of(ACTIVE), List.of()))
                .startsWith("ufrag may hold only letters, digits"));
    }

    @Test
    void missingOrUnusableFingerprintsAreNamed() {
        assertTrue(refused(transport(UFRAG, PWD, List.of(), List.of())).startsWith("fingerprints is missing"));
        Fingerprint md5 = new Fingerprint("md5", "AB:CD", Fingerprint.Setup.ACTIVE);
        assertTrue(refused(transport(UFRAG, PWD, List.of(md5), List.of()))
                .startsWith("fingerprints has no usable hash function: got [md5]"));
        Fingerprint truncated = new Fingerprint("sha-256", "AB:CD", Fingerprint.Setup.ACTIVE);
        assertTrue(refused(transport(UFRAG, PWD, List.of(md5, truncated), List.of()))
                .startsWith("fingerprints[1].fingerprint is malformed: a sha-256 fingerprint has 32 hex pairs"));
    }

    @Test
    void theFirstCheckableFingerprintIsUsed() {
        Fingerprint md5 = new Fingerprint("md5", "AB:CD", Fingerprint.Setup.PASSIVE);
        RemoteParameters p = RemoteParameters.from(transport(UFRAG, PWD, List.of(md5, ACTIVE), List.of()));
        assertEquals("sha-256", p.fingerprint().hashFunction());
        assertEquals(SHA256, p.fingerprint().hex());
    }

    @Test
    void setupGivesOurDtlsRoleAndAbsentMeansActive() {
        assertEquals(DtlsRole.SERVER, RemoteParameters.from(transport(UFRAG, PWD, List.of(ACTIVE), List.of())).role());
        Fingerprint none = new Fingerprint("sha-256", SHA256, null);
        RemoteParameters absent = RemoteParameters.from(transport(UFRAG, PWD, List.of(none), List.of()));
        assertEquals(Fingerprint.Setup.ACTIVE, absent.setup());
        assertEquals(DtlsRole.SERVER, absent.role());
        Fingerprint passive = new Fingerprint("sha-256", SHA256, Fingerprint.Setup.PASSIVE);
        assertEquals(DtlsRole.CLIENT, RemoteParameters.from(transport(UFRAG, PWD, List.of(passive), List.of())).role());
        Fingerprint actpass = new Fingerprint("sha-256", SHA256, Fingerprint.Setup.ACTPASS);
        assertEquals(DtlsRole.CLIENT, RemoteParameters.from(transport(UFRAG, PWD, List.of(actpass), List.of())).role());
    }

    @Test
    void tcpCandidatesAreIgnoredAndABadUdpPortIsNamed() {
        RemoteParameters p = RemoteParameters.from(transport(UFRAG, PWD, List.of(ACTIVE),
                List.of(candidate(Candidate.Protocol.TCP, 9), candidate(Candidate.Protocol.UDP, 50000))));
        assertEquals(1, p.candidates().size());
        assertEquals(50000, p.candidates().get(0).port());
        assertEquals("udp", p.candidates().get(0).protocol());
        assertEquals(0, p.candidates().get(0).generation());
        assertTrue(refused(transport(UFRAG, PWD, List.of(ACTIVE),
                List.of(candidate(Candidate.Protocol.UDP, 50000), candidate(Candidate.Protocol.UDP, 0))))
                .startsWith("candidates[1].port must be 1 to 65535"));
    }
}
