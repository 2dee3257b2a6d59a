package org.lucarne.certs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.TabletIds;
import org.lucarne.certs.TabletKeystore;

/**
 * {@code tablet issue}: a bedside tablet's client certificate from the CA in a CA directory, into
 * {@code OUT/<id>.p12} with its password in {@code OUT/<id>.password}.
 */
final class TabletIssueCommand {

    static final String SYNOPSIS = "tablet issue --ca-dir DIR --id TABLET_ID --out-dir DIR [--days N]";

    private TabletIssueCommand() {
    }

    static int run(List<String> args, Clock clock, PrintStream out) throws UsageException {
        Arguments arguments = Arguments.parse("tablet issue", args, Set.of("ca-dir", "id", "out-dir", "days"),
                Set.of(), 0);
        CaDirectory caDir = new CaDirectory(Path.of(arguments.required("ca-dir")));
        String id = arguments.required("id");
        if (!TabletIds.valid(id)) {
            throw new UsageException("--id \"" + id + "\" is not a tablet id: 1 to 64 characters of A-Z a-z 0-9 - _");
        }
        int max = (int) CertificateAuthority.MAX_TABLET_VALIDITY.toDays();
        int days = arguments.days("days", (int) TabletKeystore.VALIDITY.toDays(), max);
        Path outDir = Path.of(arguments.required("out-dir"));

        CertificateAuthority ca = caDir.load(clock);
        TabletKeystore written = TabletKeystore.issue(ca, outDir, id, Duration.ofDays(days), "issued by the CLI");
        X509Certificate leaf = written.certificate();
        out.println("Wrote " + written.keystore().toAbsolutePath() + " and its password "
                + written.passwordFile().toAbsolutePath());
        out.println("  Tablet:      " + id + "  (" + TabletIds.uri(id) + ")");
        out.println("  Valid until: " + leaf.getNotAfter().toInstant());
        out.println("  Issued by:   " + ca.certificate().getSubjectX500Principal().getName());
        return 0;
    }
}
