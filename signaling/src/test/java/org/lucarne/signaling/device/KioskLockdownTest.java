package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.lucarne.signaling.device.KioskScript.kiosk;
import static org.lucarne.signaling.device.KioskScript.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.IssuedCertificate;
import org.lucarne.certs.Pem;
import org.lucarne.signaling.device.KioskScript.Result;

/**
 * The bedside tablet's lockdown ({@code bedside-kiosk/lockdown/}): the managed Chromium policy that
 * {@code lucarne-kiosk} renders and installs, and its launcher, run with {@code sh} as on the tablet
 * (dash on Debian, so a bashism fails here).
 */
class KioskLockdownTest {

    private static final Path LOCKDOWN = KioskScript.LOCKDOWN;
    private static final Path SCRIPT = KioskScript.SCRIPT;
    private static final String ORIGIN = "https://visits.chu.example:8444";
    /** URLAllowlist's filter format matches subdomains unless the host starts with a dot. */
    private static final String ALLOW_PATTERN = "https://.visits.chu.example:8444";
    // ASCII only: the JVM may pass arguments to the process in a non-UTF-8 locale.
    private static final String CA_CN = "CHU Example - Lucarne CA & Co";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Every policy the kiosk sets, with its JSON type and, for scalars, its value. */
    private static final Map<String, Object> SCALARS = new LinkedHashMap<>();
    private static final Set<String> LISTS = Set.of("URLBlocklist", "URLAllowlist", "VideoCaptureAllowedUrls",
            "AudioCaptureAllowedUrls", "AutoSelectCertificateForUrls");

    static {
        SCALARS.put("DeveloperToolsAvailability", 2);
        SCALARS.put("DownloadRestrictions", 3);
        SCALARS.put("PrintingEnabled", false);
        SCALARS.put("IncognitoModeAvailability", 1);
        SCALARS.put("PasswordManagerEnabled", false);
        SCALARS.put("TranslateEnabled", false);
        SCALARS.put("BrowserSignin", 0);
        SCALARS.put("SyncDisabled", true);
        SCALARS.put("DefaultPopupsSetting", 2);
        SCALARS.put("DefaultNotificationsSetting", 2);
        SCALARS.put("AutoplayAllowed", true);
    }

    @Test
    void renderedPolicyIsJsonWithEveryPolicyOfTheRightType() throws IOException {
        JsonNode policy = policy(ORIGIN, CA_CN);

        Set<String> expected = new TreeSet<>(SCALARS.keySet());
        expected.addAll(LISTS);
        Set<String> actual = new TreeSet<>();
        policy.fieldNames().forEachRemaining(actual::add);
        assertEquals(expected, actual, "the policy sets exactly the kiosk's policies");

        SCALARS.forEach((name, value) -> {
            JsonNode node = policy.get(name);
            if (value instanceof Boolean b) {
                assertEquals(JsonNodeType.BOOLEAN, node.getNodeType(), name);
                assertEquals(b, node.booleanValue(), name);
            } else {
                assertTrue(node.isInt(), name + " is an integer");
                assertEquals(value, node.intValue(), name);
            }
        });
        for (String name : LISTS) {
            JsonNode list = policy.get(name);
            assertTrue(list.isArray() && !list.isEmpty(), name + " is a non-empty list");
            list.forEach(item -> assertTrue(item.isTextual(), name + " holds strings"));
        }
    }

    @Test
    void onlyTheKioskOriginIsAllowedAndEverythingElseBlocked() throws IOException {
        JsonNode policy = policy(ORIGIN, CA_CN);

        assertEquals(List.of("*", "view-source:*"), strings(policy.get("URLBlocklist")));
        assertEquals(List.of(ALLOW_PATTERN), strings(policy.get("URLAllowlist")));
        assertEquals(List.of(ORIGIN), strings(policy.get("VideoCaptureAllowedUrls")));
        assertEquals(List.of(ORIGIN), strings(policy.get("AudioCaptureAllowedUrls")));

        // Every URL-ish value anywhere (the certificate rule's JSON string included) is the kiosk origin.
        List<String> urls = new ArrayList<>();
        collectUrls(policy, urls);
        assertFalse(urls.isEmpty());
        for (String url : urls) {
            assertTrue(url.equals(ORIGIN) || url.equals(ALLOW_PATTERN), "only the kiosk origin may be named: " + url);
        }
    }

