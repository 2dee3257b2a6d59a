package org.lucarne.e2ee.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Randomness;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.e2ee.wire.EnvelopeType;
import org.lucarne.e2ee.x3dh.Psk;

class SessionTest {
    static final IdentityKeys FAMILY = TestKeys.identity("family");
    static final IdentityKeys TABLET = TestKeys.identity("tablet");
    static final byte[] PSK = Psk.fromLinkSecret(TestKeys.value("link secret"));
    private static final Randomness RANDOM = Randomness.secure();

    /** The tablet's prekeys and the PSK of the family's link. */
    static final PrekeySecrets TABLET_SECRETS = TestKeys.tabletSecrets(PSK);

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SessionState family() throws Exception {
        return SessionStart.start(FAMILY, TestKeys.bundle("tablet", true), PSK, TestKeys.NOW, RANDOM).state();
    }

    @Test
    void familyAndTabletTalkBothWaysAndPrekeyMessagesStopAfterTheReply() throws Exception {
        SessionState a = family();
        Session.Sealed m1 = Session.encrypt(a, utf8("bonjour"));
        Session.Sealed m2 = Session.encrypt(m1.state(), utf8("ça va ?"));
        assertEquals(EnvelopeType.PREKEY, EnvelopeHeader.parse(m2.envelope()).type());

        SessionStart.Accepted accepted = SessionStart.accept(TABLET, TABLET_SECRETS, m1.envelope(), RANDOM);
        assertArrayEquals(utf8("bonjour"), accepted.plaintext());
        assertEquals(TestKeys.OPK_ID, accepted.oneTimePrekeyId());
        Session.Opened o2 = Session.decrypt(accepted.state(), m2.envelope(), RANDOM);
        assertArrayEquals(utf8("ça va ?"), o2.plaintext());

        Session.Sealed r1 = Session.encrypt(o2.state(), utf8("oui, merci"));
        assertEquals(EnvelopeType.NORMAL, EnvelopeHeader.parse(r1.envelope()).type());
        Session.Opened back = Session.decrypt(m2.state(), r1.envelope(), RANDOM);
        assertArrayEquals(utf8("oui, merci"), back.plaintext());
        assertFalse(back.state().sendsPrekeyMessages());
        assertEquals(EnvelopeType.NORMAL, EnvelopeHeader.parse(Session.encrypt(back.state(), utf8("!")).envelope()).type());
    }

    @Test
    void messagesDeliveredOutOfOrderDecryptWithSkippedKeys() throws Exception {
        Session.Sealed m1 = Session.encrypt(family(), utf8("one"));
        Session.Sealed m2 = Session.encrypt(m1.state(), utf8("two"));
        Session.Sealed m3 = Session.encrypt(m2.state(), utf8("three"));
        SessionStart.Accepted b = SessionStart.accept(TABLET, TABLET_SECRETS, m3.envelope(), RANDOM);
        assertEquals(2, b.state().skippedKeys());
        Session.Opened o1 = Session.decrypt(b.state(), m1.envelope(), RANDOM);
        Session.Opened o2 = Session.decrypt(o1.state(), m2.envelope(), RANDOM);
        assertArrayEquals(utf8("two"), o2.plaintext());
        assertEquals(0, o2.state().skippedKeys());
    }

    @Test
    void aMessageThatFailsLeavesTheSessionAsItWas() throws Exception {
        Session.Sealed m1 = Session.encrypt(family(), utf8("one"));
        Session.Sealed m2 = Session.encrypt(m1.state(), utf8("two"));
        SessionState b = SessionStart.accept(TABLET, TABLET_SECRETS, m1.envelope(), RANDOM).state();
        byte[] tampered = m2.envelope().clone();
        tampered[tampered.length - 1] ^= 1;
        byte[] rootBefore = b.rootKey();
        byte[] chainBefore = b.recvChain();
        assertEquals("decrypt_failed", assertThrows(E2eeException.class, () -> Session.decrypt(b, tampered, RANDOM)).code());
        assertArrayEquals(rootBefore, b.rootKey());
        assertArrayEquals(chainBefore, b.recvChain());
        assertEquals(1, b.received());
        assertArrayEquals(utf8("two"), Session.decrypt(b, m2.envelope(), RANDOM).plaintext());
    }

