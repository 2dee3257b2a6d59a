package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    @Test
    void twelveToOneHundredTwentyEightCharactersWithoutCompositionRules() {
        assertEquals(Optional.empty(), PasswordPolicy.problem("lowercase only here", "marie"));
        assertEquals(Optional.empty(), PasswordPolicy.problem("x".repeat(12), "marie"));
        assertEquals(Optional.empty(), PasswordPolicy.problem("x".repeat(128), "marie"));
        assertTrue(PasswordPolicy.problem("x".repeat(11), "marie").orElseThrow().contains("at least 12"));
        assertTrue(PasswordPolicy.problem("x".repeat(129), "marie").orElseThrow().contains("at most 128"));
    }

    @Test
    void charactersAreCountedAsPeopleSeeThem() {
        assertEquals(Optional.empty(), PasswordPolicy.problem("\uD83D\uDE00".repeat(12), "marie"),
                "12 emoji are 12 characters, not 24 UTF-16 units");
        assertTrue(PasswordPolicy.problem("\uD83D\uDE00".repeat(11), "marie").isPresent());
    }

    @Test
    void theUsernameAndTheMostCommonPasswordsAreRefusedWhateverTheCase() {
        assertTrue(PasswordPolicy.problem("Marie.Dupont.Chu", "marie.dupont.chu").orElseThrow().contains("username"));
        assertTrue(PasswordPolicy.problem("Password1234", "marie").orElseThrow().contains("most common"));
        assertTrue(PasswordPolicy.problem("QWERTY123456", "marie").isPresent());
    }

    @Test
    void usernamesAreOneFormWhateverTheCaseOrUnicodeForm() {
        assertEquals("marie.dupont", Usernames.normalize("  Marie.Dupont "));
        assertEquals("zoé", Usernames.normalize("ZOE\u0301"));
        assertEquals(Optional.empty(), Usernames.problem("marie.dupont@chu-example"));
        assertTrue(Usernames.problem("a").isPresent());
        assertTrue(Usernames.problem("-marie").isPresent());
        assertTrue(Usernames.problem("marie dupont").isPresent());
        assertTrue(Usernames.problem("m".repeat(65)).isPresent());
    }
}
