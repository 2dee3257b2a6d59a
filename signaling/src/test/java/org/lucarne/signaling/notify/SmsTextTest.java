package org.lucarne.signaling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void frenchAccentsOfTheGsmAlphabetStayAndOthersLoseTheirAccent() {
        assertTrue(SmsText.isGsm("é è à ù ì ò É Ç"));
        assertEquals("visite vidéo à l'hopital, Francoise, fete", SmsText.gsm("visite vidéo à l’hôpital, Françoise, fête"));
        assertEquals("coeur - \"oui\" ...", SmsText.gsm("cœur – «oui» …"));
        assertTrue(SmsText.isGsm(SmsText.gsm("Ève, Œdipe, Zoë, naïve, 山")));
        assertEquals("?", SmsText.gsm("山"));
    }

    @Test
    void oneSegmentHolds160GsmCharactersAndTwoHold306() {
        assertEquals(1, SmsText.segments("a".repeat(160)));
        assertEquals(2, SmsText.segments("a".repeat(161)));
        assertEquals(2, SmsText.segments("a".repeat(306)));
        assertEquals(3, SmsText.segments("a".repeat(307)));
    }

    @Test
    void extensionCharactersCountTwice() {
        assertEquals(2, SmsText.septets("€"));
        assertEquals(1, SmsText.segments("€".repeat(80)));
        assertEquals(2, SmsText.segments("€".repeat(81)));
    }

    @Test
    void oneCharacterOutsideTheAlphabetMakesTheMessageUcs2() {
        assertFalse(SmsText.isGsm("fête"));
        assertEquals(1, SmsText.segments("ê" + "a".repeat(69)));
        assertEquals(2, SmsText.segments("ê" + "a".repeat(70)));
        assertEquals(3, SmsText.segments("ê" + "a".repeat(134)));
    }
}
