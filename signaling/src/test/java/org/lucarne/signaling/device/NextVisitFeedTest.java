package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.call.CallPeer;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.testing.ManualClock;
import org.lucarne.testing.ManualScheduler;

/**
 * When a kiosk hears of its next visit: at once when greeted, after a change in its ward when the answer
 * differs, and when the visit it knows is over; on a real database, the server's timers replaced by a
 * manual scheduler and its pool by the caller's thread.
 */
class NextVisitFeedTest extends StorageContract {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final ManualScheduler timers = new ManualScheduler(new ManualClock(NOW));
    private final PersonalData keys = SealedRows.newKeys();
    private NextVisitFeed feed;
    private Visits visits;

    /** A socket as the feed sees it: the frames sent to it. */
    private record Kiosk(String id, Optional<String> tablet, List<Message> heard) implements CallPeer {
        Kiosk(String id, String tablet) {
            this(id, Optional.ofNullable(tablet), new ArrayList<>());
        }

        @Override
        public String address() {
            return "127.0.0.1";
        }

        @Override
        public void send(Message message) {
            heard.add(message);
        }

        Message.NextVisit last() {
            return (Message.NextVisit) heard.get(heard.size() - 1);
        }
    }

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }

    /** Two wards of a bed and a tablet each; Jean visits the patient of ward "a". */
    @BeforeEach
    void twoWards() {
        db.inTransaction(c -> {
            for (String w : List.of("a", "b")) {
                sql(c, "INSERT INTO ward (id, name) VALUES ('" + w + "', 'Ward " + w + "')");
                sql(c, "INSERT INTO bed (id, ward_id, label) VALUES ('bed-" + w + "', '" + w + "', 'Bed 1')");
                sql(c, "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('t-" + w + "', 'bed-" + w
                        + "', 'Tablet', 0)");
                SealedRows.patient(c, keys, "p-" + w, "bed-" + w, "Patient " + w);
            }
            SealedRows.contact(c, keys, "jean", "p-a", "Jean", 1);
            return null;
        });
        visits = new Visits(db, timers.clock());
        feed = new NextVisitFeed(new NextVisits(db, keys, timers.clock()), timers.clock(), timers, Runnable::run);
    }

    private static void sql(java.sql.Connection c, String statement) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }

    private Visit book(String ward, Duration in) {
        return visits.create(NewVisit.lasting("p-" + ward, "t-" + ward, NOW.plus(in), Duration.ofMinutes(30), false));
    }

    @Test
    void aGreetedKioskHearsItsWardAndLanguageAtOnce() {
        Kiosk k = new Kiosk("s-1", "t-a");
        feed.greeted(k);
        assertEquals(List.of(Message.NextVisit.none("Ward a", "fr")), k.heard());
    }

    @Test
    void aBrowserOrAConsoleHearsNothing() {
        Kiosk family = new Kiosk("s-1", null);
        feed.greeted(family);
        feed.wardChanged("a");
        assertTrue(family.heard().isEmpty(), family.heard().toString());
    }

    @Test
    void aBookingIsToldToTheWardsKiosksOnlyAndOnlyWhenItChangesWhatTheyShow() {
        Kiosk a = new Kiosk("s-1", "t-a");
        Kiosk b = new Kiosk("s-2", "t-b");
        feed.greeted(a);
        feed.greeted(b);
        Visit v = book("a", Duration.ofHours(1));
        feed.wardChanged("a");
        assertEquals(2, a.heard().size(), a.heard().toString());
        assertEquals(v.id(), a.last().visit());
        assertEquals(v.startsAt().toEpochMilli(), a.last().startsAt());
        assertEquals(1, b.heard().size(), "another ward's kiosk hears nothing");
        feed.wardChanged("a");
        assertEquals(2, a.heard().size(), "nothing new, nothing sent");
    }

    @Test
    void whenTheVisitItKnowsIsOverTheKioskHearsTheNextOne() {
        Visit first = book("a", Duration.ofHours(1));
        Visit second = book("a", Duration.ofHours(3));
        Kiosk k = new Kiosk("s-1", "t-a");
        feed.greeted(k);
        assertEquals(first.id(), k.last().visit());
        timers.advanceTo(first.endsAt().minusMillis(1));
        assertEquals(1, k.heard().size(), "not before its end");
        timers.advanceTo(first.endsAt());
        assertEquals(second.id(), k.last().visit());
        timers.advanceTo(second.endsAt());
        assertNull(k.last().visit(), "nothing booked any more");
        assertEquals(0, timers.pending(), "no timer left");
    }

    @Test
    void aClosedKioskHearsNothingMoreAndLeavesNoTimer() {
        book("a", Duration.ofHours(1));
        Kiosk k = new Kiosk("s-1", "t-a");
        feed.greeted(k);
        feed.closed(k);
        book("a", Duration.ofMinutes(20));
        feed.wardChanged("a");
        assertEquals(1, k.heard().size());
        assertEquals(0, timers.pending());
    }
}
