package org.lucarne.bridge.forward;

import org.lucarne.bridge.rtp.RtpPacket;

/**
 * How one sender's RTP headers change on their way to one receiver, computed once per pair of
 * {@link MediaTable}s: header-extension ids by URI (RFC 8285 §5), payload types by codec key.
 * When both negotiated the same ids nothing is rewritten.
 */
final class HeaderRewrite {
    private static final int ONE_BYTE_MAX_ID = 14;

    final MediaTable from;
    final MediaTable to;
    /** New extension id by old one for the two-byte form; null when the ids agree. */
    private final int[] extensionIds;
    /** The same for the one-byte form (RFC 8285 §4.2: ids 1–14; anything beyond is blanked). */
    private final int[] oneByteExtensionIds;
    /** New payload type by old one, -1 where the receiver has no such codec; null when they agree. */
    private final int[] payloadTypes;

    private HeaderRewrite(MediaTable from, MediaTable to, int[] extensionIds, int[] payloadTypes) {
        this.from = from;
        this.to = to;
        this.extensionIds = extensionIds;
        this.payloadTypes = payloadTypes;
        if (extensionIds == null) {
            this.oneByteExtensionIds = null;
        } else {
            oneByteExtensionIds = new int[ONE_BYTE_MAX_ID + 1];
            for (int id = 1; id <= ONE_BYTE_MAX_ID; id++) {
                int mapped = extensionIds[id];
                oneByteExtensionIds[id] = mapped > ONE_BYTE_MAX_ID ? 0 : mapped;
            }
        }
    }

    static HeaderRewrite between(MediaTable from, MediaTable to) {
        if (from.isEmpty() || to.isEmpty()) {
            return new HeaderRewrite(from, to, null, null);
        }
        return new HeaderRewrite(from, to, extensionMap(from, to), payloadTypeMap(from, to));
    }

    boolean isIdentity() {
        return extensionIds == null && payloadTypes == null;
    }

    /**
     * Rewrites {@code packet} in place for the receiver.
     *
     * @return false when the receiver did not negotiate the packet's codec (it must not get it)
     */
    boolean apply(RtpPacket packet) {
        if (payloadTypes != null) {
            int pt = payloadTypes[packet.payloadType()];
            if (pt < 0) {
                return false;
            }
            if (pt != packet.payloadType()) {
                packet.setPayloadType(pt);
            }
        }
        if (extensionIds != null && packet.hasExtension()) {
            boolean twoByte = (packet.extensionProfile() & 0xFFF0) == 0x1000;
            packet.remapExtensionIds(twoByte ? extensionIds : oneByteExtensionIds);
        }
        return true;
    }

    /**
     * An id the sender uses keeps its URI; an id the receiver gave another meaning, or a URI the
     * receiver lacks, is blanked into padding; ids neither side negotiated pass unchanged.
     */
    private static int[] extensionMap(MediaTable from, MediaTable to) {
        int[] map = new int[256];
        boolean identity = true;
        for (int id = 1; id < 256; id++) {
            String uri = from.extensionUri(id);
            if (uri != null) {
                map[id] = to.extensionId(uri);
            } else {
                map[id] = to.extensionUri(id) == null ? id : 0;
            }
            identity &= map[id] == id;
        }
        return identity ? null : map;
    }

    private static int[] payloadTypeMap(MediaTable from, MediaTable to) {
        int[] map = new int[128];
        boolean identity = true;
        for (int pt = 0; pt < 128; pt++) {
            String codec = from.codec(pt);
            map[pt] = codec == null ? pt : to.payloadType(codec);
            identity &= map[pt] == pt;
        }
        return identity ? null : map;
    }
}
