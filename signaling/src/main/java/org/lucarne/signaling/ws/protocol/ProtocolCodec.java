package org.lucarne.signaling.ws.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Map;

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

    private final JsonFields json = new JsonFields();

    /** Decodes a frame a client sent. */
    public Message decodeFromClient(String text) throws ProtocolException {
        return decode(text, Direction.CLIENT);
    }

    /** Decodes a frame the server sent (used by clients written in Java: tests, benchmarks). */
    public Message decodeFromServer(String text) throws ProtocolException {
        return decode(text, Direction.SERVER);
    }

    public Message decode(String text, Direction from) throws ProtocolException {
        Map<String, Object> envelope = json.read(text);
        if (!(envelope.get("v") instanceof Long v) || v != VERSION) {
            throw new ProtocolException(UNSUPPORTED_VERSION, "this server speaks version 1 ('v': 1)");
        }
        if (!(envelope.get("type") instanceof String type)) {
            throw new ProtocolException(UNKNOWN_TYPE, "'type' must be a string");
        }
        Fields fields = new Fields(type, envelope);
        return switch (from) {
            case CLIENT -> switch (type) {
                case "hello" -> fields.finish(new Message.Hello(
                        fields.enumValue("app", Message.App.class), fields.string("appVersion", 1, 32)));
                case "ping" -> fields.finish(new Message.Ping(fields.uint("seq", MAX_SAFE_INTEGER)));
                default -> throw unknownType(type);
            };
            case SERVER -> switch (type) {
                case "welcome" -> fields.finish(new Message.Welcome(
                        fields.string("session", 1, 128), fields.string("server", 1, 64),
                        fields.intBetween("heartbeatSeconds", 1, 3600),
                        fields.intBetween("idleTimeoutSeconds", 1, 86_400)));
                case "pong" -> fields.finish(new Message.Pong(fields.uint("seq", MAX_SAFE_INTEGER)));
                case "error" -> fields.finish(new Message.Error(
                        fields.errorCode("code"), fields.string("message", 0, 2000)));
                default -> throw unknownType(type);
            };
        };
    }

    /** Encodes a message; the result always decodes back to an equal message. */
    public String encode(Message message) {
        StringBuilder b = new StringBuilder(64).append("{\"v\":").append(VERSION).append(",\"type\":\"")
                .append(message.type().wireName()).append('"');
        switch (message.type()) {
            case HELLO -> {
                var h = (Message.Hello) message;
                string(b, "app", h.app().wireName());
                string(b, "appVersion", h.appVersion());
            }
            case WELCOME -> {
                var w = (Message.Welcome) message;
                string(b, "session", w.session());
                string(b, "server", w.server());
                number(b, "heartbeatSeconds", w.heartbeatSeconds());
                number(b, "idleTimeoutSeconds", w.idleTimeoutSeconds());
            }
            case PING -> number(b, "seq", ((Message.Ping) message).seq());
            case PONG -> number(b, "seq", ((Message.Pong) message).seq());
            case ERROR -> {
                var e = (Message.Error) message;
                string(b, "code", e.code().wireName());
                string(b, "message", e.message());
            }
        }
        return b.append('}').toString();
    }

    private static void string(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, b);
        b.append('"');
    }

    private static void number(StringBuilder b, String name, long value) {
        b.append(",\"").append(name).append("\":").append(value);
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
        private final Map<String, Object> envelope;
        private int consumed = 2; // v and type

        Fields(String type, Map<String, Object> envelope) {
            this.type = type;
            this.envelope = envelope;
        }

        private Object required(String name) throws ProtocolException {
            Object n = envelope.get(name);
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
            if (!(required(name) instanceof String s) || s.length() < minLength || s.length() > maxLength) {
                throw invalid(name, "a string of " + minLength + " to " + maxLength + " characters");
            }
            return s;
        }

        long uint(String name, long max) throws ProtocolException {
            if (!(required(name) instanceof Long n) || n < 0 || n > max) {
                throw invalid(name, "a whole number from 0 to " + max);
            }
            return n;
        }

        int intBetween(String name, int min, int max) throws ProtocolException {
            long v = uint(name, max);
            if (v < min) {
                throw invalid(name, "a whole number from " + min + " to " + max);
            }
            return (int) v;
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) throws ProtocolException {
            if (required(name) instanceof String s) {
                for (E e : type.getEnumConstants()) {
                    if (e.name().toLowerCase(java.util.Locale.ROOT).equals(s)) {
                        return e;
                    }
                }
            }
            throw invalid(name, "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
        }

        ErrorCode errorCode(String name) throws ProtocolException {
            if (required(name) instanceof String s) {
                var code = ErrorCode.fromWire(s);
                if (code.isPresent()) {
                    return code.get();
                }
            }
            throw invalid(name, "a known error code");
        }

        <M extends Message> M finish(M message) throws ProtocolException {
            if (envelope.size() != consumed) {
                for (String key : envelope.keySet()) {
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
