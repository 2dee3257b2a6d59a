package org.lucarne.signaling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.NotifySettings;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.JoinDecision;
import org.lucarne.signaling.visit.JoinRules;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.testing.ManualClock;

/**
 * Messages to families on every dialect, without a server: what booking queues, when reminders fall due
 * (across summer time), what moving and cancelling a visit tell whom, the outbox, claims between nodes,
 * and what is forgotten once the visit is over. The dispatcher runs on the test's thread.
 */
abstract class NotificationsContract extends StorageContract {
    static final NotifySettings OUTBOX_ONLY = new NotifySettings(Optional.empty(), Optional.empty(), Optional.empty(),
            new NotifySettings.Retry(6, Duration.ofSeconds(30), Duration.ofHours(1)), Duration.ofSeconds(5));
    static final String ORIGIN = "https://visites.chu.example";

    @TempDir
    Path dir;
    private ManualClock clock;
    private PersonalData data;
    private Notifications notify;
    private Family.Ids ids;

    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(Family.PARIS).toInstant();
    }

    @BeforeEach
    void setUp() {
        clock = new ManualClock(paris("2026-03-20T10:00"));
        data = SealedRows.newKeys();
        notify = notifications(dir.resolve("outbox"), Runnable::run);
        WardSettingsStore wards = new WardSettingsStore(db, clock, Family.PARIS);
        ids = db.inTransaction(c -> Family.seed(c, data, wards, "n", clock.millis()));
    }

    private Notifications notifications(Path outbox, java.util.concurrent.Executor executor) {
        return Notifications.create(OUTBOX_ONLY, outbox, db, data, new AuditTrail(db, clock), clock, () -> ORIGIN,
                Family.PARIS, executor);
    }

    private Visit book(Instant start, Duration length, String... contacts) {
        Visit v = new Visits(db, clock).create(NewVisit.lasting(ids.patient(), ids.tablet(), start, length, false));
        db.inTransaction(c -> notify.invitations().issue(c, v, List.of(contacts), "staff:nurse"));
        return v;
    }

    private List<MessageRow> rows(String visitId) {
        return db.inTransaction(c -> new Messages(new java.security.SecureRandom()).ofVisit(c, visitId));
    }

    private List<MessageRow> rows(String visitId, String contactId) {
        return rows(visitId).stream().filter(m -> m.contactId().equals(contactId)).toList();
    }

    private InviteLinks links() {
        return new InviteLinks(data, () -> ORIGIN, new org.lucarne.signaling.invite.Invites(db, clock),
                new Visits(db, clock));
    }

    private void round() {
        notify.dispatcher().kick();
    }

    private String outboxFile(String messageId) throws IOException {
        return Files.readString(dir.resolve("outbox").resolve(messageId + ".txt"));
    }

    @Test
    void bookingQueuesTheInviteAtOnceAndTheWardsRemindersAcrossSummerTime() {
        Visit v = book(paris("2026-03-29T15:00"), Duration.ofMinutes(30), ids.jean());
        List<MessageRow> m = rows(v.id());
        assertEquals(List.of(MessageKind.INVITE, MessageKind.REMINDER, MessageKind.REMINDER),
                m.stream().map(MessageRow::kind).toList());
        assertEquals(clock.instant(), m.get(0).dueAt());
        // 24 h before 15:00 on the day summer time starts is 15:00 the day before: 23 hours earlier.
        assertEquals(paris("2026-03-28T15:00"), m.get(1).dueAt());
        assertEquals(paris("2026-03-29T14:45"), m.get(2).dueAt());
        assertTrue(m.stream().allMatch(x -> x.status() == MessageStatus.PENDING && x.channel() == Channel.OUTBOX));
    }

    @Test
    void remindersAlreadyPastWhenBookingAreNotQueued() {
        Visit v = book(clock.instant().plus(Duration.ofMinutes(20)), Duration.ofMinutes(15), ids.jean());
        assertEquals(List.of(MessageKind.INVITE, MessageKind.REMINDER), rows(v.id()).stream().map(MessageRow::kind)
                .toList());
        assertEquals(clock.instant().plus(Duration.ofMinutes(5)), rows(v.id()).get(1).dueAt());
    }

    @Test
    void theInviteAdmitsFromTheStartToTheEnd() {
        Instant start = paris("2026-03-20T15:00");
        Visit v = new Visits(db, clock).create(NewVisit.lasting(ids.patient(), ids.tablet(), start,
                Duration.ofMinutes(30), false));
        List<Invite> invites = db.inTransaction(c -> notify.invitations().issue(c, v, List.of(ids.jean(), ids.lou()),
                "staff:nurse"));
        assertEquals(2, invites.size());
        Invite jean = invites.get(0);
        assertEquals(start, jean.details().notBefore());
        assertEquals(v.endsAt(), jean.details().notAfter());
        assertTrue(jean.link(ORIGIN).startsWith(ORIGIN + "/v/" + jean.id().value() + "#"));
        clock.set(start);
        JoinDecision d = new JoinRules(db, clock).family(jean.id().value());
        assertTrue(d instanceof JoinDecision.Admitted a && a.visit().id().equals(v.id()), d.toString());
    }

    @Test
    void theInviteGoesToTheOutboxOwnerOnlyWithTheLinkAndTheTimeInTheWardsZone() throws IOException {
        Visit v = book(paris("2026-03-29T15:00"), Duration.ofMinutes(30), ids.jean());
        round();
        MessageRow sent = rows(v.id()).get(0);
        assertEquals(MessageStatus.SENT, sent.status());
        assertEquals(Channel.OUTBOX, sent.channel());
        String file = outboxFile(sent.id());
        assertTrue(file.contains("To: Jean Dupont <" + Family.JEAN_EMAIL + ">"), file);
        assertTrue(file.contains("Subject: Visite vidéo avec Marie le dimanche 29 mars à 15h00"), file);
        assertTrue(file.contains("le dimanche 29 mars, de 15h00 à 15h30 (heure de Paris)"), file);
        String link = db.inTransaction(c -> links()
                .link(c, sent.inviteIdHash().orElseThrow())).orElseThrow();
        assertTrue(file.contains("\n" + link + "\n"), file);
        Path outbox = dir.resolve("outbox");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox.resolve(sent.id()
                + ".txt"))));
        assertEquals(MessageStatus.PENDING, rows(v.id()).get(1).status(), "the reminders wait for their time");
    }

    @Test
    void reminderGoesAtItsTimeAndNotBefore() throws IOException {
        Visit v = book(paris("2026-03-29T15:00"), Duration.ofMinutes(30), ids.lou());
        round();
        MessageRow dayBefore = rows(v.id()).get(1);
        clock.set(dayBefore.dueAt().minusMillis(1));
        round();
        assertEquals(MessageStatus.PENDING, rows(v.id()).get(1).status());
        clock.set(dayBefore.dueAt());
        round();
        assertEquals(MessageStatus.SENT, rows(v.id()).get(1).status());
        String file = outboxFile(dayBefore.id());
        assertTrue(file.contains("To: Lou Martin <" + Family.LOU_PHONE + ">"), file);
        assertTrue(file.contains("Reminder: video visit with Marie on Sunday 29 March at 15:00 (Paris time)."), file);
        assertEquals(MessageStatus.PENDING, rows(v.id()).get(2).status());
    }

    @Test
    void aContactWhoWantsNoMessageGetsAnInviteButNoMessage() {
        Visit v = book(paris("2026-03-29T15:00"), Duration.ofMinutes(30), ids.paul());
        assertEquals(List.of(), rows(v.id()));
        assertEquals(1L, count("SELECT COUNT(*) FROM visit_invite WHERE visit_id = ?", v.id()));
    }

    @Test
    void anotherPatientsContactIsRefused() {
        Family.Ids other = db.inTransaction(c -> Family.seed(c, data, new WardSettingsStore(db, clock, Family.PARIS),
                "o", 0));
        Visit v = new Visits(db, clock).create(NewVisit.lasting(ids.patient(), ids.tablet(), paris("2026-03-20T15:00"),
                Duration.ofMinutes(30), false));
        assertThrows(IllegalArgumentException.class, () -> db.inTransaction(c -> notify.invitations().issue(c, v,
                List.of(ids.jean(), other.jean()), "staff:nurse")));
        assertEquals(0L, count("SELECT COUNT(*) FROM visit_invite WHERE visit_id = ?", v.id()), "nothing half-written");
    }

    @Test
    void movingTheVisitTellsThoseWhoHeardAndInvitesThoseWhoHadNot() throws IOException {
        Visit before = book(paris("2026-03-29T15:00"), Duration.ofMinutes(30), ids.jean());
        round();
        db.inTransaction(c -> notify.invitations().issue(c, before, List.of(ids.lou()), "staff:nurse"));
        Visit after = move(before, paris("2026-03-30T11:00"));

        List<MessageRow> jean = rows(before.id(), ids.jean());
        assertEquals(List.of(MessageKind.INVITE), kinds(jean, MessageStatus.SENT));
        assertEquals(List.of(MessageKind.REMINDER, MessageKind.REMINDER), kinds(jean, MessageStatus.CANCELLED));
        assertTrue(jean.stream().filter(m -> m.status() == MessageStatus.CANCELLED)
                .allMatch(m -> m.errorCode().equals(Optional.of("replaced"))), jean.toString());
        assertEquals(List.of(MessageKind.REMINDER, MessageKind.REMINDER, MessageKind.RESCHEDULED),
                kinds(jean, MessageStatus.PENDING));
        assertEquals(List.of(clock.instant(), paris("2026-03-29T11:00"), paris("2026-03-30T10:45")),
                jean.stream().filter(m -> m.status() == MessageStatus.PENDING).map(MessageRow::dueAt).sorted().toList());
        List<MessageRow> lou = rows(before.id(), ids.lou());
        assertEquals(List.of(MessageKind.INVITE, MessageKind.REMINDER, MessageKind.REMINDER),
                kinds(lou, MessageStatus.CANCELLED));
        assertEquals(List.of(MessageKind.INVITE, MessageKind.REMINDER, MessageKind.REMINDER),
                kinds(lou, MessageStatus.PENDING), "Lou had heard nothing yet: the invite, with the new time");

        round();
        MessageRow moved = rows(before.id(), ids.jean()).stream().filter(m -> m.kind() == MessageKind.RESCHEDULED)
                .findFirst().orElseThrow();
        assertEquals(MessageStatus.SENT, moved.status());
        String file = outboxFile(moved.id());
        assertTrue(file.contains("est déplacée. Elle aura lieu le lundi 30 mars, de 11h00 à 11h30"), file);
        assertEquals(after.startsAt().toEpochMilli(),
                count("SELECT MIN(i.not_before) FROM invite i JOIN visit_invite vi ON vi.invite_id_hash = i.id_hash"
                        + " WHERE vi.visit_id = ?", before.id()));
    }

    /** The kinds of the messages in {@code status}, by kind (invite, reminder, rescheduled, cancelled). */
    private static List<MessageKind> kinds(List<MessageRow> rows, MessageStatus status) {
        return rows.stream().filter(m -> m.status() == status).map(MessageRow::kind).sorted().toList();
    }

    private Visit move(Visit before, Instant start) {
        Visit after = new Visit(before.id(), before.patientId(), before.tabletId(), start,
                start.plus(Duration.between(before.startsAt(), before.endsAt())), false, before.createdAt(),
                Optional.empty(), Optional.empty());
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE visit SET starts_at = ?, ends_at = ? WHERE id = ?")) {
                ps.setLong(1, after.startsAt().toEpochMilli());
                ps.setLong(2, after.endsAt().toEpochMilli());
                ps.setString(3, after.id());
                ps.executeUpdate();
            }
            notify.invitations().rescheduled(c, before, after, "staff:nurse");
            return null;
        });
        return after;
    }

    @Test
    void cancellingTellsOnlyThoseWhoHeardAndTheLinksOpenNothingAnyMore() throws IOException {
        Visit v = book(paris("2026-03-29T15:00"), Duration.ofMinutes(30), ids.jean());
        round();
        List<Invite> lou = db.inTransaction(c -> notify.invitations().issue(c, v, List.of(ids.lou()), "staff:nurse"));
        cancel(v);

        List<MessageRow> jean = rows(v.id(), ids.jean());
        assertEquals(List.of(MessageKind.CANCELLED), kinds(jean, MessageStatus.PENDING));
        assertTrue(rows(v.id(), ids.lou()).stream().allMatch(m -> m.status() == MessageStatus.CANCELLED
                && m.errorCode().equals(Optional.of("visit_cancelled"))), "Lou never heard of the visit: nothing to tell");
        assertEquals(0L, count("SELECT COUNT(*) FROM invite_link l JOIN visit_invite vi ON vi.invite_id_hash ="
                + " l.invite_id_hash WHERE vi.visit_id = ?", v.id()), "the links are forgotten");
        clock.set(v.startsAt());
        JoinDecision d = new JoinRules(db, clock).family(lou.get(0).id().value());
        assertTrue(d instanceof JoinDecision.Refused r && r.code() == ErrorCode.VISIT_ENDED, d.toString());
        clock.set(paris("2026-03-20T10:00"));

        round();
        MessageRow notice = rows(v.id(), ids.jean()).stream().filter(m -> m.kind() == MessageKind.CANCELLED).findFirst()
                .orElseThrow();
        assertEquals(MessageStatus.SENT, notice.status());
        String file = outboxFile(notice.id());
        assertTrue(file.contains("prévue le dimanche 29 mars à 15h00 (heure de Paris) est annulée"), file);
        assertFalse(file.contains(ORIGIN), "a cancellation carries no link: " + file);
    }

    private void cancel(Visit v) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE visit SET ended_at = ?, end_reason = ? WHERE id = ?")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, VisitEndReason.CANCELLED.stored());
                ps.setString(3, v.id());
                ps.executeUpdate();
            }
            notify.invitations().cancelled(c, v, "staff:nurse");
            return null;
        });
    }

    @Test
    void aRevokedInviteIsRefusedAndItsRemindersAreNotSent() {
        Visit v = book(paris("2026-03-20T15:00"), Duration.ofMinutes(30), ids.jean());
        round();
        MessageRow invite = rows(v.id()).get(0);
        db.inTransaction(c -> links()
                .revoke(c, invite.inviteIdHash().orElseThrow(), clock.instant()));
        clock.set(paris("2026-03-20T14:45"));
        round();
        MessageRow reminder = rows(v.id()).get(1);
        assertEquals(MessageStatus.CANCELLED, reminder.status());
        assertEquals(Optional.of("invite_revoked"), reminder.errorCode());
    }

    @Test
    void messagesOfAVisitOverAreNotSentAndItsLinksAndOutboxTextsAreForgotten() throws IOException {
        Visit v = book(paris("2026-03-20T10:30"), Duration.ofMinutes(15), ids.jean());
        round();
        MessageRow invite = rows(v.id()).get(0);
        assertTrue(Files.exists(dir.resolve("outbox").resolve(invite.id() + ".txt")));
        assertEquals(1L, count("SELECT COUNT(*) FROM notify_message WHERE visit_id = ? AND body IS NOT NULL", v.id()));

        clock.set(v.endsAt());
        round();
        assertEquals(MessageStatus.CANCELLED, rows(v.id()).get(1).status(), "the reminder came too late");
        assertEquals(0L, count("SELECT COUNT(*) FROM invite_link WHERE invite_id_hash = ?",
                invite.inviteIdHash().orElseThrow()));
        assertEquals(0L, count("SELECT COUNT(*) FROM notify_message WHERE visit_id = ? AND body IS NOT NULL", v.id()));
        assertFalse(Files.exists(dir.resolve("outbox").resolve(invite.id() + ".txt")));
    }

    @Test
    void aClaimThatRanOutIsTakenBackAndSent() {
        Visit v = book(paris("2026-03-29T15:00"), Duration.ofMinutes(30), ids.jean());
        String id = rows(v.id()).get(0).id();
        db.inTransaction(c -> {
            Messages m = new Messages(new java.security.SecureRandom());
            assertTrue(m.claim(c, id, clock.instant(), clock.instant().plus(Dispatcher.CLAIM)));
            return null;
        });
        round();
        assertEquals(MessageStatus.SENDING, rows(v.id()).get(0).status(), "another node's claim is respected");
        clock.advance(Dispatcher.CLAIM.plusMillis(1));
        round();
        assertEquals(MessageStatus.SENT, rows(v.id()).get(0).status());
        assertEquals(2, rows(v.id()).get(0).attempts());
    }

    @Test
    void twoNodesSendEachMessageOnce() throws Exception {
        List<Visit> visits = new ArrayList<>();
        for (int day = 0; day < 6; day++) {
            visits.add(book(paris("2026-03-2" + (1 + day) + "T15:00"), Duration.ofMinutes(15), ids.jean(), ids.lou()));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Notifications a = notifications(dir.resolve("outbox-a"), threads);
            Notifications b = notifications(dir.resolve("outbox-b"), threads);
            CountDownLatch go = new CountDownLatch(1);
            threads.execute(() -> await(go));
            a.dispatcher().kick();
            b.dispatcher().kick();
            go.countDown();
            assertTrue(a.dispatcher().awaitIdle(Duration.ofSeconds(30)));
            assertTrue(b.dispatcher().awaitIdle(Duration.ofSeconds(30)));
        } finally {
            threads.shutdown();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
        Set<String> files = new HashSet<>();
        for (String node : List.of("outbox-a", "outbox-b")) {
            Path d = dir.resolve(node);
            if (Files.isDirectory(d)) {
                try (var list = Files.list(d)) {
                    list.forEach(f -> assertTrue(files.add(f.getFileName().toString()), "sent twice: " + f));
                }
            }
        }
        assertEquals(12, files.size());
        assertEquals(12L, count("SELECT COUNT(*) FROM notify_message WHERE status = 'sent' AND attempts = 1"
                + " AND kind = ?", "invite"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long count(String sql, String param) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int n = (int) sql.chars().filter(ch -> ch == '?').count();
                for (int i = 1; i <= n; i++) {
                    ps.setString(i, param);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
