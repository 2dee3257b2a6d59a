package org.lucarne.signaling.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A sane check of e-mail addresses as families give them; the domain in lower case. */
class EmailAddressesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # typed                          | kept
            jean.dupont@example.org          | jean.dupont@example.org
            Jean.Dupont@Example.ORG          | Jean.Dupont@example.org
            ` jean@example.org `             | jean@example.org
            jean+lucarne@mail.example.fr     | jean+lucarne@mail.example.fr
            o'brien@example.ie               | o'brien@example.ie
            élodie@exemple.fr                | élodie@exemple.fr
            jean@xn--exemple-9ua.fr          | jean@xn--exemple-9ua.fr
            jean@hôpital.fr                  | jean@hôpital.fr
            a@b.co                           | a@b.co
            """)
    void aSaneAddressIsKeptWithItsDomainInLowerCase(String typed, String kept) {
        assertEquals(kept, EmailAddresses.normalize(typed));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # typed                          | the message says
            jean.dupont                      | one @
            jean@@example.org                | one @
            jean@dupont@example.org          | one @
            @example.org                     | before the @
            jean@                            | after the @
            jean dupont@example.org          | space
            jean@example                     | domain
            jean@example.                    | domain
            jean@.example.org                | domain
            jean@exa_mple.org                | domain
            jean@-example.org                | domain
            jean@example.123                 | domain
            jean@[192.0.2.1]                 | domain
            .jean@example.org                | dot
            jean.@example.org                | dot
            jean..dupont@example.org         | dot
            jean(x)@example.org              | character
            Jean Dupont <jean@example.org>   | space
            ``                               | empty
            """)
    void whatCannotBeAnAddressIsRefusedWithTheReason(String typed, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmailAddresses.normalize(typed));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void theLengthsOfRfc5321AreKept() {
        String local64 = "a".repeat(64);
        assertEquals(local64 + "@example.org", EmailAddresses.normalize(local64 + "@example.org"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EmailAddresses.normalize("a".repeat(65) + "@example.org")).getMessage().contains("64"));
        String label63 = "b".repeat(63);
        String longDomain = String.join(".", label63, label63, label63, "c".repeat(57), "org");
        assertThrows(IllegalArgumentException.class, () -> EmailAddresses.normalize("a@" + longDomain));
        assertThrows(IllegalArgumentException.class, () -> EmailAddresses.normalize("a@" + "b".repeat(64) + ".org"));
    }
}
