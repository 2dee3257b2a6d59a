package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.device.KioskScript.Result;
import org.lucarne.signaling.device.KioskScript.Running;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;

/**
 * {@code lucarne-kiosk run} on a tablet that was never enrolled, against a real server: instead of opening the
 * kiosk page (whose listener would refuse the tablet in the TLS handshake), it enrols the tablet at the public
 * origin of its conf file, with the pairing screen in a stand-in Chromium, and opens the kiosk page once a ward
 * manager approved the code (through the staff API).
 */
class KioskRunEnrolmentIT {
    private static TestServer server;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void runOnATabletNeverEnrolledShowsThePairingScreenThenTheKioskPageOnceApproved() throws Exception {
        StaffFixture staff = new StaffFixture(server);
        staff.ward("w-run", "Marie Curie");
        StaffFixture.Member manager = staff.member("manager-w-run", Role.WARD_MANAGER, "w-run");
        String publicOrigin = "https://127.0.0.1:" + URI.create(server.origin()).getPort();
        // As the installer leaves it: the public origin, and the sample's kiosk origin, which enrolment replaces.
        Path conf = dir.resolve("lucarne-kiosk.conf");
        Files.writeString(conf, "LUCARNE_PUBLIC_ORIGIN=" + publicOrigin + "\nLUCARNE_ORIGIN=https://visits.chu.example:8444\n");

        try (Running launcher = KioskScript.start(env(conf), "run", "https://visits.chu.example:8444")) {
            launcher.awaitErr(Pattern.compile(Pattern.quote("this tablet has no certificate (it is not enrolled): enrolling it at "
                    + publicOrigin)), Duration.ofSeconds(30));
            Launch pairing = awaitLaunch("/enrol/pair#code=");
            assertTrue(pairing.args().contains("--kiosk"), pairing.args().toString());
            String url = pairing.args().get(pairing.args().size() - 1);
            assertTrue(url.startsWith(publicOrigin + "/enrol/pair#code="), url);
            String code = url.replaceAll(".*#code=([0-9]{4}-[0-9]{4}).*", "$1");
            assertFalse(launcher.err().contains(code), "the code is on the screen, not in the log");

            StaffClient client = new StaffClient(server);
            client.signIn(manager.username(), StaffFixture.PASSWORD, manager.secret(), Clock.systemUTC());
            StaffClient.Answer approved = client.post("/api/enrolments/approve",
                    "{\"code\": \"" + code + "\", \"bed\": \"w-run-bed\", \"label\": \"Tablet by the door\"}");
            assertEquals(201, approved.status(), approved.toString());

            // The stand-in kiosk browser exits at once; with no restart allowed the launcher then gives up.
            Result ended = launcher.await(Duration.ofSeconds(60));
            assertEquals(1, ended.exit(), ended.err());
            assertTrue(ended.err().contains("enrolled as tablet " + approved.json().get("tablet").get("id").textValue()),
                    ended.err());
            assertTrue(ended.err().contains("Chromium exited with status 0"), ended.err());
            assertFalse(ProcessHandle.of(pairing.pid()).map(ProcessHandle::isAlive).orElse(false), "the pairing screen is closed");
        }
        String kioskOrigin = server.server().kioskOrigin();
        Launch kiosk = awaitLaunch("/kiosk");
        assertEquals(kioskOrigin + "/kiosk", kiosk.args().get(kiosk.args().size() - 1), "the kiosk origin the server gave");
        assertTrue(kiosk.args().contains("--kiosk"), kiosk.args().toString());
        String written = Files.readString(conf);
        assertTrue(written.contains("LUCARNE_PUBLIC_ORIGIN=" + publicOrigin + "\n")
                && written.contains("LUCARNE_ORIGIN=" + kioskOrigin + "\n"), written);
        assertTrue(Files.exists(dir.resolve("state/tablet.crt")));
    }

    /** One start of the stand-in Chromium: its process id and arguments. */
    private record Launch(long pid, List<String> args) {
    }

    /** The start of the stand-in Chromium whose last argument contains {@code url}, waited for at most 30 s. */
    private Launch awaitLaunch(String url) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<Launch> found = launches().stream()
                    .filter(l -> !l.args().isEmpty() && l.args().get(l.args().size() - 1).contains(url)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        return fail("no Chromium started on " + url + " within 30 s; started: " + launches());
    }

    private List<Launch> launches() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("launches"))) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).map(f -> {
                try {
                    return new Launch(Long.parseLong(f.getFileName().toString()), Files.readAllLines(f));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    /**
     * The launcher's files in this test's directory, trusting the test server's CA, no restart of Chromium, and a
     * stand-in Chromium that writes its arguments to {@code launches/<pid>}, then stays up on the pairing screen
     * (until the launcher stops it) and exits at once on anything else.
     */
    private Map<String, String> env(Path conf) throws IOException {
        Path launches = Files.createDirectories(dir.resolve("launches"));
        Path chromium = dir.resolve("chromium");
        Files.writeString(chromium, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + launches + "/.'$$\nmv '" + launches + "/.'$$ '"
                + launches + "/'$$\ncase \"$*\" in *'/enrol/pair#'*) exec sleep 600 ;; esac\n");
        Files.setPosixFilePermissions(chromium, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = new HashMap<>();
        env.put("LUCARNE_KIOSK_STATE_DIR", dir.resolve("state").toString());
        env.put("LUCARNE_KIOSK_NSS_DB", dir.resolve("nssdb").toString());
        env.put("LUCARNE_KIOSK_CONF", conf.toString());
        env.put("LUCARNE_KIOSK_CA_FILE", server.caCertificate().toString());
        env.put("LUCARNE_CHROMIUM", chromium.toString());
        env.put("LUCARNE_KIOSK_PROFILE", dir.resolve("profile").toString());
        env.put("LUCARNE_KIOSK_POLICY_DIR", dir.resolve("policies").toString());
        env.put("LUCARNE_KIOSK_MAX_RESTARTS", "0");
        return env;
    }
}
