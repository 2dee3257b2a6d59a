package org.lucarne.e2ee.vectors;

import static org.lucarne.e2ee.vectors.VectorFile.b64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.primitives.AesGcm;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.ratchet.Kdf;
import org.lucarne.e2ee.ratchet.PrekeySecrets;
import org.lucarne.e2ee.ratchet.Session;
import org.lucarne.e2ee.ratchet.SessionStart;
import org.lucarne.e2ee.wire.Bytes;
import org.lucarne.e2ee.wire.EnvelopeException;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.e2ee.wire.EnvelopeType;
import org.lucarne.e2ee.wire.PrekeyPart;
import org.lucarne.e2ee.x3dh.Psk;

/** envelope.json: envelopes of both types parsed, refused ones with their codes, and first messages that must not open. */
class EnvelopeVectorsTest {
    private static final IdentityKeys FAMILY = TestKeys.identity("family");
    private static final IdentityKeys TABLET = TestKeys.identity("tablet");
    private static final byte[] PSK = Psk.fromLinkSecret(TestKeys.value("link secret"));

    @Test
    void envelopeFileHoldsValidAndRefusedEnvelopesWithTheirCodes() throws Exception {
        ObjectNode root = VectorFile.root("Envelopes (docs/e2ee.md \"Envelope\"). 'parse': what the parser of the clear part reads, "
                + "or its code. 'open': prekey messages given to the tablet of ratchet.json (same keys, prekeys, link and "
                + "random value 'tablet ratchet 1'); each opens to its plaintext or fails with its code.");
        var bundle = TestKeys.bundle("tablet", true);
        SessionStart.Started started = SessionStart.start(FAMILY, bundle, PSK, TestKeys.NOW,
                new Conversation.Draws("family ephemeral", "family ratchet 1"));
        byte[] plaintext = Conversation.text("a1", 0, "Bonjour Mamie, c'est Jean.");
        byte[] a1 = Session.encrypt(started.state(), plaintext).envelope();
        SessionStart.Accepted acc = SessionStart.accept(TABLET, TestKeys.tabletSecrets(PSK), a1,
                new Conversation.Draws("tablet ratchet 1"));
        byte[] b1 = Session.encrypt(acc.state(), Conversation.text("b1", 3, "Merci mon grand !")).envelope();

        ObjectNode parse = root.putObject("parse");
        ArrayNode valid = parse.putArray("valid");
        valid.add(parsed("a prekey message (a1 of ratchet.json)", a1));
        valid.add(parsed("a normal message (b1 of ratchet.json)", b1));
        ArrayNode invalid = parse.putArray("invalid");
        refused(invalid, "2 bytes", Arrays.copyOf(a1, 2));
        refused(invalid, "a normal message of 90 bytes (its clear part and tag need 91)", Arrays.copyOf(b1, 90));
        refused(invalid, "a prekey message of 274 bytes (its clear part and tag need 275)", Arrays.copyOf(a1, 274));
        refused(invalid, "version 0x02", with(b1, 0, 2));
        refused(invalid, "suite 0x02 (reserved, not implemented)", with(b1, 1, 2));
        refused(invalid, "suite 0x00", with(b1, 1, 0));
        refused(invalid, "type 0x03", with(b1, 2, 3));
        refused(invalid, "type 0x00", with(b1, 2, 0));
        refused(invalid, "a normal message one byte short (ciphertext less tag 255 bytes)", Arrays.copyOf(b1, b1.length - 1));
        refused(invalid, "a normal message one byte long", Arrays.copyOf(b1, b1.length + 1));
        refused(invalid, "a normal message with a 128-byte bucket", Arrays.copyOf(b1, 75 + 128 + 16));
        refused(invalid, "a normal message with a 384-byte ciphertext less tag", Arrays.copyOf(b1, 75 + 384 + 16));

        ArrayNode open = root.putArray("open");
        opens(open, "a1: opens", a1);
        byte[] tag = a1.clone();
        tag[tag.length - 1] ^= 1;
        opens(open, "wrong tag (last byte changed)", tag);
        opens(open, "clear part changed after sealing (PN 0 -> 1)", with(a1, 254, 1));
        opens(open, "wrong AD: sealed with the clear part alone, without the X3DH AD", sealed(started, false, false));
        opens(open, "bad padding: 256 bytes of 0x41 with no 0x80", sealed(started, true, true));
        opens(open, "a psk id the tablet does not hold", with(a1, 203, a1[203] ^ 1));
        opens(open, "a one-time prekey the tablet does not hold (id 8)", with(a1, 202, 8));
        opens(open, "another recipient", with(a1, 19, a1[19] ^ 1));
        opens(open, "a normal message where a session must start", b1);
        opens(open, "truncated", Arrays.copyOf(a1, 100));
        VectorFile.check("envelope.json", root);
    }

