package org.lucarne.certs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.Fingerprints;
import org.lucarne.certs.PasswordFile;
import org.lucarne.certs.Pem;
import org.lucarne.certs.ServerKeystore;
import org.lucarne.certs.SubjectAltNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCliTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = new CertsCli(CLOCK).run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path caDir() {
        return dir.resolve("ca");
    }

    private void createCa() {
        assertEquals(0, run("ca", "create", "--dir", caDir().toString()), err);
    }

    // --- tablet issue ---------------------------------------------------------------------------------------

    @Test
    void tabletIssueWritesTheTabletsKeystoreAndPasswordBesideIt() {
        createCa();
        Path out = dir.resolve("tablets");
        assertEquals(0, run("tablet", "issue", "--ca-dir", caDir().toString(), "--id", "bed-7", "--out-dir",
                out.toString(), "--days", "10"), err);
        assertTrue(this.out.contains("urn:lucarne:tablet:bed-7"), this.out);
        org.lucarne.certs.IssuedCertificate read = org.lucarne.certs.Pkcs12.read(out.resolve("bed-7.p12"),
                PasswordFile.read(out.resolve("bed-7.password")));
        assertEquals(java.util.Optional.of("bed-7"), org.lucarne.certs.TabletIds.of(read.certificate()));
        assertEquals(NOW.plus(java.time.Duration.ofDays(10)), read.certificate().getNotAfter().toInstant());
    }

    @Test
    void tabletIssueUsageErrors() {
        createCa();
        assertEquals(2, run("tablet", "issue", "--ca-dir", caDir().toString(), "--id", "bed 7", "--out-dir", "x"));
        assertTrue(err.contains("not a tablet id"), err);
        assertEquals(2, run("tablet", "issue", "--ca-dir", caDir().toString(), "--id", "b", "--out-dir", "x",
                "--days", "91"));
        assertTrue(err.contains("--days must be between 1 and 90"), err);
    }

    // --- help and usage -------------------------------------------------------------------------------------

    @Test
    void noArgumentsPrintsUsageListingEverySubcommand() {
        assertEquals(0, run());
        for (String command : new String[] {"ca create", "server issue", "tablet issue", "show", "help"}) {
            assertTrue(out.contains("\n  " + command + " "), command + " missing from:\n" + out);
        }
        assertEquals("", err);
    }

    @Test
    void helpPrintsTheSameUsage() {
        assertEquals(0, run("help"));
        String help = out;
        run();
        assertEquals(out, help);
        assertEquals(0, run("server", "issue", "--help"));
        assertEquals(help, out);
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("renew"));
        assertTrue(err.startsWith("error: unknown command \"renew\""), err);
        assertTrue(err.contains("Usage: lucarne certs"), err);
        assertEquals("", out);
    }

    @Test
    void unknownSubcommandSuggestsTheRightOne() {
        assertEquals(2, run("ca", "make", "--dir", "x"));
        assertTrue(err.contains("did you mean 'ca create'?"), err);
        assertEquals(2, run("server"));
        assertTrue(err.contains("'server' needs a subcommand: server issue"), err);
    }

    // --- ca create ------------------------------------------------------------------------------------------

    @Test
    void caCreateWritesTheCaFilesAndPrintsThePemPathAndFingerprint() throws Exception {
        assertEquals(0, run("ca", "create", "--dir", caDir().toString(), "--cn", "Ward 7 CA", "--days", "365"));

        CaDirectory ca = new CaDirectory(caDir());
        X509Certificate certificate = Pem.read(ca.certificate());
        assertEquals("CN=Ward 7 CA", certificate.getSubjectX500Principal().getName());
        assertEquals(NOW.plus(Duration.ofDays(365)), certificate.getNotAfter().toInstant());
        assertEquals(certificate, ca.load(CLOCK).certificate());
        assertTrue(out.contains(ca.certificate().toAbsolutePath().toString()), out);
        assertTrue(out.contains("SHA-256 fingerprint: " + Fingerprints.sha256(certificate)), out);
        assertEquals("", err);
    }

    @Test
    void caCreateRefusesToReplaceAnExistingCa() throws Exception {
        createCa();
        byte[] before = Files.readAllBytes(caDir().resolve("ca.p12"));

        assertEquals(1, run("ca", "create", "--dir", caDir().toString()));

        assertTrue(err.startsWith("error: " + caDir().resolve("ca.p12").toAbsolutePath() + " already exists"), err);
        assertFalse(err.contains("Usage:"), err);
        assertArrayEquals(before, Files.readAllBytes(caDir().resolve("ca.p12")));
    }

    @Test
    void caCreateUsageErrors() {
        assertEquals(2, run("ca", "create"));
        assertTrue(err.startsWith("error: 'ca create' needs --dir"), err);
        assertEquals(2, run("ca", "create", "--dir", caDir().toString(), "--days", "ten"));
        assertTrue(err.startsWith("error: --days must be a whole number of days, not \"ten\""), err);
        assertEquals(2, run("ca", "create", "--dir", caDir().toString(), "--days", "0"));
        assertEquals(2, run("ca", "create", "--dir", caDir().toString(), "--cn", "x".repeat(65)));
        assertEquals(2, run("ca", "create", "--dir", caDir().toString(), "--colour", "blue"));
        assertTrue(err.startsWith("error: unknown option --colour for 'ca create'"), err);
        assertEquals(2, run("ca", "create", "--dir"));
        assertTrue(err.startsWith("error: option --dir needs a value"), err);
        assertFalse(Files.exists(caDir()), "nothing is written on a usage error");
    }

    // --- server issue ---------------------------------------------------------------------------------------

    @Test
    void serverIssueWritesAKeystoreProtectedByTheCaPassword() throws Exception {
        createCa();
        Path output = dir.resolve("server.p12");

        assertEquals(0, run("server", "issue", "--ca-dir", caDir().toString(), "--host", "video.ward7.example",
                "--dns", "lucarne.example", "--ip", "10.0.0.5", "--ip=2001:db8::5", "--out", output.toString()));

        char[] password = PasswordFile.read(caDir().resolve("password"));
        ServerKeystore keystore = ServerKeystore.load(output, password, CLOCK);
        for (String host : new String[] {"video.ward7.example", "lucarne.example", "localhost", "10.0.0.5", "::1", "2001:db8::5"}) {
            assertTrue(SubjectAltNames.covers(keystore.certificate(), host), host);
        }
        assertEquals(Pem.read(caDir().resolve("ca.crt")), keystore.contents().chain().get(1));
        assertTrue(out.contains("Wrote " + output.toAbsolutePath()), out);
        assertTrue(out.contains("SANs:        DNS:video.ward7.example, DNS:localhost, DNS:lucarne.example,"
                + " IP:127.0.0.1, IP:::1, IP:10.0.0.5, IP:2001:db8::5"), out);
        assertTrue(out.contains("Valid until: " + NOW.plus(Duration.ofDays(397))), out);
    }

    @Test
    void serverIssueUsesTheGivenPasswordFile() throws Exception {
        createCa();
        Path passwordFile = Files.writeString(dir.resolve("server-password"), "server secret\n");
        Path output = dir.resolve("server.p12");

        assertEquals(0, run("server", "issue", "--ca-dir", caDir().toString(), "--host", "a.example",
                "--out", output.toString(), "--password-file", passwordFile.toString(), "--days", "30"), err);

        ServerKeystore keystore = ServerKeystore.load(output, "server secret".toCharArray(), CLOCK);
        assertEquals(NOW.plus(Duration.ofDays(30)), keystore.certificate().getNotAfter().toInstant());
    }

    @Test
    void serverIssueUsageErrors() {
        createCa();
        String ca = caDir().toString();
        String output = dir.resolve("server.p12").toString();
        assertEquals(2, run("server", "issue", "--ca-dir", ca, "--out", output));
        assertTrue(err.startsWith("error: 'server issue' needs --host"), err);
        assertEquals(2, run("server", "issue", "--ca-dir", ca, "--host", "a.example"));
        assertTrue(err.startsWith("error: 'server issue' needs --out"), err);
        assertEquals(2, run("server", "issue", "--ca-dir", ca, "--host", "bad_host", "--out", output));
        assertTrue(err.startsWith("error: invalid host name \"bad_host\""), err);
        assertEquals(2, run("server", "issue", "--ca-dir", ca, "--host", "a.example", "--ip", "10.0.0.300", "--out", output));
        assertTrue(err.contains("\"10.0.0.300\""), err);
        assertEquals(2, run("server", "issue", "--ca-dir", ca, "--host", "a.example", "--out", output, "--days", "398"));
        assertTrue(err.startsWith("error: --days must be between 1 and 397"), err);
        assertEquals(2, run("server", "issue", "--ca-dir", ca, "--host", "a.example", "--host", "b.example", "--out", output));
        assertTrue(err.startsWith("error: option --host given more than once"), err);
        assertTrue(err.contains("Usage:"), err);
        assertFalse(Files.exists(dir.resolve("server.p12")));
    }

    @Test
    void serverIssueWithoutACaFailsNamingTheMissingFile() {
        assertEquals(1, run("server", "issue", "--ca-dir", dir.resolve("nowhere").toString(), "--host", "a.example",
                "--out", dir.resolve("server.p12").toString()));
        assertTrue(err.startsWith("error: " + dir.resolve("nowhere").resolve("ca.p12").toAbsolutePath() + " does not exist"), err);
        assertFalse(err.contains("\tat "), "no stack trace");
    }

    @Test
    void serverIssueRefusesToOverwriteTheCaKeystore() throws Exception {
        createCa();
        byte[] before = Files.readAllBytes(caDir().resolve("ca.p12"));
        assertEquals(1, run("server", "issue", "--ca-dir", caDir().toString(), "--host", "a.example",
                "--out", caDir().resolve("ca.p12").toString()));
        assertTrue(err.contains("refusing to write the server keystore over"), err);
        assertArrayEquals(before, Files.readAllBytes(caDir().resolve("ca.p12")));
    }

    // --- show -----------------------------------------------------------------------------------------------

    @Test
    void showPrintsAPemCertificate() throws Exception {
        createCa();
        Path pem = caDir().resolve("ca.crt");
        X509Certificate certificate = Pem.read(pem);

        assertEquals(0, run("show", pem.toString()));

        assertTrue(out.contains("Subject:    CN=Lucarne hospital CA"), out);
        assertTrue(out.contains("Issuer:     CN=Lucarne hospital CA"), out);
        assertTrue(out.contains("SANs:       (none)"), out);
        assertTrue(out.contains("Not before: " + NOW.minus(Duration.ofMinutes(5))), out);
        assertTrue(out.contains("Not after:  " + certificate.getNotAfter().toInstant()), out);
        assertTrue(out.contains("SHA-256:    " + Fingerprints.sha256(certificate)), out);
        assertTrue(out.contains("CA:         yes (path length 0)"), out);
    }

    @Test
    void showPrintsEveryCertificateOfAKeystore() {
        createCa();
        Path output = dir.resolve("server.p12");
        run("server", "issue", "--ca-dir", caDir().toString(), "--host", "a.example", "--out", output.toString());

        assertEquals(0, run("show", output.toString(), "--password-file", caDir().resolve("password").toString()));

        assertTrue(out.contains("Entry \"server\": private key with 2 certificate(s)"), out);
        assertTrue(out.contains("Subject:    CN=a.example"), out);
        assertTrue(out.contains("SANs:       DNS:a.example, DNS:localhost, IP:127.0.0.1, IP:::1"), out);
        assertTrue(out.contains("Certificate 2 of 2"), out);
    }

    @Test
    void showKeystoreWithoutPasswordFileIsAUsageError() {
        assertEquals(2, run("show", dir.resolve("server.p12").toString()));
        assertTrue(err.startsWith("error: 'show' needs --password-file"), err);
        assertEquals(2, run("show"));
        assertEquals(2, run("show", "a.crt", "b.crt"));
        assertTrue(err.startsWith("error: unexpected argument \"b.crt\""), err);
    }

    @Test
    void showOfAMissingOrWrongFileFailsWithoutStackTrace() throws Exception {
        assertEquals(1, run("show", dir.resolve("missing.crt").toString()));
        assertTrue(err.startsWith("error: " + dir.resolve("missing.crt").toAbsolutePath() + " does not exist."), err);
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertEquals(1, run("show", notPem.toString()));
        assertTrue(err.contains("contains no PEM certificate"), err);
        assertFalse(err.contains("\tat "), "no stack trace");
    }

    @Test
    void showWithWrongPasswordFailsNamingTheKeystore() throws Exception {
        createCa();
        Path wrong = Files.writeString(dir.resolve("wrong"), "nope\n");
        assertEquals(1, run("show", caDir().resolve("ca.p12").toString(), "--password-file", wrong.toString()));
        assertTrue(err.startsWith("error: " + caDir().resolve("ca.p12").toAbsolutePath()
                + " is not a readable PKCS#12 file"), err);
    }
}
