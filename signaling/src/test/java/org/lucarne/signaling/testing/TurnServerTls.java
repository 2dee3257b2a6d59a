package org.lucarne.signaling.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.DevTls;
import org.lucarne.certs.IssuedCertificate;
import org.lucarne.certs.Pem;
import org.lucarne.certs.ServerNames;

/**
 * The TLS of a test's coturn ({@code turns:}): a certificate from the development CA of the data directory a
 * {@link TestServer} is then started on (made here first, as the server makes it), so the Chromium that trusts
 * the server trusts coturn too. Written as PEM, the chain and its key, for coturn's {@code cert} and {@code pkey}.
 *
 * @param certificateChain the certificate, then the CA's
 * @param privateKey       its key, PKCS#8, readable by its owner only
 * @param caCertificate    the CA certificate browsers are to trust
 */
public record TurnServerTls(Path certificateChain, Path privateKey, Path caCertificate) {

    /**
     * Makes {@code dataDir}'s development CA for {@code host} (what the server started there with
     * {@code LUCARNE_HOST=host} reuses) and issues coturn's certificate for {@code host}, {@code localhost},
     * 127.0.0.1 and {@code moreAddresses}, written into {@code outDir}.
     */
    public static TurnServerTls issue(Path dataDir, String host, Path outDir, String... moreAddresses) {
        Clock clock = Clock.systemUTC();
        Path tls = dataDir.resolve("tls");
        DevTls.ensure(tls, host, clock);
        CaDirectory caDir = new CaDirectory(tls);
        ServerNames names = ServerNames.forHost(host);
        for (String address : moreAddresses) {
            names = names.withIpAddress(address);
        }
        IssuedCertificate issued = caDir.load(clock).issueServer(names, Duration.ofDays(1));
        StringBuilder chain = new StringBuilder();
        for (X509Certificate c : issued.chain()) {
            chain.append(Pem.encode(c));
        }
        try {
            Files.createDirectories(outDir);
            Path chainFile = Files.writeString(outDir.resolve("turn-chain.pem"), chain, StandardCharsets.US_ASCII);
            Path keyFile = outDir.resolve("turn-key.pem");
            Files.writeString(keyFile, Pem.encode("PRIVATE KEY", issued.privateKey().getEncoded()),
                    StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            return new TurnServerTls(chainFile, keyFile, caDir.certificate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write coturn's certificate into " + outDir + ": " + e.getMessage(), e);
        }
    }
}
