package org.lucarne.e2ee.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.e2ee.vectors.VectorFile.b64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.ratchet.Session;
import org.lucarne.e2ee.ratchet.SessionStart;
import org.lucarne.e2ee.ratchet.SessionState;
import org.lucarne.e2ee.x3dh.Psk;

/**
 * ratchet.json: a scripted conversation (docs/e2ee.md "Test vectors") between a family device (A) and the tablet
 * (B): A's first three messages, B's two replies, a3 delivered before a2, and a2 delivered after B's second ratchet
 * step, so its key was skipped past that step. A fourth message of A carries A's new ratchet key to B.
 */
class RatchetVectorsTest {
    static final String[] SCRIPT = {
        "family sends a1, a2, a3 (prekey messages: no reply yet)",
        "tablet receives a1: accepts the session (X3DH as responder, first DH ratchet step)",
        "tablet receives a3 before a2: a2's message key is skipped and kept",
        "tablet replies b1",
        "family receives b1: DH ratchet step; its messages are normal ones from now on",
        "family sends a4 (new chain: N 0, PN 3)",
        "tablet replies b2 before it has a4 (its chain's N 1)",
        "tablet receives a4: DH ratchet step",
        "tablet receives a2: from its skipped keys, past the ratchet step of 8",
        "family receives b2",
    };

    @Test
    void ratchetFileHoldsTheScriptedConversationStepByStep() throws Exception {
        ObjectNode root = VectorFile.root("A scripted Double Ratchet conversation (docs/e2ee.md \"Double Ratchet\", DR §3). "
                + "Each step gives what the device drew from its randomness (names of values in 'randomValues'), the "
                + "plaintext (inner JSON, before padding), for sends the message key, AES key, nonce and envelope, and "
                + "the session state after the step. AD of each message = x3dh.ad || the envelope's first clearPartBytes bytes.");
        ArrayNode script = root.putArray("script");
        for (String line : SCRIPT) {
            script.add(line);
        }
        IdentityKeys family = TestKeys.identity("family");
        IdentityKeys tablet = TestKeys.identity("tablet");
        root.set("family", VectorFile.identity("family", family));
        root.set("tablet", VectorFile.identity("tablet", tablet));
        ObjectNode b = root.putObject("tabletBundle");
        var bundle = TestKeys.bundle("tablet", true);
        b.set("signedPrekeyKey", VectorFile.x25519("tablet signed prekey"));
        b.put("signedPrekey", b64(bundle.signedPrekey().encode()));
        b.set("oneTimePrekeyKey", VectorFile.x25519("tablet one-time prekey"));
        b.put("oneTimePrekey", b64(bundle.oneTimePrekey().encode()));
        root.put("now", TestKeys.NOW);
        byte[] psk = Psk.fromLinkSecret(TestKeys.value("link secret"));
        root.putObject("link").put("secret", b64(TestKeys.value("link secret"))).put("psk", b64(psk)).put("pskId", b64(Psk.id(psk)));
        ArrayNode random = root.putArray("randomValues");
        for (String name : new String[] {"family ephemeral", "family ratchet 1", "tablet ratchet 1", "family ratchet 2", "tablet ratchet 2"}) {
            random.add(VectorFile.x25519(name));
        }

        Conversation c = new Conversation();
        Conversation.Draws fr = new Conversation.Draws("family ephemeral", "family ratchet 1", "family ratchet 2");
        Conversation.Draws tr = new Conversation.Draws("tablet ratchet 1", "tablet ratchet 2");
        SessionStart.Started started = SessionStart.start(family, bundle, psk, TestKeys.NOW, fr);
        root.putObject("x3dh").put("sk", b64(started.x3dh().sk())).put("ad", b64(started.x3dh().ad()))
                .put("ephemeralPublic", b64(started.ephemeralKey()));
        root.set("familyStateAtStart", Conversation.state(started.state()));

        byte[] a1 = Conversation.text("a1", 0, "Bonjour Mamie, c'est Jean.");
        byte[] a2 = Conversation.text("a2", 1, "On pense bien à toi 💐");
        byte[] a3 = Conversation.text("a3", 2, "Léa t'envoie une photo demain.");
        byte[] b1 = Conversation.text("b1", 3, "Merci mon grand !");
        byte[] a4 = Conversation.text("a4", 4, "À jeudi pour la visite.");
        byte[] b2 = Conversation.text("b2", 5, "Je vous embrasse tous.");

        Session.Sealed s1 = Session.encrypt(started.state(), a1);
        c.send("family", "a1", a1, s1, fr);
        Session.Sealed s2 = Session.encrypt(s1.state(), a2);
        c.send("family", "a2", a2, s2, fr);
        Session.Sealed s3 = Session.encrypt(s2.state(), a3);
        c.send("family", "a3", a3, s3, fr);
        SessionState famState = s3.state();

        SessionStart.Accepted acc = SessionStart.accept(tablet, TestKeys.tabletSecrets(psk), c.envelopes.get("a1"), tr);
        assertArrayEquals(a1, acc.plaintext());
        c.receive("tablet", "a1", acc.plaintext(), acc.state(), tr).put("oneTimePrekeyUsed", acc.oneTimePrekeyId());
        Session.Opened o3 = Session.decrypt(acc.state(), c.envelopes.get("a3"), tr);
        assertArrayEquals(a3, o3.plaintext());
        c.receive("tablet", "a3", o3.plaintext(), o3.state(), tr);
        Session.Sealed r1 = Session.encrypt(o3.state(), b1);
        c.send("tablet", "b1", b1, r1, tr);

        Session.Opened ob1 = Session.decrypt(famState, c.envelopes.get("b1"), fr);
        assertArrayEquals(b1, ob1.plaintext());
        c.receive("family", "b1", ob1.plaintext(), ob1.state(), fr);
        Session.Sealed s4 = Session.encrypt(ob1.state(), a4);
        c.send("family", "a4", a4, s4, fr);

        Session.Sealed r2 = Session.encrypt(r1.state(), b2);
        c.send("tablet", "b2", b2, r2, tr);
        Session.Opened o4 = Session.decrypt(r2.state(), c.envelopes.get("a4"), tr);
        assertArrayEquals(a4, o4.plaintext());
        c.receive("tablet", "a4", o4.plaintext(), o4.state(), tr);
        Session.Opened o2 = Session.decrypt(o4.state(), c.envelopes.get("a2"), tr);
        assertArrayEquals(a2, o2.plaintext());
        c.receive("tablet", "a2", o2.plaintext(), o2.state(), tr);

        Session.Opened ob2 = Session.decrypt(s4.state(), c.envelopes.get("b2"), fr);
        assertArrayEquals(b2, ob2.plaintext());
        c.receive("family", "b2", ob2.plaintext(), ob2.state(), fr);
        assertTrue(fr.allUsed() && tr.allUsed(), "every scripted random value is drawn");

        root.set("steps", c.steps);
        VectorFile.check("ratchet.json", root);
    }
}
