package org.lucarne.signaling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sentence of an error code in the caller's language, from the console's own message files. */
class ApiMessagesTest {
    private final ApiMessages messages = ApiMessages.bundled();

    @Test
    void theLanguageIsTheFirstOfFrenchOrEnglishTheCallerAccepts() {
        assertEquals("en", ApiMessages.language(null));
        assertEquals("fr", ApiMessages.language("fr-FR,fr;q=0.9,en-US;q=0.8"));
        assertEquals("en", ApiMessages.language("en-GB, fr;q=0.5"));
        assertEquals("fr", ApiMessages.language("de-DE, fr;q=0.7, en;q=0.3"));
        assertEquals("en", ApiMessages.language("de-DE, es"));
        assertEquals("en", ApiMessages.language("fr;q=0, en;q=0.1"), "q=0 means not acceptable");
        assertEquals("en", ApiMessages.language("fr;q=abc"));
    }

    @Test
    void aCodeReadsAsTheConsolesSentence() {
        Optional<String> fr = messages.of("forbidden", "fr");
        Optional<String> en = messages.of("forbidden", "en");
        assertEquals(Optional.of("Cette action ne vous est pas permise."), fr);
        assertTrue(en.isPresent() && !en.equals(fr), en.toString());
        assertEquals(Optional.empty(), messages.of("no_such_code", "fr"));
    }
}
