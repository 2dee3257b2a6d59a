package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The fuzz tests' seed files are the unit tests' fixtures, byte for byte. */
class FuzzSeedsTest {

    @Test
    void rtpSeedsAreTheFixtures() throws IOException {
        assertSeed("RtpPacketFuzzTestInputs/parse/basic", RtpFixtures.BASIC);
        assertSeed("RtpPacketFuzzTestInputs/parse/csrcs", RtpFixtures.CSRCS);
        assertSeed("RtpPacketFuzzTestInputs/parse/one_byte_ext", RtpFixtures.ONE_BYTE_EXT);
        assertSeed("RtpPacketFuzzTestInputs/parse/two_byte_ext", RtpFixtures.TWO_BYTE_EXT);
        assertSeed("RtpPacketFuzzTestInputs/parse/other_profile_ext", RtpFixtures.OTHER_PROFILE_EXT);
        assertSeed("RtpPacketFuzzTestInputs/parse/padded", RtpFixtures.PADDED);
        assertSeed("RtpPacketFuzzTestInputs/parse/one_byte_stop", RtpFixtures.ONE_BYTE_STOP);
    }

    @Test
    void rtcpSeedsAreTheFixtures() throws IOException {
        String dir = "RtcpCompoundFuzzTestInputs/parse/";
        assertSeed(dir + "sr", RtcpFixtures.SR);
        assertSeed(dir + "sr_with_block", RtcpFixtures.SR_WITH_BLOCK);
        assertSeed(dir + "rr", RtcpFixtures.RR);
        assertSeed(dir + "sdes", RtcpFixtures.SDES);
        assertSeed(dir + "bye", RtcpFixtures.BYE);
        assertSeed(dir + "nack", RtcpFixtures.NACK);
        assertSeed(dir + "transport_cc", RtcpFixtures.TRANSPORT_CC);
        assertSeed(dir + "pli", RtcpFixtures.PLI);
        assertSeed(dir + "fir", RtcpFixtures.FIR);
        assertSeed(dir + "remb", RtcpFixtures.REMB);
        assertSeed(dir + "compound", RtcpFixtures.COMPOUND);
        assertSeed(dir + "padded_rr_last", RtcpFixtures.PADDED_RR_LAST);
    }

    private static void assertSeed(String resource, String hex) throws IOException {
        try (InputStream in = FuzzSeedsTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            assertArrayEquals(Hex.bytes(hex), in.readAllBytes(), resource);
        }
    }
}
