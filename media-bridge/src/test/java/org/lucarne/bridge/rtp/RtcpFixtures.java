package org.lucarne.bridge.rtp;

/** RTCP packets laid out field by field after RFC 3550 §6.4–6.6, RFC 4585, RFC 5104 and REMB. */
final class RtcpFixtures {

    private RtcpFixtures() {
    }

    /** SR, no blocks: SSRC 11223344, NTP e0000000.80000000, RTP ts 4096, 10 packets, 1000 octets. */
    static final String SR = "80 c8 0006 11223344 e0000000 80000000 00001000 0000000a 000003e8";

    /** One report block: SSRC 55667788, 64/256 lost, cumulative -2, ext seq 0x10010, jitter 32. */
    static final String BLOCK = "55667788 40 fffffe 00010010 00000020 12345678 00010000";

    static final String SR_WITH_BLOCK =
            "81 c8 000c 11223344 e0000000 80000000 00001000 0000000a 000003e8 " + BLOCK;

    static final String RR = "81 c9 0007 11223344 " + BLOCK;

    /** SDES with one chunk: CNAME "abcdefghijklmnop", null terminator, one pad byte. */
    static final String SDES = "81 ca 0006 11223344 01 10 6162636465666768696a6b6c6d6e6f70 00 00";

    /** BYE from 11223344 with reason "bye". */
    static final String BYE = "81 cb 0002 11223344 03 627965";

    /** Generic NACK, PID 100, BLP 0b101: 100, 101 and 103 lost. */
    static final String NACK = "81 cd 0003 00000001 00000002 0064 0005";

    /** Transport-cc feedback: recognised only. */
    static final String TRANSPORT_CC = "8f cd 0004 00000001 00000002 00010001 00000000";

    static final String PLI = "81 ce 0002 00000001 00000002";

    /** FIR to SSRC 00000003, command sequence number 7. */
    static final String FIR = "84 ce 0004 00000001 00000000 00000003 07 000000";

    /** REMB: exponent 2, mantissa 1000 (4000 bit/s), for SSRC 00000003. */
    static final String REMB = "8f ce 0005 00000001 00000000 52454d42 01 0803e8 00000003";

    /** RR then SDES, as a browser sends them (RFC 3550 §6.1). */
    static final String COMPOUND = RR + " " + SDES;

    /** An RR whose last 4 bytes are padding, last in its compound. */
    static final String PADDED_RR_LAST = SDES + " a0 c9 0002 11223344 00000004";

    static final String[] VALID = {SR, SR_WITH_BLOCK, RR, SDES, BYE, NACK, TRANSPORT_CC, PLI,
        FIR, REMB, COMPOUND, PADDED_RR_LAST};
}
