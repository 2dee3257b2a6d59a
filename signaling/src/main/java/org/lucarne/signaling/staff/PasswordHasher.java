package org.lucarne.signaling.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes: Argon2id (RFC 9106) with Bouncy Castle, stored as a PHC string that names its
 * parameters ({@code $argon2id$v=19$m=47104,t=2,p=1$<salt>$<hash>}, base64 without padding), so they
 * can be raised later: a hash made with lower ones is {@link Verification#needsRehash()} at its next
 * successful check. Passwords are NFKC-normalized first, so the same password typed on another
 * keyboard matches.
 *
 * <p>Each hash holds {@code m} KiB of memory for a few tens of milliseconds: at most
 * {@code maxConcurrent} run at once, so a burst of sign-ins cannot exhaust the heap.
 */
public final class PasswordHasher {
    /** Argon2id's cost: memory in KiB, passes, lanes. */
    public record Parameters(int memoryKiB, int iterations, int parallelism) {
        public Parameters {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1 || memoryKiB > 1 << 20
                    || iterations > 64 || parallelism > 16) {
                throw new IllegalArgumentException("Argon2 parameters out of range: m=" + memoryKiB + " t=" + iterations
                        + " p=" + parallelism);
            }
        }

        boolean below(Parameters other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations || parallelism < other.parallelism;
        }
    }

    /**
     * OWASP's Password Storage Cheat Sheet lists m=47104 (46 MiB), t=1 as one of its equivalent
     * minimums; two passes make it stronger and take about 80 ms on a 2-core server.
     */
    public static final Parameters DEFAULT = new Parameters(47_104, 2, 1);
    /** OWASP's lowest minimum (m=19 MiB, t=2, p=1): nothing weaker is accepted from the database. */
    public static final Parameters FLOOR = new Parameters(19_456, 2, 1);

    /** The answer of {@link #verify}. */
    public record Verification(boolean matches, boolean needsRehash) { }

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([0-9]{1,7}),t=([0-9]{1,2}),p=([0-9]{1,2})\\$([A-Za-z0-9+/]{22,86})\\$([A-Za-z0-9+/]{43,86})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Parameters current;
    private final SecureRandom random;
    private final Semaphore slots;
    private final LongAdder computed = new LongAdder();
    /** The salt of the dummy check: random, so its work cannot be skipped from a table. */
    private final byte[] dummySalt = new byte[SALT_BYTES];

    public PasswordHasher(Parameters current, SecureRandom random, int maxConcurrent) {
        this.current = Objects.requireNonNull(current, "current");
        this.random = Objects.requireNonNull(random, "random");
        this.slots = new Semaphore(Math.max(1, maxConcurrent), true);
        random.nextBytes(dummySalt);
    }

    /** The server's hasher: {@link #DEFAULT}, as many at once as there are processors (at least 2). */
    public static PasswordHasher standard() {
        return new PasswordHasher(DEFAULT, new SecureRandom(), Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public Parameters current() {
        return current;
    }

    /** A new hash of {@code password} with the current parameters and a random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] h = argon2(current, salt, password, HASH_BYTES);
        return "$argon2id$v=19$m=" + current.memoryKiB() + ",t=" + current.iterations() + ",p="
                + current.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(h);
    }

    /**
     * Checks {@code password} against a stored hash. A hash this class cannot read, or one with
     * parameters under {@link #FLOOR} (a tampered row), never matches, after the same work as any check.
     */
    public Verification verify(String stored, String password) {
        Matcher m = stored == null ? null : PHC.matcher(stored);
        Parameters p = null;
        if (m != null && m.matches()) {
            try {
                p = new Parameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            } catch (IllegalArgumentException e) {
                p = null;
            }
        }
        if (p == null || p.below(FLOOR)) {
            verifyDummy(password);
            return new Verification(false, false);
        }
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = argon2(p, salt, password, expected.length);
        boolean matches = MessageDigest.isEqual(expected, actual);
        return new Verification(matches, matches && (p.below(current) || salt.length < SALT_BYTES
                || expected.length < HASH_BYTES));
    }

    /**
     * The work of a check against a hash of the current parameters, for an unknown user or one with
     * no password: the answer takes as long as for a wrong password, and is always no.
     */
    public void verifyDummy(String password) {
        argon2(current, dummySalt, password, HASH_BYTES);
    }

    /** How many Argon2 computations this hasher ran: tests check that a refusal did the work. */
    public long computations() {
        return computed.sum();
    }

    private byte[] argon2(Parameters p, byte[] salt, String password, int length) {
        byte[] pw = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .build());
        byte[] out = new byte[length];
        slots.acquireUninterruptibly();
        try {
            g.generateBytes(pw, out);
            computed.increment();
            return out;
        } finally {
            slots.release();
            Arrays.fill(pw, (byte) 0);
        }
    }
}
