package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The round trip to a receiver from the SRs the bridge forwards it and its report blocks' LSR and DLSR. */
class RoundTripsTest {
    /** An NTP time whose middle 32 bits are {@code middle}. */
    private static long ntp(long middle) {
        return 0x1234_0000_0000_0000L | middle << 16 | 0xABCD;
    }

    private final RoundTrips trips = new RoundTrips();

    @Test
    void theRoundTripIsTheTimeSinceTheSrLessWhatTheReceiverHeldIt() {
        trips.forwarded(ntp(0x5678_9ABCL), 10_000);
        assertEquals(200, trips.report(0x5678_9ABCL, 65_536 / 2, 10_700), "700 ms later, held 500 ms");
        assertEquals(0, trips.queueingMillis(), "the first is the least");
    }

    @Test
    void queueingIsWhatTheRoundTripGainedOnTheLeastSeen() {
        trips.forwarded(ntp(1), 0);
        trips.report(1, 0, 200);
        trips.forwarded(ntp(2), 1000);
        trips.report(2, 0, 1450);
        assertEquals(250, trips.queueingMillis());
        trips.forwarded(ntp(3), 2000);
        trips.report(3, 0, 2210);
        assertEquals(10, trips.queueingMillis());
    }

    @Test
    void theLeastIsLearntAgainAfterThirtySeconds() {
        trips.forwarded(ntp(1), 0);
        trips.report(1, 0, 20);
        trips.forwarded(ntp(2), RoundTrips.BASE_MILLIS);
        trips.report(2, 0, RoundTrips.BASE_MILLIS + 300);
        assertEquals(0, trips.queueingMillis(), "a longer path, after a network change");
    }

    @Test
    void reportsOfUnknownOrNoSrGiveNothing() {
        trips.forwarded(ntp(7), 0);
        assertEquals(-1, trips.report(0, 0, 100), "LSR 0: no SR received yet");
        assertEquals(-1, trips.report(8, 0, 100), "an SR the bridge does not remember");
        assertEquals(-1, trips.report(7, 65_536 * 10, 100), "held longer than it took: a bad DLSR");
        assertEquals(-1, trips.queueingMillis());
    }

    @Test
    void onlyTheLastSrsAreRemembered() {
        for (int i = 1; i <= RoundTrips.KEPT + 1; i++) {
            trips.forwarded(ntp(i), i);
        }
        assertEquals(-1, trips.report(1, 0, 1000), "overwritten");
        assertEquals(1000 - RoundTrips.KEPT - 1, trips.report(RoundTrips.KEPT + 1, 0, 1000));
    }
}
