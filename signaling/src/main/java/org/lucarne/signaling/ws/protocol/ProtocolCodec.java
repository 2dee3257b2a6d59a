package org.lucarne.signaling.ws.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

import static org.lucarne.signaling.ws.protocol.ErrorCode.DUPLICATE_KEY;
import static org.lucarne.signaling.ws.protocol.ErrorCode.MALFORMED_JSON;
import static org.lucarne.signaling.ws.protocol.ErrorCode.NOT_AN_OBJECT;
import static org.lucarne.signaling.ws.protocol.ErrorCode.UNKNOWN_TYPE;
import static org.lucarne.signaling.ws.protocol.ErrorCode.UNSUPPORTED_VERSION;

/**
 * The one strict codec of the signaling envelope (docs/protocol.md). Decoding never throws
 * anything but {@link ProtocolException}; encoding validates like decoding does.
 */
public final class ProtocolCodec {
    public static final int VERSION = 1;
    /** The largest integer JavaScript holds exactly (2^53 − 1); browsers must read every seq. */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    /** Who sends the frame: the codec only accepts the types that side may send. */
    public enum Direction { CLIENT, SERVER }

    private final ObjectMapper mapper;
    private final JsonFactory lenient = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build();

    public ProtocolCodec() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(1 << 20)
                        .maxNumberLength(32)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Decodes a frame a client sent. */
    public Message decodeFromClient(String text) throws ProtocolException {
        return decode(text, Direction.CLIENT);
    }

    /** Decodes a frame the server sent (used by clients written in Java: tests, benchmarks). */
    public Message decodeFromServer(String text) throws ProtocolException {
        return decode(text, Direction.SERVER);
    }