    @Test
    void withThePublicOriginKnownOnlyThePairingScreenOfItIsAllowedBesideTheKioskOrigin(@TempDir Path dir)
            throws IOException {
        List<String> pairing = List.of(ALLOW_PATTERN, "https://.visits.chu.example:443/enrol/pair",
                "https://.visits.chu.example:443/static/");
        Result fromEnv = kiosk(Map.of("LUCARNE_PUBLIC_ORIGIN", "https://visits.chu.example"), "render-policy", ORIGIN, CA_CN);
        assertEquals(0, fromEnv.exit(), fromEnv.err());
        JsonNode policy = JSON.readTree(fromEnv.out());
        assertEquals(pairing, strings(policy.get("URLAllowlist")));
        assertEquals(List.of("*", "view-source:*"), strings(policy.get("URLBlocklist")));
        assertEquals(List.of(ORIGIN), strings(policy.get("VideoCaptureAllowedUrls")), "the camera for the kiosk only");

        // As enrol writes it into the conf file.
        Path conf = dir.resolve("lucarne-kiosk.conf");
        Files.writeString(conf, "LUCARNE_ORIGIN=" + ORIGIN + "\nLUCARNE_PUBLIC_ORIGIN=https://visits.chu.example:443\n");
        Result fromConf = kiosk(Map.of("LUCARNE_KIOSK_CONF", conf.toString()), "render-policy", ORIGIN, CA_CN);
        assertEquals(pairing, strings(JSON.readTree(fromConf.out()).get("URLAllowlist")));

        Result bad = kiosk(Map.of("LUCARNE_PUBLIC_ORIGIN", "http://visits.chu.example"), "render-policy", ORIGIN, CA_CN);
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("must use https://"), bad.err());
    }

    @Test
    void anIpAddressOriginIsAllowedWithoutTheSubdomainDot() throws IOException {
        JsonNode policy = policy("https://10.20.30.40:8444", CA_CN);

        assertEquals(List.of("https://10.20.30.40:8444"), strings(policy.get("URLAllowlist")));
        assertEquals(List.of("https://10.20.30.40:8444"), strings(policy.get("VideoCaptureAllowedUrls")));
    }

    @Test
    void theOriginIsWrittenOutInFull() throws IOException {
        assertEquals(policy(ORIGIN, CA_CN), policy("https://Visits.CHU.example:8444/", CA_CN));
        JsonNode defaultPort = policy("https://visits.chu.example", CA_CN);
        assertEquals(List.of("https://visits.chu.example:443"), strings(defaultPort.get("AudioCaptureAllowedUrls")));
        assertEquals(List.of("https://.visits.chu.example:443"), strings(defaultPort.get("URLAllowlist")));
    }

    @Test
    void theTabletCertificateIsPickedByItsIssuer() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(CA_CN, Duration.ofDays(30), Clock.systemUTC());
        X509Certificate tablet = ca.issueTablet("tab-7", Duration.ofDays(30)).certificate();
        String issuerCn = commonName(tablet.getIssuerX500Principal().getName());

        JsonNode rules = policy(ORIGIN, issuerCn).get("AutoSelectCertificateForUrls");
        assertEquals(1, rules.size());
        JsonNode rule = JSON.readTree(rules.get(0).textValue()); // each entry is itself a JSON string
        assertEquals(ORIGIN, rule.get("pattern").textValue());
        assertEquals(Set.of("ISSUER"), fieldNames(rule.get("filter")));
        assertEquals(Set.of("CN"), fieldNames(rule.get("filter").get("ISSUER")));
        assertEquals(CA_CN, rule.get("filter").get("ISSUER").get("CN").textValue());
    }

    @Test
    void theDefaultTabletCaIsTheOneCaCreateMakes() throws Exception {
        Field field = Class.forName("org.lucarne.certs.cli.CaCreateCommand").getDeclaredField("DEFAULT_COMMON_NAME");
        field.setAccessible(true);
        Result result = kiosk(Map.of(), "render-policy", ORIGIN);

        assertEquals(0, result.exit(), result.err());
        JsonNode rule = JSON.readTree(JSON.readTree(result.out()).get("AutoSelectCertificateForUrls").get(0).textValue());
        assertEquals(field.get(null), rule.get("filter").get("ISSUER").get("CN").textValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://visits.chu.example:8444 | must use https://",
        "https://visits.chu.example:8444/kiosk | has a path",
        "''                                    | is empty",
        "visits.chu.example:8444               | must start with https://",
        "https://visits.chu.example:0          | port must be a number from 1 to 65535",
        "https://visits.chu.example:8444?x=1   | has a path, query or fragment",
        "https://user@visits.chu.example       | user name",
        "https://[::1]:8444                    | IPv6",
        "https://visits_chu.example            | only letters, digits, dots and hyphens",
        "https://-visits.chu.example           | not a valid host name",
        "https://300.1.2.3                     | not an IPv4 address",
    })
    void aBadOriginIsRefusedWithExitCode2(String origin, String message) throws IOException {
        Result result = kiosk(Map.of(), "render-policy", origin);

        assertEquals(2, result.exit(), result.err());
        assertEquals("", result.out(), "nothing on stdout");
        assertTrue(result.err().contains("bad origin \"" + origin + "\""), result.err());
        assertTrue(result.err().contains(message), result.err());
    }

    @Test
    void aCaNameThatWouldBreakTheJsonIsRefused() throws IOException {
        Result result = kiosk(Map.of(), "render-policy", ORIGIN, "Bad \"CA\\");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("may not hold quotes, backslashes or control characters"), result.err());
    }

    @Test
    void installPolicyWritesTheRenderedPolicyReadableByChromium(@TempDir Path dir) throws IOException {
        Path policies = dir.resolve("policies/managed");
        Result result = kiosk(Map.of("LUCARNE_KIOSK_POLICY_DIR", policies.toString()), "install-policy", ORIGIN, CA_CN);

        assertEquals(0, result.exit(), result.err());
        Path file = policies.resolve("lucarne-kiosk.json");
        assertEquals(policy(ORIGIN, CA_CN), JSON.readTree(Files.readString(file)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(policies)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void runStartsChromiumInKioskModeAndRestartsItWhenItExits(@TempDir Path dir) throws Exception {
        enrolled(dir, Duration.ofDays(60), Clock.systemUTC());
        Path args = dir.resolve("args");

        Result result = kiosk(runEnv(dir), "run", ORIGIN);

        assertEquals(1, result.exit(), result.err());
        List<String> lines = Files.readAllLines(args);
        int launches = (int) lines.stream().filter("--kiosk"::equals).count();
        assertEquals(2, launches, "started, then restarted once");
        for (String flag : List.of("--kiosk", "--noerrdialogs", "--disable-session-crashed-bubble",
                "--autoplay-policy=no-user-gesture-required", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), ORIGIN + "/kiosk")) {
            assertTrue(lines.contains(flag), flag + " in " + lines);
        }
        assertTrue(Files.isDirectory(dir.resolve("profile")), "its own profile directory");
        assertTrue(result.err().contains("Chromium exited with status 3 after 0s; restarting it in 1s"), result.err());
        assertTrue(result.err().contains("is NOT locked down"), "warns when the policy is missing: " + result.err());
    }

    @Test
    void runOnATabletWithoutCertificateNorPublicOriginSaysSoAndExitsWith7(@TempDir Path dir) throws IOException {
        Result result = kiosk(runEnv(dir), "run", ORIGIN);

        assertEquals(7, result.exit(), result.err());
        assertTrue(result.err().contains("this tablet has no certificate (it is not enrolled), and no public origin is known"
                + " to enrol it from: set LUCARNE_PUBLIC_ORIGIN=https://HOST"), result.err());
        assertFalse(Files.exists(dir.resolve("args")), "no browser started");
    }

    @Test
    void runTreatsACertificateFromAnotherCaAsNotEnrolled(@TempDir Path dir) throws Exception {
        enrolled(dir, Duration.ofDays(60), Clock.systemUTC());
        Path otherCa = dir.resolve("other-ca.crt");
        Files.writeString(otherCa, Pem.encode(CertificateAuthority.create("Another CA", Duration.ofDays(30),
                Clock.systemUTC()).certificate()));
        Map<String, String> env = new LinkedHashMap<>(runEnv(dir));
        env.put("LUCARNE_KIOSK_CA_FILE", otherCa.toString());

        Result alone = kiosk(env, "run", ORIGIN);
        assertEquals(7, alone.exit(), alone.err());
        assertTrue(alone.err().contains("this tablet's certificate is not from the tablets' CA (" + otherCa + ")"), alone.err());

        // With the public origin in the conf file (a closed port here), it goes to enrolment, not to the kiosk page.
        Files.writeString(dir.resolve("lucarne-kiosk.conf"), "LUCARNE_PUBLIC_ORIGIN=https://127.0.0.1:1\n",
                StandardOpenOption.APPEND);
        Result enrolling = kiosk(env, "run", ORIGIN);
        assertEquals(1, enrolling.exit(), enrolling.err());
        assertTrue(enrolling.err().contains("not from the tablets' CA (" + otherCa + "): enrolling it at https://127.0.0.1:1"),
                enrolling.err());
        assertTrue(enrolling.err().contains("cannot reach https://127.0.0.1:1"), enrolling.err());
        assertTrue(enrolling.err().contains("the enrolment ended with status 1"), enrolling.err());
        assertFalse(Files.exists(dir.resolve("args")), "the kiosk page is not opened");
    }

    @Test
    void runEnrolsATabletWhoseCertificateExpiredKeepingItsKeyUntilApproved(@TempDir Path dir) throws Exception {
        Path state = enrolled(dir, Duration.ofDays(10), Clock.fixed(Instant.now().minus(Duration.ofDays(20)), ZoneOffset.UTC));
        byte[] key = Files.readAllBytes(state.resolve("tablet.key"));
        Map<String, String> env = new LinkedHashMap<>(runEnv(dir));
        env.put("LUCARNE_PUBLIC_ORIGIN", "https://127.0.0.1:1");

        Result result = kiosk(env, "run", ORIGIN);

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("this tablet's certificate expired on "), result.err());
        assertTrue(result.err().contains("enrolling it at https://127.0.0.1:1"), result.err());
        assertArrayEquals(key, Files.readAllBytes(state.resolve("tablet.key")), "the key is kept");
        assertFalse(Files.exists(dir.resolve("args")), "the kiosk page is not opened");
    }

    @Test
    void runRefusesABadOriginBeforeStartingAnything() throws IOException {
        Result result = kiosk(Map.of("LUCARNE_CHROMIUM", "/nonexistent"), "run", "http://visits.chu.example:8444");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("must use https://"), result.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://visits.chu.example   | must use https://",
        "https://visits.chu.example/x | has a path",
        "visits.chu.example          | the server's public origin",
    })
    void enrolRefusesABadPublicOriginWithExitCode2(String origin, String message, @TempDir Path dir) throws IOException {
        Result result = kiosk(enrolEnv(dir), "enrol", origin);

        assertEquals(2, result.exit(), result.err());
        assertTrue(result.err().contains(message), result.err());
        assertFalse(Files.exists(dir.resolve("state")), "nothing written");
    }

    @Test
    void enrolTakesOnePublicOriginAndOnlyAgainAsOption(@TempDir Path dir) throws IOException {
        for (String[] args : List.of(new String[] {"enrol"}, new String[] {"enrol", "--again"},
                new String[] {"enrol", ORIGIN, ORIGIN}, new String[] {"enrol", "--force", ORIGIN})) {
            Result result = kiosk(enrolEnv(dir), args);
            assertEquals(2, result.exit(), String.join(" ", args));
            assertTrue(result.err().contains("usage: lucarne-kiosk") && result.err().contains("enrol [--again] PUBLIC_ORIGIN"),
                    result.err());
        }
    }

    @Test
    void anEnrolledTabletSaysSoAndAsksNothing(@TempDir Path dir) throws Exception {
        Path state = enrolled(dir, Duration.ofDays(60), Clock.systemUTC());
        byte[] key = Files.readAllBytes(state.resolve("tablet.key"));

        // A closed port: asking the server would fail.
        Result result = kiosk(enrolEnv(dir), "enrol", "https://127.0.0.1:1");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("already enrolled as tablet tab-7"), result.err());
        assertTrue(result.err().contains("--again"), result.err());
        assertArrayEquals(key, Files.readAllBytes(state.resolve("tablet.key")), "the key is kept");
    }

    @Test
    void enrolAgainMakesANewKeyButKeepsTheOldOneUntilApproved(@TempDir Path dir) throws Exception {
        Path state = enrolled(dir, Duration.ofDays(60), Clock.systemUTC());
        byte[] key = Files.readAllBytes(state.resolve("tablet.key"));

        Result result = kiosk(enrolEnv(dir), "enrol", "--again", "https://127.0.0.1:1");

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("cannot reach https://127.0.0.1:1"), result.err());
        assertArrayEquals(key, Files.readAllBytes(state.resolve("tablet.key")), "the key is kept");
        try (var files = Files.list(state)) {
            assertEquals(Set.of("tablet.key", "tablet.crt", "tablet.id"),
                    new TreeSet<>(files.map(f -> f.getFileName().toString()).toList()), "no working files left");
        }
    }

    @Test
    void renewOnATabletNotEnrolledSaysToEnrolFirst(@TempDir Path dir) throws IOException {
        Result result = kiosk(enrolEnv(dir), "renew");

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("not enrolled yet: run lucarne-kiosk enrol https://HOST first"), result.err());
    }

    @Test
    void renewBeforeTheLast30DaysIsNotDueAndAsksNothing(@TempDir Path dir) throws Exception {
        enrolled(dir, Duration.ofDays(60), Clock.systemUTC());

        Result result = kiosk(enrolEnv(dir), "renew");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("not_due: the certificate of tablet tab-7 is valid until"), result.err());
    }

    @Test
    void renewInTheLast30DaysAsksTheServerOverTheKioskOrigin(@TempDir Path dir) throws Exception {
        Path state = enrolled(dir, Duration.ofDays(10), Clock.systemUTC());
        byte[] key = Files.readAllBytes(state.resolve("tablet.key"));

        Result result = kiosk(enrolEnv(dir), "renew");

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("cannot reach https://127.0.0.1:1"), "the kiosk origin from the conf file: " + result.err());
        assertArrayEquals(key, Files.readAllBytes(state.resolve("tablet.key")), "the key is kept");
    }

    @Test
    void renewOfAnExpiredCertificateSaysToEnrolAgain(@TempDir Path dir) throws Exception {
        enrolled(dir, Duration.ofDays(10), Clock.fixed(Instant.now().minus(Duration.ofDays(20)), ZoneOffset.UTC));

        Result result = kiosk(enrolEnv(dir), "renew");

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("expired on") && result.err().contains("enrol --again"), result.err());
    }

    @Test
    void renewTakesOnlyNow(@TempDir Path dir) throws IOException {
        Result result = kiosk(enrolEnv(dir), "renew", "--later");

        assertEquals(2, result.exit(), result.err());
        assertTrue(result.err().contains("renew takes only --now"), result.err());
    }

    @Test
    void theRenewalRunsDailyAsTheKioskUserAndCatchesUpAfterDowntime() throws IOException {
        String timer = Files.readString(LOCKDOWN.resolve("lucarne-kiosk-renew.timer"));
        String service = Files.readString(LOCKDOWN.resolve("lucarne-kiosk-renew.service"));

        assertTrue(timer.contains("\nOnCalendar=daily\n") && timer.contains("\nPersistent=true\n")
                && timer.contains("\nWantedBy=timers.target\n"), timer);
        assertTrue(service.contains("\nType=oneshot\n") && service.contains("\nUser=kiosk\n")
                && service.contains("\nExecStart=/usr/local/bin/lucarne-kiosk renew\n")
                && service.contains("\nEnvironmentFile=/etc/lucarne-kiosk.conf\n"), service);
    }

    /** The launcher's files under {@code dir}: state, NSS database, conf (its kiosk origin a closed port). */
    private static Map<String, String> enrolEnv(Path dir) {
        return Map.of("LUCARNE_KIOSK_STATE_DIR", dir.resolve("state").toString(),
                "LUCARNE_KIOSK_NSS_DB", dir.resolve("nssdb").toString(),
                "LUCARNE_KIOSK_CONF", dir.resolve("lucarne-kiosk.conf").toString(),
                "LUCARNE_KIOSK_NO_DISPLAY", "1");
    }

    /**
     * {@code run}'s files under {@code dir} as {@link #enrolEnv}, one restart at most, and a stand-in Chromium that
     * appends its arguments to {@code dir/args} and exits with status 3.
     */
    private static Map<String, String> runEnv(Path dir) throws IOException {
        Path chromium = dir.resolve("chromium");
        Files.writeString(chromium, "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '" + dir.resolve("args") + "'\nexit 3\n");
        Files.setPosixFilePermissions(chromium, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = new LinkedHashMap<>(enrolEnv(dir));
        env.put("LUCARNE_CHROMIUM", chromium.toString());
        env.put("LUCARNE_KIOSK_PROFILE", dir.resolve("profile").toString());
        env.put("LUCARNE_KIOSK_POLICY_DIR", dir.resolve("none").toString());
        env.put("LUCARNE_KIOSK_MAX_RESTARTS", "1");
        return env;
    }

    /** A tablet enrolled as {@code tab-7} with a certificate valid for {@code validity} from {@code clock}'s now. */
    private static Path enrolled(Path dir, Duration validity, Clock clock) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create(CA_CN, Duration.ofDays(365), clock);
        IssuedCertificate issued = ca.issueTablet("tab-7", validity);
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.writeString(state.resolve("tablet.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(issued.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(state.resolve("tablet.crt"), Pem.encode(issued.certificate())
                + Pem.encode(ca.certificate()));
        Files.writeString(state.resolve("tablet.id"), "tab-7\n");
        Files.writeString(dir.resolve("lucarne-kiosk.conf"), "DISPLAY=:0\nLUCARNE_ORIGIN=https://127.0.0.1:1\n");
        return state;
    }

    @Test
    void aWrongCommandLineExitsWith2AndShowsTheUsage() throws IOException {
        for (String[] args : List.of(new String[0], new String[] {"frobnicate"},
                new String[] {"render-policy"}, new String[] {"run", ORIGIN, "extra"})) {
            Result result = kiosk(Map.of(), args);
            assertEquals(2, result.exit(), String.join(" ", args));
            assertTrue(result.err().contains("usage: lucarne-kiosk"), result.err());
        }
    }

    @Test
    void theScriptIsPlainPosixSh() throws IOException {
        String script = Files.readString(SCRIPT);
        assertTrue(script.startsWith("#!/bin/sh\n"));
        assertTrue(script.contains("\nset -eu\n"));
        assertPosixSh(SCRIPT);
        assertPosixSh(LOCKDOWN.resolve("enrolment.sh"));
        if (Files.isExecutable(Path.of("/usr/bin/shellcheck"))) {
            // -x: the launcher with the enrolment.sh it loads, as one program.
            Result lint = run(List.of("/usr/bin/shellcheck", "-x", "-s", "sh", SCRIPT.toString()), Map.of());
            assertEquals(0, lint.exit(), lint.out());
        }
        if (Files.isExecutable(Path.of("/bin/dash"))) {
            Result dash = run(List.of("/bin/dash", SCRIPT.toString(), "render-policy", ORIGIN), Map.of());
            assertEquals(0, dash.exit(), dash.err());
        }
    }

    private static void assertPosixSh(Path file) throws IOException {
        String script = Files.readString(file);
        // What dash would only catch on the branch that runs it; awk's programs (single-quoted) are awk, not sh.
        String shell = script.replaceAll("(?s)\\bawk ([^']*)'[^']*'", "awk $1'PROGRAM'");
        Matcher bashism = Pattern.compile("\\[\\[\\s|^\\s*function\\s|^\\s*local\\s|<<<|\\$'|^\\s*source\\s|\\$\\{\\w+//|==|"
                + "\\bdeclare\\s|\\btypeset\\s|\\becho -e\\b|\\$RANDOM|\\bpushd\\s|\\bpopd\\b", Pattern.MULTILINE)
                .matcher(shell);
        List<String> found = new ArrayList<>();
        while (bashism.find()) {
            found.add(bashism.group());
        }
        assertEquals(List.of(), found, "bashisms in " + file);
        Result syntax = run(List.of("sh", "-n", file.toString()), Map.of());
        assertEquals(0, syntax.exit(), syntax.err());
    }

    @Test
    void theTemplateHasOnlyTheRenderersPlaceholders() throws IOException {
        String template = Files.readString(LOCKDOWN.resolve("policy.json.template"));
        Set<String> placeholders = new TreeSet<>();
        Matcher m = Pattern.compile("@[A-Z_]+@").matcher(template);
        while (m.find()) {
            placeholders.add(m.group());
        }
        assertEquals(Set.of("@ALLOW_PATTERN@", "@CA_CN@", "@ORIGIN@"), placeholders);
        assertFalse(kiosk(Map.of(), "render-policy", ORIGIN, CA_CN).out().contains("@"));
    }

    private static JsonNode policy(String origin, String caCn) throws IOException {
        Result result = kiosk(Map.of(), "render-policy", origin, caCn);
        assertEquals(0, result.exit(), result.err());
        assertEquals("", result.err());
        JsonNode policy = JSON.readTree(result.out());
        assertTrue(policy.isObject(), "a JSON object");
        return policy;
    }

    private static void collectUrls(JsonNode node, List<String> urls) throws IOException {
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.startsWith("{")) {
                collectUrls(JSON.readTree(text), urls);
            } else if (text.contains("://") || text.contains("chu.example")) {
                urls.add(text);
            }
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                collectUrls(child, urls);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.textValue()));
        return out;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String commonName(String dn) throws Exception {
        for (Rdn rdn : new LdapName(dn).getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                return rdn.getValue().toString();
            }
        }
        return fail("no CN in " + dn);
    }
}
