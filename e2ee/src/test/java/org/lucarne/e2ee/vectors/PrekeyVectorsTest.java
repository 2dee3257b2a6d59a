package org.lucarne.e2ee.vectors;

import static org.lucarne.e2ee.vectors.VectorFile.b64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.prekey.OneTimePrekey;
import org.lucarne.e2ee.prekey.SignedPrekey;
import org.lucarne.e2ee.primitives.X25519;

/** prekeys.json: signed and one-time prekey records, and the sender's checks of signed ones. */
class PrekeyVectorsTest {
    private static final long DAY = 86_400_000L;

    @Test
    void prekeysFileHoldsRecordsAndTheChecksOfASender() throws Exception {
        ObjectNode root = VectorFile.root("Prekey records (docs/e2ee.md \"Prekeys\"): 'signed' is what the signed prekey's "
                + "signature covers; 'checks' are a sender's checks at time 'now' (ms), with their result ('ok' or a code).");
        IdentityKeys tablet = TestKeys.identity("tablet");
        root.set("owner", VectorFile.identity("tablet", tablet));
        SignedPrekey spk = SignedPrekey.sign(tablet, TestKeys.SPK_ID, TestKeys.SPK_CREATED,
                X25519.publicKey(TestKeys.spkPrivate("tablet")));
        ObjectNode s = root.putObject("signedPrekey");
        s.set("key", VectorFile.x25519("tablet signed prekey"));
        s.put("id", spk.id()).put("createdAt", spk.createdAt());
        s.put("signed", b64(SignedPrekey.signedBytes(tablet.deviceId(), spk.id(), spk.createdAt(), spk.publicKey())));
        s.put("signature", b64(spk.signature())).put("record", b64(spk.encode()));
        OneTimePrekey opk = new OneTimePrekey(TestKeys.OPK_ID, X25519.publicKey(TestKeys.opkPrivate("tablet")));
        ObjectNode o = root.putObject("oneTimePrekey");
        o.set("key", VectorFile.x25519("tablet one-time prekey"));
        o.put("id", opk.id()).put("record", b64(opk.encode()));

        ArrayNode checks = root.putArray("checks");
        check(checks, "fresh", spk.encode(), TestKeys.NOW);
        check(checks, "35 days old exactly", spk.encode(), spk.createdAt() + 35 * DAY);
        check(checks, "35 days and 1 ms old", spk.encode(), spk.createdAt() + 35 * DAY + 1);
        check(checks, "dated a day and 1 ms ahead", spk.encode(), spk.createdAt() - DAY - 1);
        SignedPrekey forged = SignedPrekey.sign(TestKeys.identity("intruder"), spk.id(), spk.createdAt(), spk.publicKey());
        check(checks, "signed by another device", forged.encode(), TestKeys.NOW);
        byte[] redated = spk.encode();
        redated[11] ^= 1;
        check(checks, "created changed after signing", redated, TestKeys.NOW);
        check(checks, "107 bytes", java.util.Arrays.copyOf(spk.encode(), 107), TestKeys.NOW);
        VectorFile.check("prekeys.json", root);
    }

    private static void check(ArrayNode checks, String name, byte[] record, long now) {
        String result = VectorFile.outcome(() -> SignedPrekey.parse(record).check(TestKeys.identity("tablet").identity(), now));
        checks.addObject().put("name", name).put("record", b64(record)).put("now", now).put("result", result);
    }
}
