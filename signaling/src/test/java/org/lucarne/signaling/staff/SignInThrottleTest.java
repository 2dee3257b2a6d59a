package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.invite.MutableClock;

class SignInThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock);

    private void fail(int times, String account, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address);
        }
    }

    @Test
    void fromTheFifthFailureEachAttemptWaitsTwiceAsLongUpToFifteenMinutes() {
        fail(4, "acct", "10.0.0.1");
        assertEquals(OptionalLong.empty(), throttle.retryAfterSeconds("acct", "10.0.0.1"));
        long[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900};
        for (long wait : expected) {
            fail(1, "acct", "10.0.0.1");
            assertEquals(OptionalLong.of(wait), throttle.retryAfterSeconds("acct", "10.0.0.1"));
            clock.advance(Duration.ofSeconds(wait - 1));
            assertEquals(OptionalLong.of(1), throttle.retryAfterSeconds("acct", "10.0.0.1"));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(OptionalLong.empty(), throttle.retryAfterSeconds("acct", "10.0.0.1"));
        }
    }

    @Test
    void countsFallBackAfterFifteenQuietMinutesAndASignInResetsTheAccount() {
        fail(5, "acct", "10.0.0.1");
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        fail(1, "acct", "10.0.0.1");
        assertEquals(OptionalLong.empty(), throttle.retryAfterSeconds("acct", "10.0.0.1"), "a new window");
        fail(4, "acct", "10.0.0.1");
        throttle.succeeded("acct");
        assertEquals(OptionalLong.empty(), throttle.retryAfterSeconds("acct", "10.0.0.2"));
    }

    @Test
    void anAddressIsSlowedDownAcrossAccountsButLater() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("acct" + i, "10.0.0.9");
        }
        assertEquals(OptionalLong.empty(), throttle.retryAfterSeconds("another", "10.0.0.9"), "a ward behind one NAT");
        throttle.failed("acct19", "10.0.0.9");
        assertEquals(OptionalLong.of(1), throttle.retryAfterSeconds("another", "10.0.0.9"));
        assertEquals(OptionalLong.empty(), throttle.retryAfterSeconds("another", "10.0.0.10"));
    }
}