    private static ObjectNode parsed(String name, byte[] envelope) throws EnvelopeException {
        EnvelopeHeader h = EnvelopeHeader.parse(envelope);
        ObjectNode o = VectorFile.object().put("name", name).put("envelope", b64(envelope));
        ObjectNode f = o.putObject("header");
        f.put("version", h.version()).put("suite", h.suite()).put("type", h.type().name().toLowerCase())
                .put("sender", b64(h.senderDeviceId())).put("recipient", b64(h.recipientDeviceId()));
        if (h.prekey() != null) {
            f.putObject("prekey").put("identity", b64(h.prekey().identityRecord())).put("ephemeral", b64(h.prekey().ephemeralKey()))
                    .put("spkId", h.prekey().signedPrekeyId()).put("opkId", h.prekey().oneTimePrekeyId())
                    .put("pskId", b64(h.prekey().pskId()));
        }
        f.put("ratchetKey", b64(h.ratchetKey())).put("pn", h.pn()).put("n", h.n())
                .put("clearPartBytes", h.clearPartBytes()).put("ciphertextBytes", h.ciphertextLength());
        return o;
    }

    private static void refused(ArrayNode out, String name, byte[] envelope) {
        out.addObject().put("name", name).put("envelope", b64(envelope))
                .put("code", VectorFile.outcome(() -> EnvelopeHeader.parse(envelope)));
    }

    private static void opens(ArrayNode out, String name, byte[] envelope) {
        ObjectNode o = out.addObject().put("name", name).put("envelope", b64(envelope));
        try {
            PrekeySecrets secrets = TestKeys.tabletSecrets(PSK);
            o.put("plaintext", b64(SessionStart.accept(TABLET, secrets, envelope, new Conversation.Draws("tablet ratchet 1")).plaintext()));
        } catch (E2eeException e) {
            o.put("code", e.code());
        }
    }

    private static byte[] with(byte[] envelope, int at, int value) {
        byte[] b = envelope.clone();
        b[at] = (byte) value;
        return b;
    }

    /** a1's first message sealed by hand: with or without the X3DH AD, with a good or a bad padding. */
    private static byte[] sealed(SessionStart.Started started, boolean withX3dhAd, boolean badPadding) throws Exception {
        PrekeyPart p = new PrekeyPart(FAMILY.identity().record(), started.ephemeralKey(), TestKeys.SPK_ID, TestKeys.OPK_ID,
                started.x3dh().pskId());
        EnvelopeHeader h = new EnvelopeHeader(1, 1, EnvelopeType.PREKEY, FAMILY.deviceId(), TABLET.deviceId(), p,
                started.state().ratchetPublicKey(), 0, 0, 256 + 16);
        byte[] padded = new byte[256];
        Arrays.fill(padded, (byte) 0x41);
        if (!badPadding) {
            padded[3] = (byte) 0x80;
            Arrays.fill(padded, 4, 256, (byte) 0);
        }
        Kdf.MessageKeys keys = Kdf.messageKeys(Kdf.chainStep(started.state().sendChain()).first());
        byte[] clear = h.encode();
        byte[] ad = withX3dhAd ? Bytes.concat(started.x3dh().ad(), clear) : clear;
        return Bytes.concat(clear, AesGcm.encrypt(keys.key(), keys.nonce(), padded, ad));
    }
}
