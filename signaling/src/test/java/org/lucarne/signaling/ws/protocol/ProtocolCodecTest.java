package org.lucarne.signaling.ws.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper json = new ObjectMapper();

    static List<ProtocolFixtures.Valid> validFixtures() {
        return ProtocolFixtures.valid();
    }

    static List<ProtocolFixtures.Invalid> invalidFixtures() {
        return ProtocolFixtures.invalid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void validFixtureDecodesAndEncodesBackToTheSameMessage(ProtocolFixtures.Valid f) throws Exception {
        Message decoded = codec.decode(f.text(), f.direction());
        String encoded = codec.encode(decoded);
        assertEquals(f.message(), json.readTree(encoded), "encoding of " + decoded);
        assertEquals(decoded, codec.decode(encoded, f.direction()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void invalidFixtureIsRefusedWithItsCode(ProtocolFixtures.Invalid f) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(f.text(), f.direction()));
        assertEquals(f.error(), e.code().wireName(), e.getMessage());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a developer message explains the code");
    }

    @Test
    void everyMessageTypeHasAValidFixture() {
        var covered = ProtocolFixtures.valid().stream().map(f -> f.message().get("type").textValue()).toList();
        for (Message.Type t : Message.Type.values()) {
            assertTrue(covered.contains(t.wireName()), "no valid fixture for " + t.wireName());
        }
    }

    @Test
    void everyErrorCodeRoundTrips() throws Exception {
        for (ErrorCode c : ErrorCode.values()) {
            var m = new Message.Error(c, "why");
            assertEquals(m, codec.decodeFromServer(codec.encode(m)));
        }
    }

    @Test
    void deeplyNestedJsonIsMalformedNotAStackOverflow() {
        String deep = "{\"v\":1,\"type\":\"ping\",\"seq\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeFromClient(deep));
        assertEquals(ErrorCode.MALFORMED_JSON, e.code());
    }

    @Test
    void hugeNumberIsInvalidField() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> codec.decodeFromClient("{\"v\":1,\"type\":\"ping\",\"seq\":123456789012345678901234567890}"));
        assertEquals(ErrorCode.INVALID_FIELD, e.code());
    }
}
