package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_EXTENSION_ELEMENT;

/**
 * Walks the elements of an RFC 8285 header extension block, in its one-byte (§4.2) or
 * two-byte (§4.3) form. {@code start} and {@code end} bound the block's data, after its
 * 4-byte profile and length header. A byte with id 0 between elements is padding.
 */
final class HeaderExtensions {

    /** One-byte form profile (RFC 8285 §4.2). */
    static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Two-byte form profile, the low 4 bits being application bits (RFC 8285 §4.3). */
    static final int TWO_BYTE_PROFILE = 0x1000;
    /** RFC 8285 §4.2: id 15 ends processing of a one-byte block. */
    private static final int ONE_BYTE_STOP_ID = 15;

    private HeaderExtensions() {
    }

    /**
     * Id 0 is padding (RFC 8285 §4.2, §4.3): in the one-byte form its length nibble is
     * ignored and the byte skipped alone, as libwebrtc does.
     */
    private static boolean isPadding(int first, boolean twoByte) {
        return (twoByte ? first : first >>> 4) == 0;
    }

    static boolean isTwoByte(int profile) {
        return (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    static boolean hasElements(int profile) {
        return profile == ONE_BYTE_PROFILE || isTwoByte(profile);
    }

    static void validate(byte[] b, int start, int end, boolean twoByte)
            throws MalformedPacketException {
        int i = start;
        while (i < end) {
            int first = b[i] & 0xFF;
            if (isPadding(first, twoByte)) {
                i++;
                continue;
            }
            int dataLen;
            if (twoByte) {
                if (i + 2 > end) {
                    throw new MalformedPacketException(BAD_EXTENSION_ELEMENT,
                            "two-byte element header cut at " + (i - start));
                }
                dataLen = b[i + 1] & 0xFF;
                i += 2;
            } else {
                if (first >>> 4 == ONE_BYTE_STOP_ID) {
                    return;
                }
                dataLen = (first & 0x0F) + 1;
                i += 1;
            }
            if (dataLen > end - i) {
                throw new MalformedPacketException(BAD_EXTENSION_ELEMENT,
                        "element data of " + dataLen + " bytes past the extension block");
            }
            i += dataLen;
        }
    }

    /** One element of a validated block: where its header and data are. */
    private interface Step {
        /** @return false to stop the walk */
        boolean element(int id, int headerOffset, int dataOffset, int dataLength);
    }

    /**
     * The header offset of the first element at or after {@code i} of a block that has passed
     * {@link #validate}, padding skipped; -1 at the end of the block or at a one-byte stop id.
     */
    private static int nextElement(byte[] b, int i, int end, boolean twoByte) {
        while (i < end && isPadding(b[i] & 0xFF, twoByte)) {
            i++;
        }
        return i >= end || (!twoByte && (b[i] & 0xFF) >>> 4 == ONE_BYTE_STOP_ID) ? -1 : i;
    }

    private static int idAt(byte[] b, int header, boolean twoByte) {
        return twoByte ? b[header] & 0xFF : (b[header] & 0xFF) >>> 4;
    }

    /** The one walk over a validated block: padding skipped, stop id honoured. */
    private static void walk(byte[] b, int start, int end, boolean twoByte, Step step) {
        int headerLen = twoByte ? 2 : 1;
        for (int i = nextElement(b, start, end, twoByte); i >= 0; ) {
            int len = lengthAt(b, i + headerLen, twoByte);
            if (!step.element(idAt(b, i, twoByte), i, i + headerLen, len)) {
                return;
            }
            i = nextElement(b, i + headerLen + len, end, twoByte);
        }
    }

    /** Calls {@code v} for each element; the block must have passed {@link #validate}. */
    static void forEach(byte[] b, int start, int end, boolean twoByte, ExtensionVisitor v) {
        walk(b, start, end, twoByte, (id, header, data, len) -> {
            v.element(id, b, data, len);
            return true;
        });
    }

    /**
     * Offset of the data of the first element with {@code id}, or -1. The same steps as
     * {@link #walk} without its callback: it runs on every forwarded packet and allocates nothing.
     */
    static int find(byte[] b, int start, int end, boolean twoByte, int id) {
        int headerLen = twoByte ? 2 : 1;
        for (int i = nextElement(b, start, end, twoByte); i >= 0; ) {
            if (idAt(b, i, twoByte) == id) {
                return i + headerLen;
            }
            i = nextElement(b, i + headerLen + lengthAt(b, i + headerLen, twoByte), end, twoByte);
        }
        return -1;
    }

    /**
     * Turns the first element with {@code id} into padding, header and data zeroed (RFC 8285
     * §4.2, §4.3: a byte of id 0 is padding). Allocates nothing.
     *
     * @return false when there was no such element
     */
    static boolean blank(byte[] b, int start, int end, boolean twoByte, int id) {
        int data = find(b, start, end, twoByte, id);
        if (data < 0) {
            return false;
        }
        java.util.Arrays.fill(b, data - (twoByte ? 2 : 1), data + lengthAt(b, data, twoByte), (byte) 0);
        return true;
    }

    /** Length of the element whose data starts at {@code dataOffset}, found by {@link #find}. */
    static int lengthAt(byte[] b, int dataOffset, boolean twoByte) {
        return twoByte ? b[dataOffset - 1] & 0xFF : (b[dataOffset - 1] & 0x0F) + 1;
    }

    /**
     * Rewrites element ids in place: {@code newIdByOldId[old]} is the new id, 0 turns the
     * element into padding (its bytes zeroed), and ids past the end of the array stay as they
     * are. Checks every mapping used before writing anything.
     */
    static void remap(byte[] b, int start, int end, boolean twoByte, int[] newIdByOldId) {
        int maxId = twoByte ? 255 : 14;
        walk(b, start, end, twoByte, (id, header, data, len) -> {
            if (id < newIdByOldId.length && (newIdByOldId[id] < 0 || newIdByOldId[id] > maxId)) {
                throw new IllegalArgumentException("extension id " + id + " mapped to "
                        + newIdByOldId[id] + ", outside 0.." + maxId + " for this form");
            }
            return true;
        });
        walk(b, start, end, twoByte, (id, header, data, len) -> {
            if (id < newIdByOldId.length) {
                int newId = newIdByOldId[id];
                if (newId == 0) {
                    java.util.Arrays.fill(b, header, data + len, (byte) 0);
                } else {
                    b[header] = (byte) (twoByte ? newId : (newId << 4) | (b[header] & 0x0F));
                }
            }
            return true;
        });
    }
}
