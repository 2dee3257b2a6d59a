package org.lucarne.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.config.TurnSettings;
import org.lucarne.signaling.demo.DemoStaff;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.invite.LinkSecret;
import org.lucarne.signaling.policy.Role;

class BannerTest {

    @Test
    void demoLinesNameTheVisitorsAndTheVisitsSlot() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        Instant end = Instant.parse("2026-03-02T10:00:00Z");
        DemoVisit v = new DemoVisit("Marie Dupont", "Jean Dupont", InviteId.generate(), LinkSecret.generate(),
                "tablet", "patient", "contact", "Ward", "Bed", start, end, "visit-1", start, end);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");
        assertEquals("                   (Jean Dupont visiting Marie Dupont)\n"
                + "  Demo visit       " + time.format(start.atZone(ZoneOffset.UTC)) + " to "
                + time.format(end.atZone(ZoneOffset.UTC)) + ", visit id visit-1\n",
                Banner.demoVisitLines(v, ZoneOffset.UTC));
    }

    @Test
    void staffLinesGiveEachDemoAccountItsPasswordAndItsAuthenticatorUri() {
        String uri = "otpauth://totp/Lucarne:nurse?secret=ABC&issuer=Lucarne&algorithm=SHA1&digits=6&period=30";
        assertEquals("                   sign in with a password, then the code of an authenticator app:\n"
                + "    nurse          password  abcde-fghjk-mnpqr-stvwx   (Claire Martin, nurse)\n"
                + "                   app       " + uri + "\n"
                + "                   The passwords are new at each start; the app's secret stays.\n",
                Banner.staffLines(List.of(new DemoStaff.Login("nurse", "Claire Martin", Role.NURSE,
                        "abcde-fghjk-mnpqr-stvwx", uri))));
        assertEquals("", Banner.staffLines(List.of()), "no demo, no accounts printed");
    }

    @Test
    void turnLineGivesTheUrlsAndTheCredentialsLifetimeNeverTheSecret() {
        TurnSettings turn = new TurnSettings(List.of("turns:turn.hospital.example:443?transport=tcp",
                "turn:turn.hospital.example:3478?transport=udp"), "a-secret-of-32-characters-at-least-0123",
                Duration.ofHours(5));
        assertEquals("  TURN             turns:turn.hospital.example:443?transport=tcp, "
                + "turn:turn.hospital.example:3478?transport=udp (credentials for 300 min with each media session)\n",
                Banner.turnLine(Optional.of(turn)));
        assertEquals("  TURN             none (turn.urls is not set): media go to the bridge directly\n",
                Banner.turnLine(Optional.empty()));
    }
}
