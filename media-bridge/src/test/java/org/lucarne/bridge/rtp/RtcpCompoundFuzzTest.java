package org.lucarne.bridge.rtp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Only {@link MalformedPacketException} may escape the compound parser and the typed views;
 * whatever they accept, every accessor stays inside the datagram.
 */
class RtcpCompoundFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        byte[] buf = new byte[data.length + 8];
        System.arraycopy(data, 0, buf, 5, data.length);
        try {
            RtcpCompound c = RtcpCompound.parse(buf, 5, data.length);
            int total = 0;
            int count = 0;
            for (RtcpPacket p : c) {
                if (p.offset() != 5 + total || p.contentLength() < RtcpPacket.HEADER) {
                    throw new AssertionError("packet " + count + " misplaced");
                }
                total += p.length();
                count++;
                RtcpViews.of(p);
            }
            if (total != data.length || count != c.packetCount()) {
                throw new AssertionError("packets do not cover the datagram");
            }
        } catch (MalformedPacketException e) {
            if (e.reason() == null) {
                throw new AssertionError("no reason");
            }
        }
    }
}
