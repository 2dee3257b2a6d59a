package org.lucarne.certs.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.Fingerprints;
import org.lucarne.certs.IssuedCertificate;
import org.lucarne.certs.PasswordFile;
import org.lucarne.certs.Pkcs12;
import org.lucarne.certs.ServerNames;

/** {@code server issue}: a TLS server certificate from the CA in a CA directory, into a PKCS#12 file. */
final class ServerIssueCommand {

    static final String SYNOPSIS = "server issue --ca-dir DIR --host NAME [--dns NAME]... [--ip ADDR]..."
            + " --out FILE.p12 [--days N] [--password-file F]";

    private ServerIssueCommand() {
    }

    static int run(List<String> args, Clock clock, PrintStream out) throws UsageException {
        Arguments arguments = Arguments.parse("server issue", args,
                Set.of("ca-dir", "host", "out", "days", "password-file"), Set.of("dns", "ip"), 0);
        CaDirectory caDir = new CaDirectory(Path.of(arguments.required("ca-dir")));
        ServerNames names = names(arguments);
        Path output = Path.of(arguments.required("out"));
        int days = arguments.days("days", (int) CertificateAuthority.MAX_SERVER_VALIDITY.toDays(),
                (int) CertificateAuthority.MAX_SERVER_VALIDITY.toDays());
        Path passwordFile = arguments.optional("password-file").map(Path::of).orElse(caDir.passwordFile());
        refuseToOverwrite(output, List.of(caDir.keystore(), caDir.certificate(), caDir.passwordFile(), passwordFile));

        CertificateAuthority ca = caDir.load(clock);
        char[] password = PasswordFile.read(passwordFile);
        IssuedCertificate issued = ca.issueServer(names, Duration.ofDays(days));
        boolean replaced = Files.exists(output);
        Pkcs12.write(output, issued, password);

        X509Certificate leaf = issued.certificate();
        boolean shortened = leaf.getNotAfter().equals(ca.certificate().getNotAfter());
        out.println("Wrote " + output.toAbsolutePath() + (replaced ? " (replaced the previous file)" : ""));
        out.println("  Subject:     " + leaf.getSubjectX500Principal().getName());
        out.println("  SANs:        " + String.join(", ", names.describe()));
        out.println("  Valid until: " + leaf.getNotAfter().toInstant()
                + (shortened ? "  (shortened: the CA expires then)" : ""));
        out.println("  Issued by:   " + ca.certificate().getSubjectX500Principal().getName()
                + "  (SHA-256 " + Fingerprints.sha256(ca.certificate()) + ")");
        out.println("  Password:    " + passwordFile.toAbsolutePath());
        return 0;
    }

    private static ServerNames names(Arguments arguments) throws UsageException {
        try {
            ServerNames names = ServerNames.forHost(arguments.required("host"));
            for (String dns : arguments.values("dns")) {
                names = names.withDnsName(dns);
            }
            for (String ip : arguments.values("ip")) {
                names = names.withIpAddress(ip);
            }
            return names;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void refuseToOverwrite(Path output, List<Path> protectedFiles) {
        Path target = output.toAbsolutePath().normalize();
        for (Path file : protectedFiles) {
            if (target.equals(file.toAbsolutePath().normalize())) {
                throw new CertificateStoreException("refusing to write the server keystore over " + target
                        + "; choose another --out file.");
            }
        }
    }
}
