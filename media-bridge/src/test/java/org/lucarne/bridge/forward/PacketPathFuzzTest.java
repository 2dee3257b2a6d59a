package org.lucarne.bridge.forward;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.Arrays;
import org.lucarne.bridge.srtp.SrtpResult;
import org.lucarne.bridge.srtp.SrtpStatus;
import org.lucarne.testing.ManualClock;

/**
 * Any bytes an endpoint sends go through parse → route (and RTCP termination, rewrite, cache,
 * send) and end forwarded or counted: no exception escapes a stage. The decrypt and encrypt
 * stages are a null cipher here, so that the fuzzer reaches the parsers with plaintext.
 *
 * <p>Seeds in {@code PacketPathFuzzTestInputs}: RTP from an announced SSRC with a header
 * extension, and RTCP SR, PLI, FIR, NACK and REMB about the other endpoints' SSRCs.
 */
class PacketPathFuzzTest {
    private static final PacketProtection NULL_CIPHER = new PacketProtection() {
        @Override
        public SrtpResult protectRtp(byte[] p, int off, int len) {
            return copy(p, off, len);
        }

        @Override
        public SrtpResult unprotectRtp(byte[] p, int off, int len) {
            return copy(p, off, len);
        }

        @Override
        public SrtpResult protectRtcp(byte[] p, int off, int len) {
            return copy(p, off, len);
        }

        @Override
        public SrtpResult unprotectRtcp(byte[] p, int off, int len) {
            return copy(p, off, len);
        }

        private SrtpResult copy(byte[] p, int off, int len) {
            return new SrtpResult(SrtpStatus.OK, Arrays.copyOfRange(p, off, off + len), "");
        }
    };

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    private static final ForwardingStats STATS = new ForwardingStats();
    private static final ConferenceRouter ROUTER = new ConferenceRouter("fuzz", TestConference.FEEDBACK, STATS,
            Runnable::run, CLOCK);
    private static final RouterEndpoint A = endpoint("a", 1111, 2222, 3);
    private static final RouterEndpoint B = endpoint("b", 3333, 4444, 5);

    static {
        endpoint("c", 5555, 6666, 3);
    }

    private static RouterEndpoint endpoint(String id, long audio, long video, int extensionId) {
        RouterEndpoint e = ROUTER.addEndpoint(id, (d, off, len) -> {
            if (off < 0 || len < 0 || off + len > d.length) {
                throw new AssertionError("sent a range outside its array");
            }
        });
        e.setSources(TestConference.sources(id, audio, video));
        e.setMedias(TestConference.medias(111, 100 + extensionId, 101 + extensionId, extensionId));
        e.connected(NULL_CIPHER);
        return e;
    }

    @FuzzTest(maxDuration = "60s")
    void anyDatagramIsForwardedOrCountedNeverThrown(byte[] data) {
        CLOCK.advanceMillis(7);
        (data.length > 0 && (data[data.length - 1] & 1) == 1 ? B : A).received(data, System.nanoTime());
        if (STATS.snapshot().dropped(ForwardingStats.INTERNAL_ERROR) != 0) {
            throw new AssertionError("a stage threw on " + Arrays.toString(data));
        }
    }
}
