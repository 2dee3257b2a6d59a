package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A certificate request comes from an unauthenticated tablet: whatever it sends, {@link TabletCsr#parse} gives a
 * checked request or an {@link InvalidCsrException} with a short message, never another exception.
 * {@code @FuzzTest} fuzzes with {@code JAZZER_FUZZ=1}; the seeded mutation test runs 5,000 mutants of real
 * requests (their PEM text and their DER bytes) every build.
 */
class TabletCsrFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyTextIsReadOrRefusedCleanly(FuzzedDataProvider data) {
        check(data.consumeRemainingAsString());
    }

    @Test
    void mutantsOfRealRequestsAreReadOrRefusedCleanly() throws Exception {
        KeyPair ec = TabletCsrTest.keys("EC", "secp256r1");
        KeyPair rsa = TabletCsrTest.keys("RSA", 2048);
        byte[][] seeds = {
            TabletCsrTest.csr(ec, "SHA256withECDSA").getEncoded(),
            TabletCsrTest.csr(rsa, "SHA256withRSA").getEncoded(),
        };
        Random random = new Random(20261204);
        for (int i = 0; i < 5_000; i++) {
            byte[] der = seeds[random.nextInt(seeds.length)].clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                der[random.nextInt(der.length)] = (byte) random.nextInt(256);
            }
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
            String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + body + "\n-----END CERTIFICATE REQUEST-----\n";
            if (random.nextInt(4) == 0) {
                int at = random.nextInt(pem.length());
                pem = pem.substring(0, at) + (char) random.nextInt(128) + pem.substring(at);
            }
            check(pem);
        }
    }

    private static void check(String pem) {
        try {
            TabletCsr csr = TabletCsr.parse(pem);
            assertTrue(csr.keyFingerprint().length() == 95);
        } catch (InvalidCsrException refused) {
            String m = refused.getMessage();
            assertTrue(m != null && !m.isEmpty() && m.length() < 200, m);
        }
    }
}