    @Test
    void aMessageAlreadyReadDoesNotDecryptAgain() throws Exception {
        Session.Sealed m1 = Session.encrypt(family(), utf8("one"));
        SessionState b = SessionStart.accept(TABLET, TABLET_SECRETS, m1.envelope(), RANDOM).state();
        assertEquals("decrypt_failed", assertThrows(E2eeException.class, () -> Session.decrypt(b, m1.envelope(), RANDOM)).code());
    }

    @Test
    void skippingMaxSkipInOneChainIsAllowedAndOneMoreIsRefused() throws Exception {
        Session.Sealed m = Session.encrypt(family(), utf8("first"));
        SessionState b = SessionStart.accept(TABLET, TABLET_SECRETS, m.envelope(), RANDOM).state();
        SessionState a = m.state();
        Session.Sealed last = null;
        for (int i = 0; i < Session.MAX_SKIP + 1; i++) {
            last = Session.encrypt(a, utf8("x"));
            a = last.state();
        }
        assertEquals(Session.MAX_SKIP, Session.decrypt(b, last.envelope(), RANDOM).state().skippedKeys());
        Session.Sealed far = Session.encrypt(a, utf8("one too far"));
        assertEquals("too_many_skipped", assertThrows(E2eeException.class, () -> Session.decrypt(b, far.envelope(), RANDOM)).code());
    }

    @Test
    void prekeyMessageNamingAnUnknownLinkSecretOrPrekeyIsRefused() throws Exception {
        SessionState stranger = SessionStart.start(FAMILY, TestKeys.bundle("tablet", true),
                Psk.fromLinkSecret(TestKeys.value("another link")), TestKeys.NOW, RANDOM).state();
        byte[] e = Session.encrypt(stranger, utf8("hi")).envelope();
        assertEquals("psk_unknown", assertThrows(E2eeException.class,
                () -> SessionStart.accept(TABLET, TABLET_SECRETS, e, RANDOM)).code());
        SessionState other = SessionStart.start(FAMILY, TestKeys.bundle("tablet", true), PSK, TestKeys.NOW, RANDOM).state();
        byte[] e2 = Session.encrypt(other, utf8("hi")).envelope();
        PrekeySecrets used = new PrekeySecrets() {
            public byte[] signedPrekey(long id) { return TABLET_SECRETS.signedPrekey(id); }
            public byte[] oneTimePrekey(long id) { return null; }
            public byte[] psk(byte[] id) { return TABLET_SECRETS.psk(id); }
        };
        assertEquals("prekey_unknown", assertThrows(E2eeException.class,
                () -> SessionStart.accept(TABLET, used, e2, RANDOM)).code());
    }

    @Test
    void anEnvelopeForAnotherDeviceIsRefused() throws Exception {
        byte[] e = Session.encrypt(family(), utf8("hi")).envelope();
        assertEquals("envelope_wrong_device", assertThrows(E2eeException.class,
                () -> SessionStart.accept(TestKeys.identity("other tablet"), TABLET_SECRETS, e, RANDOM)).code());
    }

    @Test
    void everyMessageOfALongConversationDecryptsOnce() throws Exception {
        Session.Sealed first = Session.encrypt(family(), utf8("start"));
        SessionState a = first.state();
        SessionState b = SessionStart.accept(TABLET, TABLET_SECRETS, first.envelope(), RANDOM).state();
        for (int turn = 0; turn < 6; turn++) {
            boolean fromTablet = turn % 2 == 0;
            for (int k = 0; k <= turn % 3; k++) {
                String text = "turn " + turn + " message " + k;
                Session.Sealed s = Session.encrypt(fromTablet ? b : a, utf8(text));
                Session.Opened o = Session.decrypt(fromTablet ? a : b, s.envelope(), RANDOM);
                assertArrayEquals(utf8(text), o.plaintext());
                if (fromTablet) {
                    b = s.state();
                    a = o.state();
                } else {
                    a = s.state();
                    b = o.state();
                }
            }
        }
        assertTrue(a.sent() >= 1);
    }
}
