package org.lucarne.bridge.srtp;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs SRTP and SRTCP round trips, tamper and replay checks for every profile with fixed keys, and
 * reports what happened as text. Loaded by {@link SrtpJavaBackendTest} inside a class loader that
 * hides jitsi-srtp's native library, so it exercises the pure-Java path.
 */
public final class JavaBackendProbe {
    private JavaBackendProbe() {
    }

    public static List<String> run() {
        List<String> lines = new ArrayList<>();
        lines.add("backend=" + SrtpSession.cryptoBackend());
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpKeyingMaterial a = new SrtpKeyingMaterial(profile, filled(profile.keyLength(), 1),
                    filled(profile.saltLength(), 2), filled(profile.keyLength(), 3), filled(profile.saltLength(), 4));
            try (SrtpSession sender = SrtpSession.create(a); SrtpSession receiver = SrtpSession.create(a.reversed())) {
                byte[] rtp = RtpPackets.rtp(111, 1, 960, 0xCAFE, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
                byte[] wire = sender.protectRtp(rtp, 0, rtp.length).packet();
                SrtpResult clear = receiver.unprotectRtp(wire, 0, wire.length);
                boolean same = clear.isOk() && java.util.Arrays.equals(rtp, clear.packet());
                SrtpStatus replay = receiver.unprotectRtp(wire, 0, wire.length).status();
                byte[] tampered = sender.protectRtp(RtpPackets.rtp(111, 2, 960, 0xCAFE, new byte[8]), 0, 20).packet();
                tampered[tampered.length - 1] ^= 1;
                SrtpStatus tamper = receiver.unprotectRtp(tampered, 0, tampered.length).status();
                byte[] rr = RtpPackets.receiverReport(0xCAFE);
                byte[] srtcp = sender.protectRtcp(rr, 0, rr.length).packet();
                SrtpResult rtcp = receiver.unprotectRtcp(srtcp, 0, srtcp.length);
                boolean rtcpSame = rtcp.isOk() && java.util.Arrays.equals(rr, rtcp.packet());
                lines.add(profile + " rtp=" + same + " replay=" + replay + " tamper=" + tamper + " rtcp=" + rtcpSame
                        + " srtp=" + java.util.HexFormat.of().formatHex(wire)
                        + " srtcp=" + java.util.HexFormat.of().formatHex(srtcp));
            }
        }
        return lines;
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
