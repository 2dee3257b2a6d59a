package org.lucarne.signaling.staff;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Slows down guessing: failed sign-in attempts (a wrong password, a wrong code) are counted per
 * account, keyed by the username's blind index whether the account exists or not, and per address.
 * From the {@code threshold}-th failure within the window, every further attempt must wait
 * 2^(n − threshold) seconds after the last failure (n failures so far), at most {@link #CAP}; it is
 * refused without checking anything ({@code 429 too_many_attempts}). A count falls back to zero after
 * {@link #WINDOW} without a failure once its wait is over (so a guesser at the cap keeps the cap); a
 * complete sign-in resets its account's count.
 *
 * <p>Addresses get a higher threshold than accounts: a ward's PCs often reach the server through
 * one address (NAT, proxy), and one nurse's typos must not lock the ward out.
 *
 * <p>Counts are in memory, at most {@value #MAX_KEYS} keys of each kind (the least recently used go
 * first), read with the injected clock. Each signaling node keeps its own: with several nodes an
 * attacker's budget is multiplied by their number.
 */
public final class SignInThrottle {
    public static final int ACCOUNT_THRESHOLD = 5;
    public static final int ADDRESS_THRESHOLD = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration CAP = Duration.ofMinutes(15);
    static final long MAX_KEYS = 100_000;

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final int accountThreshold;
    private final int addressThreshold;
    private final Cache<String, Failures> accounts;
    private final Cache<String, Failures> addresses;

    public SignInThrottle(Clock clock) {
        this(clock, ACCOUNT_THRESHOLD, ADDRESS_THRESHOLD);
    }

    public SignInThrottle(Clock clock, int accountThreshold, int addressThreshold) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accountThreshold = accountThreshold;
        this.addressThreshold = addressThreshold;
        this.accounts = cache(clock);
        this.addresses = cache(clock);
    }

    private static Cache<String, Failures> cache(Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                // a count matters at most the cap plus the window after its last failure
                .expireAfterWrite(WINDOW.plus(CAP).toMinutes(), TimeUnit.MINUTES)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** How long until an attempt for this account from this address may be checked; empty: now. */
    public OptionalLong retryAfterSeconds(String accountKey, String address) {
        Instant now = clock.instant();
        long wait = Math.max(waitMillis(accounts.getIfPresent(accountKey), accountThreshold, now),
                waitMillis(address == null ? null : addresses.getIfPresent(address), addressThreshold, now));
        return wait <= 0 ? OptionalLong.empty() : OptionalLong.of((wait + 999) / 1000);
    }

    public void failed(String accountKey, String address) {
        Instant now = clock.instant();
        accounts.asMap().compute(accountKey, (k, f) -> next(f, now, accountThreshold));
        if (address != null) {
            addresses.asMap().compute(address, (k, f) -> next(f, now, addressThreshold));
        }
    }

    /** A complete sign-in: the account starts afresh (its address does not). */
    public void succeeded(String accountKey) {
        accounts.invalidate(accountKey);
    }

    private Failures next(Failures f, Instant now, int threshold) {
        boolean fresh = f == null || !now.isBefore(f.last().plusMillis(delayMillis(f.count(), threshold)).plus(WINDOW));
        return new Failures(fresh ? 1 : f.count() + 1, now);
    }

    private static long waitMillis(Failures f, int threshold, Instant now) {
        if (f == null) {
            return 0;
        }
        return Math.max(0, Duration.between(now, f.last().plusMillis(delayMillis(f.count(), threshold))).toMillis());
    }

    /** The wait after {@code count} failures: none under the threshold, then 1 s, 2 s, 4 s … up to the cap. */
    private static long delayMillis(int count, int threshold) {
        if (count < threshold) {
            return 0;
        }
        int exponent = Math.min(count - threshold, 30);
        return Math.min(Duration.ofSeconds(1L << exponent).toMillis(), CAP.toMillis());
    }
}
