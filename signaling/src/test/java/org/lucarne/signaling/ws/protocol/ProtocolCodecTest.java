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
    void errorCodesAreExactlyThoseOfTheSharedFixtures() {
        assertEquals(ProtocolFixtures.errorCodes(),
                java.util.Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList());
    }

    @Test
    void everyErrorCodeHasTextInEnglishAndFrench() throws Exception {
        for (String lang : List.of("en", "fr")) {
            var messages = json.readTree(java.nio.file.Path.of("..", "web-client", "app", "i18n", lang + ".json").toFile());
            for (ErrorCode c : ErrorCode.values()) {
                var text = messages.get(c.messageKey());
                assertTrue(text != null && text.isTextual() && !text.textValue().isBlank(),
                        lang + ".json has no text for " + c.messageKey());
            }
        }
    }

    @Test
    void everyTypeIsDecodedOnlyFromTheSideThatSendsIt() {
        for (ProtocolFixtures.Valid f : ProtocolFixtures.valid()) {
            Message.Type type = Message.Type.valueOf(f.message().get("type").textValue().toUpperCase(java.util.Locale.ROOT));
            assertEquals(type.fromClient(), f.direction() == ProtocolCodec.Direction.CLIENT, f.name());
            var other = f.direction() == ProtocolCodec.Direction.CLIENT
                    ? ProtocolCodec.Direction.SERVER : ProtocolCodec.Direction.CLIENT;
            ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(f.text(), other), f.name());
            assertEquals(ErrorCode.UNKNOWN_TYPE, e.code(), f.name());
        }
    }

    @Test
    void joinByInviteEncodesWithoutAVisitField() throws Exception {
        String text = codec.encode(CallMessage.Join.byInvite("AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"));
        assertEquals("{\"v\":1,\"type\":\"join\",\"invite\":\"AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde\"}", text);
        assertEquals(CallMessage.Join.byInvite("AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"), codec.decodeFromClient(text));
    }

    @Test
    void sdpWithLineBreaksQuotesAndUnicodeSurvivesARoundTrip() throws Exception {
        var offer = new CallMessage.SdpOffer("vst-1", 42,
                "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=\"Lucarne\" \u00e9\ud83d\ude00\\\r\nt=0 0\r\n");
        assertEquals(offer, codec.decodeFromServer(codec.encode(offer)));
    }

    @Test
    void sdpAnswerRefusalNamesTheFieldAndTheLimit() {
        String sdp = "v=0" + "a".repeat(ProtocolCodec.MAX_SDP_LENGTH);
        String text = codec.encode(new CallMessage.SdpAnswer("vst-1", 1, sdp));
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeFromClient(text));
        assertEquals(ErrorCode.INVALID_FIELD, e.code());
        assertTrue(e.getMessage().contains("'sdp'") && e.getMessage().contains("49152"), e.getMessage());
    }

    @Test
    void nextVisitWithNoneBookedEncodesWithoutTheVisitsFields() throws Exception {
        String text = codec.encode(Message.NextVisit.none("Cardiologie \"B\"", null));
        assertEquals("{\"v\":1,\"type\":\"next_visit\",\"ward\":\"Cardiologie \\\"B\\\"\"}", text);
        assertEquals(Message.NextVisit.none("Cardiologie \"B\"", null), codec.decodeFromServer(text));
    }

    @Test
    void nextVisitNamesWithQuotesAndUnicodeSurviveARoundTrip() throws Exception {
        var next = new Message.NextVisit("ICU", "fr", "vst-1", 1_772_445_600_000L,
                List.of("Jean \"Jeannot\" Dupont", "Léa \ud83d\ude00", "Zoë, \\ 2"));
        assertEquals(next, codec.decodeFromServer(codec.encode(next)));
    }

    @Test
    void nextVisitWithAVisitButNoNamesSaysWhatGoesWithIt() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeFromServer(
                "{\"v\":1,\"type\":\"next_visit\",\"ward\":\"ICU\",\"visit\":\"vst-1\",\"startsAt\":5}"));
        assertEquals(ErrorCode.MISSING_FIELD, e.code());
        assertTrue(e.getMessage().contains("'names'"), e.getMessage());
    }

    @Test
    void joinWithBothVisitAndInviteSaysToSendOne() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeFromClient(
                "{\"v\":1,\"type\":\"join\",\"visit\":\"vst-1\",\"invite\":\"abc\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, e.code());
        assertTrue(e.getMessage().contains("one of the two"), e.getMessage());
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
