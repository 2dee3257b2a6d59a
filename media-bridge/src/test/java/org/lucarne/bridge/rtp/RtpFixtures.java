package org.lucarne.bridge.rtp;

/** RTP packets laid out field by field after RFC 3550 §5.1 and RFC 8285 §4. */
final class RtpFixtures {

    private RtpFixtures() {
    }

    /** V=2, PT 96, seq 0x1234, ts 4096, SSRC deadbeef, payload 01 02 03. */
    static final String BASIC = "80 60 1234 00001000 deadbeef 010203";

    /** Marker, PT 111, two CSRCs, payload aa. */
    static final String CSRCS = "82 ef 0001 00000002 00000003 11111111 22222222 aa";

    /** One-byte extension block: id 1 (1 byte aa), id 2 (2 bytes bbcc), 3 padding bytes. */
    static final String ONE_BYTE_EXT = "90 6f 0001 00000001 11111111 bede 0002 10aa 21bbcc 000000 ff";

    /** Two-byte extension block: id 5 (empty), id 1 (1 byte aa), 3 padding bytes. */
    static final String TWO_BYTE_EXT = "90 6f 0001 00000001 11111111 1000 0002 0500 0101aa 000000 ff";

    /** Extension with a profile of no RFC 8285 form: opaque, one word. */
    static final String OTHER_PROFILE_EXT = "90 6f 0001 00000001 11111111 abcd 0001 01020304 ff";

    /** Padding bit, payload 0102 then 3 bytes of padding. */
    static final String PADDED = "a0 60 0001 00000001 00000001 0102 000003";

    /** One-byte block where id 15 stops processing; the bytes after it are not elements. */
    static final String ONE_BYTE_STOP = "90 6f 0001 00000001 11111111 bede 0001 10aa ff 33";

    static final String[] VALID = {BASIC, CSRCS, ONE_BYTE_EXT, TWO_BYTE_EXT, OTHER_PROFILE_EXT,
        PADDED, ONE_BYTE_STOP};
}
