package org.lucarne.e2ee.vectors;

import static org.lucarne.e2ee.vectors.VectorFile.b64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.primitives.X25519;
import org.lucarne.e2ee.wire.Bytes;
import org.lucarne.e2ee.x3dh.Bundle;
import org.lucarne.e2ee.x3dh.Psk;
import org.lucarne.e2ee.x3dh.X3dh;
import org.lucarne.e2ee.x3dh.X3dhResult;

/** x3dh.json: the four cases of the session start, with or without DH4 and with or without the link secret. */
class X3dhVectorsTest {

    @Test
    void x3dhFileHoldsTheFourCasesWithEveryIntermediateValue() throws Exception {
        ObjectNode root = VectorFile.root("X3DH with the link secret (docs/e2ee.md \"Session start\"): the family device "
                + "(initiator) starts a session with the tablet (responder) from the tablet's bundle, checked at 'now'. "
                + "ikm is F || DH1 || DH2 || DH3 [|| DH4] [|| PSK]; dh4 and psk are null when absent.");
        IdentityKeys family = TestKeys.identity("family");
        IdentityKeys tablet = TestKeys.identity("tablet");
        root.set("initiator", VectorFile.identity("family", family));
        root.set("responder", VectorFile.identity("tablet", tablet));
        Bundle bundle = TestKeys.bundle("tablet", true);
        ObjectNode b = root.putObject("bundle");
        b.set("signedPrekeyKey", VectorFile.x25519("tablet signed prekey"));
        b.put("signedPrekey", b64(bundle.signedPrekey().encode()));
        b.set("oneTimePrekeyKey", VectorFile.x25519("tablet one-time prekey"));
        b.put("oneTimePrekey", b64(bundle.oneTimePrekey().encode()));
        root.put("now", TestKeys.NOW);
        root.set("ephemeral", VectorFile.x25519("family ephemeral"));
        byte[] linkSecret = TestKeys.value("link secret");
        byte[] psk = Psk.fromLinkSecret(linkSecret);
        root.putObject("link").put("secret", b64(linkSecret)).put("url", "https://visits.chu.example/v/"
                + IdentityVectorsTest.INVITE + "#" + Bytes.b64(linkSecret)).put("psk", b64(psk)).put("pskId", b64(Psk.id(psk)));

        ArrayNode cases = root.putArray("cases");
        byte[] ek = TestKeys.value("family ephemeral");
        for (boolean withOpk : new boolean[] {false, true}) {
            for (boolean withPsk : new boolean[] {false, true}) {
                Bundle used = withOpk ? bundle : new Bundle(bundle.deviceId(), bundle.identity(), bundle.signedPrekey(), null);
                X3dhResult x = X3dh.initiate(family, used, ek, withPsk ? psk : null, TestKeys.NOW);
                X3dhResult y = X3dh.respond(tablet, TestKeys.spkPrivate("tablet"), withOpk ? TestKeys.opkPrivate("tablet") : null,
                        family.identity(), X25519.publicKey(ek), withPsk ? psk : null);
                if (!java.util.Arrays.equals(x.sk(), y.sk())) {
                    throw new AssertionError("the two sides disagree");
                }
                ObjectNode c = cases.addObject();
                c.put("name", (withOpk ? "with" : "without") + " a one-time prekey, " + (withPsk ? "with" : "without") + " the link secret");
                c.put("oneTimePrekey", withOpk).put("linkSecret", withPsk);
                c.put("dh1", b64(x.dh1())).put("dh2", b64(x.dh2())).put("dh3", b64(x.dh3()));
                c.put("dh4", x.dh4() == null ? null : b64(x.dh4()));
                c.put("psk", x.psk() == null ? null : b64(x.psk()));
                c.put("pskId", b64(x.pskId())).put("flags", x.flags()).put("info", b64(x.info()));
                byte[] ff = new byte[32];
                java.util.Arrays.fill(ff, (byte) 0xFF);
                c.put("ikm", b64(Bytes.concat(ff, x.dh1(), x.dh2(), x.dh3(), x.dh4() == null ? new byte[0] : x.dh4(),
                        x.psk() == null ? new byte[0] : x.psk())));
                c.put("sk", b64(x.sk())).put("ad", b64(x.ad()));
            }
        }
        VectorFile.check("x3dh.json", root);
    }
}
