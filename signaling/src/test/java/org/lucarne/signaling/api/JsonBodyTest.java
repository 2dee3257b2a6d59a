package org.lucarne.signaling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodyTest {
    private static JsonBody parse(String s) {
        return JsonBody.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"a":"x","a":"y"}`            | a
            `{"a":"x","b":{"c":1,"c":2}}`  | c
            `{"a":"x","z":1}`              | z
            `{"a":1}`                      | a
            `{"a":null}`                   | a
            `{}`                           | a
            `{"a":""}`                     | a
            """)
    void eachProblemIsAnInvalidRequestNamingTheField(String body, String field) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body).only("a", "b").string("a", 1, 10));
        assertEquals(400, e.status());
        assertEquals("invalid_request", e.code());
        assertEquals(field, e.field(), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `[1]`
            `"text"`
            `{"a":"x"} {"b":1}`
            `{"a":`
            """)
    void anythingButOneObjectIsRefused(String body) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body));
        assertEquals("invalid_request", e.code());
    }

    @Test
    void tooLargeOrNotUtf8IsRefused() {
        assertEquals("invalid_request", assertThrows(ApiException.class,
                () -> parse("{\"a\":\"" + "x".repeat(JsonBody.MAX_BYTES) + "\"}")).code());
        assertEquals("invalid_request", assertThrows(ApiException.class,
                () -> JsonBody.parse(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'})).code());
    }

    @Test
    void typedFieldsAreReadAsDeclared() {
        JsonBody b = parse("{\"s\":\"Zoé\",\"b\":false,\"l\":[\"w1\",\"w2\"]}").only("s", "b", "l", "absent");
        assertEquals("Zoé", b.string("s", 1, 3));
        assertEquals(Optional.of(false), b.optionalBoolean("b"));
        assertEquals(List.of("w1", "w2"), b.strings("l", 5, 10));
        assertEquals(Optional.empty(), b.optionalString("absent", 1, 2));
        assertEquals("l", assertThrows(ApiException.class, () -> parse("{\"l\":[\"w1\",\"w1\"]}").strings("l", 5, 10))
                .field(), "no repeats");
        assertEquals("b", assertThrows(ApiException.class, () -> parse("{\"b\":\"yes\"}").optionalBoolean("b")).field());
        assertEquals(0, parse("").only().has("x") ? 1 : 0, "an empty body is {}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"n":"30"}`
            `{"n":30.5}`
            `{"n":3e1}`
            `{"n":-1}`
            `{"n":1441}`
            `{"n":true}`
            `{"n":null}`
            `{"n":99999999999999999999999}`
            """)
    void aWholeNumberIsAJsonIntegerInItsRange(String body) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body).optionalLong("n", 0, 1440));
        assertEquals("n", e.field(), e.getMessage());
        assertEquals("the field 'n' must be a whole number from 0 to 1440", e.getMessage());
    }

    @Test
    void wholeNumbersAreReadAsDeclared() {
        assertEquals(Optional.of(30L), parse("{\"n\":30}").optionalLong("n", 0, 1440));
        assertEquals(1_772_445_600_000L, parse("{\"n\":1772445600000}").longValue("n", 0, Long.MAX_VALUE));
        assertEquals(Optional.empty(), parse("{}").optionalLong("n", 0, 1440));
        assertEquals("the field 'n' is missing", assertThrows(ApiException.class, () -> parse("{}").longValue("n", 0, 1))
                .getMessage());
    }
}
