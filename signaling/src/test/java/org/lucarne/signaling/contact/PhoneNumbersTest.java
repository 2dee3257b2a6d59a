package org.lucarne.signaling.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mobile numbers as families give them, to E.164; what cannot receive a text message is refused. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # typed                    | E.164
            06 12 34 56 78             | +33612345678
            0612345678                 | +33612345678
            06.12.34.56.78             | +33612345678
            06-12-34-56-78             | +33612345678
            07 81 23 45 67             | +33781234567
            +33 6 12 34 56 78          | +33612345678
            +33612345678               | +33612345678
            +33 (0)6 12 34 56 78       | +33612345678
            +33 06 12 34 56 78         | +33612345678
            0033 6 12 34 56 78         | +33612345678
            ' 06 12 34 56 78 '         | +33612345678
            0690 12 34 56              | +590690123456
            0694 12 34 56              | +594694123456
            0696 12 34 56              | +596696123456
            0692 12 34 56              | +262692123456
            0639 12 34 56              | +262639123456
            +590 690 12 34 56          | +590690123456
            +32 470 12 34 56           | +32470123456
            +44 7700 900123            | +447700900123
            0044 7700 900123           | +447700900123
            +1 (415) 555-0132          | +14155550132
            +33600000000               | +33600000000
            """)
    void frenchAndInternationalFormsBecomeE164(String typed, String e164) {
        assertEquals(e164, PhoneNumbers.normalize(typed));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # typed                    | the message says
            01 23 45 67 89             | landline
            04 78 12 34 56             | landline
            08 00 12 34 56             | landline
            09 51 23 45 67             | landline
            +33 1 23 45 67 89          | landline
            0590 12 34 56              | landline
            +590 590 12 34 56          | landline
            06 12 34 56 7              | 10 digits
            06 12 34 56 789            | 10 digits
            +33 6 12 34 56             | 9 digits
            6 12 34 56 78              | country code
            06 12 34 AB 78             | digits
            jean@example.org           | digits
            +0 612345678               | country code
            +1234567                   | 8 to 15 digits
            +1234567890123456          | 8 to 15 digits
            +33 6 12 34 56 78 + 1      | digits
            ''                         | empty
            """)
    void whatCannotBeAMobileNumberIsRefusedWithTheReason(String typed, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.normalize(typed));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
