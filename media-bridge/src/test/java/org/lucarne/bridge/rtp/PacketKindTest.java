package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacketKindTest {

    private static PacketKind classify(int first, int second, int len) {
        byte[] b = new byte[Math.max(len, 2)];
        b[0] = (byte) first;
        b[1] = (byte) second;
        return PacketKind.classify(b, 0, len);
    }

    @Test
    void firstByteRangesOfRfc7983() {
        assertEquals(PacketKind.STUN, classify(0, 1, 20));
        assertEquals(PacketKind.STUN, classify(3, 0, 20));
        assertEquals(PacketKind.UNKNOWN, classify(16, 0, 20)); // ZRTP
        assertEquals(PacketKind.DTLS, classify(20, 0xfe, 13));
        assertEquals(PacketKind.DTLS, classify(63, 0xfe, 13));
        assertEquals(PacketKind.UNKNOWN, classify(64, 0, 20)); // TURN channel
        assertEquals(PacketKind.UNKNOWN, classify(192, 0, 20));
        assertEquals(PacketKind.UNKNOWN, classify(255, 0, 20));
    }

    @Test
    void rtcpMuxTellsRtcpByPayloadTypeRange64To95WithMarker() {
        assertEquals(PacketKind.RTP, classify(0x80, 0x60, 12)); // PT 96
        assertEquals(PacketKind.RTP, classify(0x80, 0xbf, 12)); // PT 63 with marker
        assertEquals(PacketKind.RTCP, classify(0x80, 0xc0, 8)); // 192 = PT 64 + marker
        assertEquals(PacketKind.RTCP, classify(0x81, 0xc8, 8)); // SR
        assertEquals(PacketKind.RTCP, classify(0x8f, 0xce, 8)); // PSFB
        assertEquals(PacketKind.RTCP, classify(0x80, 0xdf, 8)); // 223 = PT 95 + marker
        assertEquals(PacketKind.RTP, classify(0x80, 0xe0, 12)); // PT 96 + marker
        assertEquals(PacketKind.RTP, classify(0x80, 0x40, 12)); // PT 64 without marker
    }

    @Test
    void tooShortForItsKindIsUnknown() {
        assertEquals(PacketKind.UNKNOWN, classify(0, 1, 19));
        assertEquals(PacketKind.UNKNOWN, classify(22, 0, 12));
        assertEquals(PacketKind.UNKNOWN, classify(0x80, 0x60, 11));
        assertEquals(PacketKind.UNKNOWN, classify(0x80, 0xc8, 7));
        assertEquals(PacketKind.UNKNOWN, classify(0x80, 0xc8, 1));
        assertEquals(PacketKind.UNKNOWN, PacketKind.classify(new byte[0], 0, 0));
    }

    @Test
    void honoursOffset() {
        byte[] b = new byte[30];
        b[10] = (byte) 0x80;
        b[11] = (byte) 0xc9;
        assertEquals(PacketKind.RTCP, PacketKind.classify(b, 10, 8));
        assertEquals(PacketKind.STUN, PacketKind.classify(b, 0, 20));
    }
}
