package org.lucarne.signaling.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.Visits;

/**
 * The demo's rows and a visit open now, from now for a day, whatever the hour: for a test of calls that
 * needs the demo visit to have started. It books through {@link Visits} alone, past the ward's booking
 * rules (visiting hours, lengths), which {@link DemoData#seed} follows, and keeps the invite's link sealed as a
 * booking's notification does. The demo contact's devices of an earlier test are forgotten: each test's browsers
 * are new ones, and the first to open the link binds it.
 */
public final class OpenDemoVisit {
    static final Duration LENGTH = Duration.ofHours(24);

    private OpenDemoVisit() {
    }

    public static DemoVisit seed(Database db, PersonalData personalData, Clock clock) {
        return seedFrom(db, personalData, clock, clock.instant());
    }

    /** The same, the visit (and its invite's window) starting at {@code from}: later, for a page opened before its slot. */
    public static DemoVisit seedFrom(Database db, PersonalData personalData, Clock clock, Instant from) {
        DemoData.Names names = DemoData.seedRows(db, personalData, clock, java.time.ZoneId.systemDefault());
        Visits visits = new Visits(db, clock);
        Visit visit = visits.createReplacing(NewVisit.lasting(DemoData.PATIENT_ID, DemoData.TABLET_ID, from, LENGTH,
                false), VisitEndReason.CANCELLED);
        Invite invite = new Invites(db, clock).create(DemoData.CONTACT_ID, from, from.plus(LENGTH));
        visits.attachInvite(visit.id(), invite.id());
        // Kept sealed as a booking's notification keeps it: the tablet gets its link secret's value from it.
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO invite_link (invite_id_hash, link) VALUES (?, ?)")) {
                ps.setString(1, invite.id().hash());
                ps.setString(2, personalData.seal(SealedColumns.INVITE_LINK, invite.id().hash(),
                        invite.link("https://lucarne.invalid")));
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("DELETE FROM e2ee_device WHERE contact_id = ?")) {
                ps.setString(1, DemoData.CONTACT_ID);
                return ps.executeUpdate();
            }
        });
        return new DemoVisit(names.patient(), names.contact(), invite.id(), invite.secret(), DemoData.TABLET_ID,
                DemoData.PATIENT_ID, DemoData.CONTACT_ID, names.ward(), names.bed(), invite.details().notBefore(),
                invite.details().notAfter(), visit.id(), visit.startsAt(), visit.endsAt());
    }
}
