package org.lucarne.signaling;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.lucarne.signaling.config.TurnSettings;
import org.lucarne.signaling.demo.DemoStaff;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.tls.ServerTls;

/** What the server prints once it listens: the URLs to open and how to trust the development CA. */
final class Banner {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

    private Banner() {
    }

    static String render(LucarneServer server, Optional<DemoVisit> visit, Optional<Path> configFile) {
        return render(server, visit, List.of(), configFile);
    }

    static String render(LucarneServer server, Optional<DemoVisit> visit, List<DemoStaff.Login> logins,
                         Optional<Path> configFile) {
        String origin = server.origin();
        StringBuilder b = new StringBuilder();
        b.append('\n').append("Lucarne ").append(Version.get()).append(" is running")
                .append(visit.isPresent() ? " with demo data" : "").append(".\n\n");
        b.append("  Staff console    ").append(origin).append("/staff\n");
        b.append(staffLines(logins));
        b.append("  Bedside tablet   ").append(server.kioskOrigin()).append("/kiosk\n");
        visit.ifPresent(v -> b.append("  Family link      ").append(v.familyLink(origin)).append('\n')
                .append(demoVisitLines(v, server.config().staff().timeZone())));
        b.append("  Health           ").append(origin).append("/health\n\n");
        b.append("  Configuration    ").append(configFile.map(Path::toString).orElse("defaults"))
                .append(" + LUCARNE_* variables; data in ").append(server.config().dataDir().toAbsolutePath().normalize())
                .append('\n');
        b.append("  Database         ").append(server.database().dialect().id()).append('\n');
        b.append("  Media bridge     ").append(server.bridge().map(m -> "embedded: media on UDP "
                + m.udpAddress().getAddress().getHostAddress() + ":" + m.udpAddress().getPort() + ", Colibri2 API "
                + m.httpUri() + "colibri/v2/conferences").orElse("not embedded (bridge.embedded = false)")).append('\n');
        b.append(turnLine(server.config().calls().turn()));
        Optional<ServerTls.DevCa> ca = server.tls().devCa();
        if (ca.isPresent()) {
            b.append("\n  TLS uses a development CA").append(ca.get().createdNow() ? ", created now" : "").append(":\n");
            b.append("    ").append(ca.get().certificate().toAbsolutePath().normalize()).append('\n');
            b.append("    SHA-256 ").append(ca.get().sha256()).append('\n');
            b.append("  Browsers must trust it once: ./lucarne trust (Chromium on Linux), or import the file\n");
            b.append("  above as a certificate authority. For a hospital, use the hospital's CA: see\n");
            b.append("  docs/operations.md.\n");
        } else {
            b.append("  TLS              ").append(server.tls().keystore()).append('\n');
        }
        b.append("\nPress Ctrl-C to stop.\n");
        return b.toString();
    }

    /**
     * Under the console: each demo account's username and password, and its authenticator secret as an
     * {@code otpauth://} URI (paste it into an app, or make a QR code of it).
     */
    static String staffLines(List<DemoStaff.Login> logins) {
        if (logins.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append("                   sign in with a password, then the code of an authenticator app:\n");
        for (DemoStaff.Login l : logins) {
            b.append("    ").append(String.format("%-15s", l.username())).append("password  ").append(l.password())
                    .append("   (").append(l.displayName()).append(", ").append(l.role().stored()).append(")\n");
            b.append("                   app       ").append(l.otpauthUri()).append('\n');
        }
        b.append("                   The passwords are new at each start; the app's secret stays.\n");
        return b.toString();
    }

    /** Where media are relayed for those whose network blocks the bridge: the TURN URLs, never the secret. */
    static String turnLine(Optional<TurnSettings> turn) {
        return "  TURN             " + turn.map(t -> String.join(", ", t.urls()) + " (credentials for "
                + t.ttl().toMinutes() + " min with each media session)")
                .orElse("none (turn.urls is not set): media go to the bridge directly") + "\n";
    }

    /** Under the family link: who visits whom, and the demo visit's slot in {@code zone}. */
    static String demoVisitLines(DemoVisit v, ZoneId zone) {
        return "                   (" + v.contactName() + " visiting " + v.patientName() + ")\n"
                + "  Demo visit       " + TIME.format(v.visitStart().atZone(zone)) + " to "
                + TIME.format(v.visitEnd().atZone(zone)) + ", visit id " + v.visitId() + "\n";
    }
}
