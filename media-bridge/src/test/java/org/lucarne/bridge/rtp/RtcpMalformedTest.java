package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformation, in the compound parser or in a typed view, has its own reason. */
class RtcpMalformedTest {

    /** Parses the compound and the typed view each packet's type and format call for. */
    static void parseAll(byte[] b) throws MalformedPacketException {
        for (RtcpPacket p : RtcpCompound.parse(b, 0, b.length)) {
            RtcpViews.of(p);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "TOO_SHORT,        ''",
        "TOO_SHORT,        80 c9 00",
        "TOO_SHORT,        80 c9 0000",
        "TOO_SHORT,        80 c8 0001 11223344",
        "TOO_SHORT,        81 cd 0001 00000001",
        "TOO_SHORT,        81 c9 0007 11223344 " + RtcpFixtures.BLOCK + " 00",
        "BAD_VERSION,      40 c9 0001 11223344",
        "BAD_VERSION,      81 c9 0001 11223344 00 c9 0001 11223344",
        "BAD_RTCP_LENGTH,  80 c9 0005 11223344",
        "BAD_RTCP_LENGTH,  80 c9 ffff 11223344",
        "BAD_PADDING,      a0 c9 0001 11223300",
        "BAD_PADDING,      a0 c9 0001 11223309",
        "BAD_PADDING,      a0 c9 0002 11223344 00000004 80 c9 0001 11223344",
        "BAD_REPORT_COUNT, 81 c9 0001 11223344",
        "BAD_REPORT_COUNT, 81 c8 0006 11223344 e0000000 80000000 00001000 0000000a 000003e8",
        "BAD_REPORT_COUNT, 82 cb 0001 11223344",
        "BAD_SDES,         81 ca 0000",
        "BAD_SDES,         81 ca 0002 11223344 01056162",
        "BAD_SDES,         81 ca 0002 11223344 01026162",
        "BAD_SDES,         81 ca 0003 11223344 01016100 00000000",
        "BAD_BYE,          81 cb 0002 11223344 09616263",
        "BAD_FCI,          81 cd 0002 00000001 00000002",
        "BAD_FCI,          a1 cd 0004 00000001 00000002 00640005 00000002",
        "BAD_FCI,          81 ce 0003 00000001 00000002 00000000",
        "BAD_FCI,          84 ce 0003 00000001 00000000 00000003",
        "BAD_REMB,         8f ce 0003 00000001 00000000 52454d42",
        "BAD_REMB,         8f ce 0004 00000001 00000000 52454d42 020803e8",
        "BAD_REMB,         8f ce 0005 00000001 00000000 52454d42 020803e8 00000003",
    })
    void rejectsWithReason(MalformedPacketException.Reason reason, String hex) {
        byte[] b = Hex.bytes(hex);
        assertEquals(reason, assertThrows(MalformedPacketException.class, () -> parseAll(b)).reason());
    }
}
