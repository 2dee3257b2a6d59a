package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.storage.StorageContract;

/** What {@link PendingLogins} promises on every dialect. */
abstract class PendingLoginsContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private PendingLogins at(Instant when) {
        return new PendingLogins(db, Clock.fixed(when, ZoneOffset.UTC), new SecureRandom());
    }

    @Test
    void startedLoginIsTakenOnceWithWhatItWasStartedWith() {
        PendingLogin started = at(NOW).start();
        Optional<PendingLogin> taken = at(NOW.plusSeconds(30)).take(started.state());
        assertEquals(Optional.of(started), taken);
        assertEquals(Optional.empty(), at(NOW.plusSeconds(31)).take(started.state()), "a second answer finds nothing");
    }

    @Test
    void eachLoginHasFreshHighEntropyValues() {
        PendingLogin a = at(NOW).start();
        PendingLogin b = at(NOW).start();
        for (PendingLogin p : List.of(a, b)) {
            for (String v : List.of(p.state(), p.nonce(), p.codeVerifier())) {
                // RFC 7636 §4.1: 43 characters of the unreserved set; 256 random bits.
                assertTrue(v.matches("[A-Za-z0-9_-]{43}"), v);
            }
        }
        assertNotEquals(a.state(), b.state());
        assertNotEquals(a.nonce(), b.nonce());
        assertNotEquals(a.codeVerifier(), b.codeVerifier());
        assertNotEquals(a.state(), a.nonce());
    }

    @Test
    void loginOverTenMinutesOldIsNotTaken() {
        PendingLogin started = at(NOW).start();
        assertEquals(Optional.empty(), at(NOW.plus(PendingLogins.LIFETIME)).take(started.state()));
        PendingLogin other = at(NOW).start();
        assertTrue(at(NOW.plus(PendingLogins.LIFETIME).minusMillis(1)).take(other.state()).isPresent());
    }

    @Test
    void unknownOrOddStateFindsNothing() {
        at(NOW).start();
        PendingLogins logins = at(NOW);
        assertEquals(Optional.empty(), logins.take("no-such-state"));
        assertEquals(Optional.empty(), logins.take(""));
        assertEquals(Optional.empty(), logins.take("x".repeat(10_000)));
        assertEquals(Optional.empty(), logins.take("' OR 1=1 --"));
    }

    @Test
    void onlyTheHashOfTheStateIsStored() throws Exception {
        PendingLogin started = at(NOW).start();
        List<String> stored = db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT state_hash FROM sso_login");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertEquals(List.of(PendingLogins.hash(started.state())), stored);
        assertFalse(stored.contains(started.state()));
    }

    @Test
    void expiredLoginsArePurgedWhenOthersStart() {
        at(NOW).start();
        at(NOW).start();
        assertEquals(2, at(NOW).inProgress());
        at(NOW.plus(PendingLogins.LIFETIME).plusSeconds(1)).start();
        int rows = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sso_login");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(1, rows);
    }

    @Test
    void twoAnswersWithTheSameStateAtOnceGiveOneSignIn() throws Exception {
        PendingLogin started = at(NOW).start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Optional<PendingLogin>>> takers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                takers.add(() -> at(NOW.plus(Duration.ofSeconds(5))).take(started.state()));
            }
            int taken = 0;
            for (Future<Optional<PendingLogin>> f : pool.invokeAll(takers)) {
                taken += f.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, taken);
        } finally {
            pool.shutdownNow();
        }
    }
}
