package org.lucarne.bridge.rtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Only {@link MalformedPacketException} may escape the parser; whatever it accepts, every
 * accessor stays inside the packet, and the setters and an identity remap leave the bytes
 * as they were.
 */
class RtpPacketFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        byte[] buf = new byte[data.length + 8];
        System.arraycopy(data, 0, buf, 3, data.length);
        byte[] before = buf.clone();
        RtpPacket p;
        try {
            p = RtpPacket.parse(buf, 3, data.length);
        } catch (MalformedPacketException e) {
            check(e.reason() != null, "reason");
            return;
        }
        checkWithinBounds(p, 3, data.length);
        rewriteUnchanged(p, before);
        try {
            checkWithinBounds(RtpPacket.parseHeader(buf, 3, data.length), 3, data.length);
        } catch (MalformedPacketException e) {
            throw new AssertionError("header parse refused what the full parse took", e);
        }
        blankOneExtensionStillParses(p);
        blankAllExtensionsStillParses(p);
    }

    private static void checkWithinBounds(RtpPacket p, int off, int len) {
        int end = off + len;
        check(p.headerLength() + p.payloadLength() + p.paddingLength() == len, "lengths add up");
        check(p.payloadLength() >= 0 && p.payloadOffset() >= off, "payload start");
        check(p.payloadOffset() + p.payloadLength() <= end, "payload end");
        for (int i = 0; i < p.csrcCount(); i++) {
            p.csrc(i);
        }
        if (p.hasExtension()) {
            int extStart = p.extensionDataOffset();
            int extEnd = extStart + p.extensionDataLength();
            check(extStart >= off + 16 && extEnd <= p.payloadOffset(), "extension block");
            p.forEachExtension((id, b, o, l) -> check(id > 0 && o >= extStart && l >= 0
                    && o + l <= extEnd, "element " + id + " inside block"));
            for (int id = 1; id < 256; id++) {
                int at = p.extensionOffset(id);
                check(at == -1 || (at >= extStart && at + p.extensionLength(id) <= extEnd),
                        "element " + id + " found inside block");
            }
        }
    }

    private static void rewriteUnchanged(RtpPacket p, byte[] before) {
        byte[] buf = p.buffer();
        p.setSequenceNumber(p.sequenceNumber() + 1);
        p.setSequenceNumber(p.sequenceNumber() - 1);
        p.setTimestamp(p.timestamp());
        p.setSsrc(p.ssrc());
        p.setPayloadType(p.payloadType());
        p.setMarker(p.marker());
        int[] identity = new int[256];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        if (p.extensionProfile() == HeaderExtensions.ONE_BYTE_PROFILE) {
            identity = Arrays.copyOf(identity, 15);
        }
        p.remapExtensionIds(identity);
        check(Arrays.equals(before, buf), "rewrite to same values changed bytes");
    }

    /** The transport-cc neutralisation: one element becomes padding, the packet stays valid and as long. */
    private static void blankOneExtensionStillParses(RtpPacket p) {
        int[] first = {-1};
        int before = elements(p, first);
        if (before == 0) {
            check(!p.blankExtension(1), "blanked an element that is not there");
            return;
        }
        check(p.blankExtension(first[0]), "first element " + first[0] + " not blanked");
        try {
            RtpPacket again = RtpPacket.parse(p.buffer(), p.offset(), p.length());
            check(again.length() == p.length() && again.payloadLength() == p.payloadLength(), "length kept");
            check(elements(again, new int[] {-1}) == before - 1, "exactly one element gone");
        } catch (MalformedPacketException e) {
            throw new AssertionError("packet with one element blanked no longer parses", e);
        }
    }

    private static int elements(RtpPacket p, int[] firstId) {
        int[] n = {0};
        p.forEachExtension((id, b, o, l) -> {
            if (firstId[0] < 0) {
                firstId[0] = id;
            }
            n[0]++;
        });
        return n[0];
    }

    private static void blankAllExtensionsStillParses(RtpPacket p) {
        p.remapExtensionIds(new int[256]);
        try {
            RtpPacket again = RtpPacket.parse(p.buffer(), p.offset(), p.length());
            again.forEachExtension((id, b, o, l) -> check(false, "element left after blanking"));
            check(again.payloadLength() == p.payloadLength(), "payload kept");
        } catch (MalformedPacketException e) {
            throw new AssertionError("blanked packet no longer parses", e);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
