package org.lucarne.signaling.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The INS: a matricule whose key is checked, and one of the OIDs the ANS assigns. */
class InsTest {
    private static final String NIR = "1.2.250.1.213.1.4.8";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # typed                  | stored
            279035121518989          | 279035121518989
            2 79 03 51 215 189 89    | 279035121518989
            185057800604830          | 185057800604830
            292012A00123463          | 292012A00123463
            292012a00123463          | 292012A00123463
            177092B01234577          | 177092B01234577
            """)
    void aMatriculeWithTheRightKeyIsAccepted(String typed, String stored) {
        assertEquals(stored, Ins.parse(typed, NIR).matricule());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # typed                  | the message says
            279035121518988          | key
            279035121518999          | key
            279035121518900          | key
            2790351215189            | 15 characters
            27903512151898900        | 15 characters
            2790351215189O9          | digits
            2790X5121518989          | digits
            292012C00123463          | 2A or 2B
            2A2012A00123463          | digits
            292012A00123436          | key
            292012B00123463          | key
            """)
    void aMatriculeThatCannotBeIsRefusedWithTheReason(String typed, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ins.parse(typed, NIR));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void corsicasDepartmentsCountAsNineteenAndEighteenInTheKey() {
        // 2A stands for 19 and 2B for 18 in the number the key is computed from (INSEE's rule).
        assertEquals(97 - 2_920_119_001_234L % 97, 63);
        assertEquals("63", Ins.key("292012A001234"));
        assertEquals("77", Ins.key("177092B012345"));
        assertEquals("89", Ins.key("2790351215189"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.2.250.1.213.1.4.8  | INS-NIR
            1.2.250.1.213.1.4.9  | INS-NIA
            1.2.250.1.213.1.4.10 | INS-NIR-TEST
            1.2.250.1.213.1.4.11 | INS-NIR-DEMO
            """)
    void theAnsOidsAreAccepted(String oid, String kind) {
        Ins ins = Ins.parse("279035121518989", oid);
        assertEquals(oid, ins.authority().oid());
        assertEquals(kind, ins.authority().kind());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.2.250.1.213.1.4.2
            1.2.250.1.213.1.4.12
            urn:oid:1.2.250.1.213.1.4.8
            1.2.250.1.213.1.4.8.1
            ''
            """)
    void anyOtherOidIsRefusedWithTheList(String oid) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ins.parse("279035121518989", oid));
        assertTrue(e.getMessage().contains("1.2.250.1.213.1.4.8") && e.getMessage().contains("1.2.250.1.213.1.4.11"),
                e.getMessage());
    }

    @Test
    void storedAsOneTextAndReadBack() {
        Ins ins = Ins.parse("292012A00123463", "1.2.250.1.213.1.4.10");
        assertEquals("292012A00123463|1.2.250.1.213.1.4.10", ins.stored());
        assertEquals(ins, Ins.fromStored(ins.stored()));
        assertThrows(IllegalArgumentException.class, () -> Ins.fromStored("292012A00123463"));
    }
}
