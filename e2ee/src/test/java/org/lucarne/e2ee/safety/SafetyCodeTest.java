package org.lucarne.e2ee.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.identity.PublicIdentity;

class SafetyCodeTest {
    private static final PublicIdentity FAMILY = TestKeys.identity("family").identity();
    private static final PublicIdentity TABLET = TestKeys.identity("tablet").identity();

    @Test
    void bothDevicesShowTheSameSixtyDigits() {
        String code = SafetyCode.safetyCode(FAMILY, TABLET);
        assertEquals(code, SafetyCode.safetyCode(TABLET, FAMILY));
        assertTrue(code.matches("[0-9]{60}"));
        assertTrue(code.startsWith(SafetyCode.fingerprint(FAMILY)) || code.startsWith(SafetyCode.fingerprint(TABLET)));
        assertEquals(71, SafetyCode.grouped(code).length());
    }

    @Test
    void anotherKeyGivesAnotherCode() {
        PublicIdentity intruder = TestKeys.identity("intruder").identity();
        assertNotEquals(SafetyCode.safetyCode(FAMILY, TABLET), SafetyCode.safetyCode(intruder, TABLET));
        assertNotEquals(SafetyCode.fingerprint(FAMILY), SafetyCode.fingerprint(intruder));
    }

    @Test
    void aServerInTheMiddleMakesTheTwoScreensDiffer() {
        // The server hands the family its own keys as the tablet's, and the tablet other keys as the family's.
        PublicIdentity posingAsTablet = TestKeys.identity("server posing as the tablet").identity();
        PublicIdentity posingAsFamily = TestKeys.identity("server posing as the family").identity();
        String onFamilyScreen = SafetyCode.safetyCode(FAMILY, posingAsTablet);
        String onTabletScreen = SafetyCode.safetyCode(TABLET, posingAsFamily);
        assertNotEquals(onFamilyScreen, onTabletScreen);
        assertNotEquals(SafetyCode.shortCode(onFamilyScreen), SafetyCode.shortCode(onTabletScreen));
    }

    @Test
    void shortCodeIsSixDigitsOfTheSafetyCode() {
        String s = SafetyCode.shortCode(SafetyCode.safetyCode(FAMILY, TABLET));
        assertTrue(s.matches("[0-9]{6}"));
        assertEquals(s, SafetyCode.shortCode(SafetyCode.safetyCode(TABLET, FAMILY)));
    }
}
