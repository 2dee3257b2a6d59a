package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.storage.StorageException;
import org.lucarne.testing.ManualScheduler;

class RevokedTabletsTest {
    private final ManualScheduler timers = ManualScheduler.startingNow();
    private final Set<String> inDatabase = new HashSet<>(Set.of("tab-a"));
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final RevokedTablets revoked = new RevokedTablets(() -> {
        if (databaseDown.get()) {
            throw new StorageException("connection refused", null);
        }
        return Set.copyOf(inDatabase);
    });

    @Test
    void theDatabasesListIsReadAtStartAndAgainEveryRefresh() {
        revoked.start(timers);
        assertTrue(revoked.contains("tab-a"));
        inDatabase.add("tab-b"); // another node revoked it
        assertFalse(revoked.contains("tab-b"));
        timers.advance(RevokedTablets.REFRESH);
        assertTrue(revoked.contains("tab-b"));
    }

    @Test
    void aRevocationOnThisNodeCountsAtOnceAndItsConnectionsAreClosed() {
        revoked.start(timers);
        List<String> closed = new ArrayList<>();
        revoked.onRevoked(closed::add);
        revoked.revoked("tab-c");
        assertTrue(revoked.contains("tab-c"));
        assertEquals(List.of("tab-c"), closed);
    }

    @Test
    void nothingIsForgottenWhenTheDatabaseFailsOrLagsBehind() {
        revoked.start(timers);
        revoked.revoked("tab-c"); // committed, but a replica read may not show it yet
        databaseDown.set(true);
        timers.advance(RevokedTablets.REFRESH);
        assertTrue(revoked.contains("tab-a") && revoked.contains("tab-c"));
        databaseDown.set(false);
        timers.advance(RevokedTablets.REFRESH);
        assertTrue(revoked.contains("tab-a") && revoked.contains("tab-c"));
        assertEquals(List.of(), timers.failures());
    }

    @Test
    void stoppedItReadsNoMore() {
        revoked.start(timers);
        revoked.stop();
        inDatabase.add("tab-d");
        timers.advance(Duration.ofMinutes(5));
        assertFalse(revoked.contains("tab-d"));
    }
}