    public Message decode(String text, Direction from) throws ProtocolException {
        ObjectNode envelope = parseObject(text);
        JsonNode v = envelope.get("v");
        if (v == null || !v.isIntegralNumber() || v.asLong() != VERSION) {
            throw new ProtocolException(UNSUPPORTED_VERSION, "this server speaks version 1 ('v': 1)");
        }
        JsonNode type = envelope.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException(UNKNOWN_TYPE, "'type' must be a string");
        }
        Fields fields = new Fields(type.textValue(), envelope);
        return switch (from) {
            case CLIENT -> switch (type.textValue()) {
                case "hello" -> fields.finish(new Message.Hello(
                        fields.enumValue("app", Message.App.class), fields.string("appVersion", 1, 32)));
                case "ping" -> fields.finish(new Message.Ping(fields.uint("seq", MAX_SAFE_INTEGER)));
                default -> throw unknownType(type.textValue());
            };
            case SERVER -> switch (type.textValue()) {
                case "welcome" -> fields.finish(new Message.Welcome(
                        fields.string("session", 1, 128), fields.string("server", 1, 64),
                        fields.intBetween("heartbeatSeconds", 1, 3600),
                        fields.intBetween("idleTimeoutSeconds", 1, 86_400)));
                case "pong" -> fields.finish(new Message.Pong(fields.uint("seq", MAX_SAFE_INTEGER)));
                case "error" -> fields.finish(new Message.Error(
                        fields.errorCode("code"), fields.string("message", 0, 2000)));
                default -> throw unknownType(type.textValue());
            };
        };
    }

    /** Encodes a message; the result always decodes back to an equal message. */
    public String encode(Message message) {
        ObjectNode o = mapper.createObjectNode();
        o.put("v", VERSION);
        o.put("type", message.type().wireName());
        switch (message.type()) {
            case HELLO -> {
                var h = (Message.Hello) message;
                o.put("app", h.app().wireName()).put("appVersion", h.appVersion());
            }
            case WELCOME -> {
                var w = (Message.Welcome) message;
                o.put("session", w.session()).put("server", w.server())
                        .put("heartbeatSeconds", w.heartbeatSeconds()).put("idleTimeoutSeconds", w.idleTimeoutSeconds());
            }
            case PING -> o.put("seq", ((Message.Ping) message).seq());
            case PONG -> o.put("seq", ((Message.Pong) message).seq());
            case ERROR -> {
                var e = (Message.Error) message;
                o.put("code", e.code().wireName()).put("message", e.message());
            }
        }
        try {
            return mapper.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + message, e);
        }
    }

    private ObjectNode parseObject(String text) throws ProtocolException {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                // The spec puts malformed before duplicate: a cut-off frame is malformed, whatever it repeats.
                requireWellFormed(text);
                throw new ProtocolException(DUPLICATE_KEY, e.getOriginalMessage());
            }
            throw new ProtocolException(MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProtocolException(MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new ProtocolException(MALFORMED_JSON, "empty frame");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ProtocolException(NOT_AN_OBJECT, "a frame must be a JSON object");
        }
        return object;
    }

    private void requireWellFormed(String text) throws ProtocolException {
        try (var parser = lenient.createParser(text)) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new ProtocolException(MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
    }

    private static ProtocolException unknownType(String type) {
        return new ProtocolException(UNKNOWN_TYPE, "unknown message type '" + abbreviate(type) + "'");
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Reads the fields of one type and checks, when done, that nothing else was sent. */
    private static final class Fields {
        private final String type;
        private final ObjectNode envelope;
        private int consumed = 2; // v and type

        Fields(String type, ObjectNode envelope) {
            this.type = type;
            this.envelope = envelope;
        }

        private JsonNode required(String name) throws ProtocolException {
            JsonNode n = envelope.get(name);
            if (n == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "'" + type + "' needs the field '" + name + "'");
            }
            consumed++;
            return n;
        }

        private ProtocolException invalid(String name, String expected) {
            return new ProtocolException(ErrorCode.INVALID_FIELD, "'" + name + "' of '" + type + "' must be " + expected);
        }

        String string(String name, int minLength, int maxLength) throws ProtocolException {
            JsonNode n = required(name);
            if (!n.isTextual() || n.textValue().length() < minLength || n.textValue().length() > maxLength) {
                throw invalid(name, "a string of " + minLength + " to " + maxLength + " characters");
            }
            return n.textValue();
        }

        long uint(String name, long max) throws ProtocolException {
            JsonNode n = required(name);
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0 || n.longValue() > max) {
                throw invalid(name, "a whole number from 0 to " + max);
            }
            return n.longValue();
        }

        int intBetween(String name, int min, int max) throws ProtocolException {
            long v = uint(name, max);
            if (v < min) {
                throw invalid(name, "a whole number from " + min + " to " + max);
            }
            return (int) v;
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) throws ProtocolException {
            JsonNode n = required(name);
            if (n.isTextual()) {
                for (E e : type.getEnumConstants()) {
                    if (e.name().toLowerCase(java.util.Locale.ROOT).equals(n.textValue())) {
                        return e;
                    }
                }
            }
            throw invalid(name, "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
        }

        ErrorCode errorCode(String name) throws ProtocolException {
            JsonNode n = required(name);
            if (n.isTextual()) {
                var code = ErrorCode.fromWire(n.textValue());
                if (code.isPresent()) {
                    return code.get();
                }
            }
            throw invalid(name, "a known error code");
        }

        <M extends Message> M finish(M message) throws ProtocolException {
            if (envelope.size() != consumed) {
                for (Map.Entry<String, JsonNode> property : envelope.properties()) {
                    String key = property.getKey();
                    if (!key.equals("v") && !key.equals("type") && !isRead(key, message)) {
                        throw new ProtocolException(ErrorCode.UNKNOWN_FIELD,
                                "'" + type + "' has no field '" + abbreviate(key) + "'");
                    }
                }
            }
            return message;
        }

        private static boolean isRead(String key, Message message) {
            for (var component : message.getClass().getRecordComponents()) {
                if (component.getName().equals(key)) {
                    return true;
                }
            }
            return false;
        }
    }
}
