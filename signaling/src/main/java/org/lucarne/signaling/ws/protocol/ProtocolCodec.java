package org.lucarne.signaling.ws.protocol;

import java.util.List;
import java.util.Map;

import static org.lucarne.signaling.ws.protocol.ErrorCode.UNKNOWN_TYPE;
import static org.lucarne.signaling.ws.protocol.ErrorCode.UNSUPPORTED_VERSION;
import static org.lucarne.signaling.ws.protocol.JsonText.number;
import static org.lucarne.signaling.ws.protocol.JsonText.optionalString;
import static org.lucarne.signaling.ws.protocol.JsonText.string;
import static org.lucarne.signaling.ws.protocol.JsonText.strings;

/**
 * The one strict codec of the signaling envelope (docs/protocol.md); the call messages are in
 * {@link CallCodec}. Decoding never throws anything but {@link ProtocolException}. Encoding
 * writes the fields in the spec's order and does not check values: a message that decoded
 * encodes back to an equal one, and a sender keeps to the limits below (an SDP offer of more
 * than {@link #MAX_SDP_LENGTH} characters would be refused by the browser).
 */
public final class ProtocolCodec {
    public static final int VERSION = 1;
    /** The largest integer JavaScript holds exactly (2^53 − 1); browsers must read every seq. */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;
    /** The longest ward id a {@code ward_changed} carries, in UTF-16 units: a ward id as the database holds it. */
    public static final int MAX_WARD_ID_LENGTH = 128;
    /** The longest ward name a {@code next_visit} carries, in UTF-16 units. */
    public static final int MAX_WARD_NAME_LENGTH = 128;
    /** The most family members' names a {@code next_visit} carries: as many as one booking invites. */
    public static final int MAX_NEXT_VISIT_NAMES = 20;
    /** A display name, as staff wrote it on the invite or the patient's record. */
    public static final int MAX_NAME_LENGTH = 64;
    /** The longest SDP offer or answer, in UTF-16 units (docs/protocol.md, "Calls"). */
    public static final int MAX_SDP_LENGTH = 49_152;

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
        FieldReader fields = new FieldReader(type, envelope);
        return switch (from) {
            case CLIENT -> switch (type) {
                case "hello" -> fields.finish(new Message.Hello(
                        fields.enumValue("app", Message.App.class), fields.string("appVersion", 1, 32)));
                case "ping" -> fields.finish(new Message.Ping(fields.uint("seq", MAX_SAFE_INTEGER)));
                default -> orUnknown(callOrTablet(fields, Direction.CLIENT), type);
            };
            case SERVER -> switch (type) {
                case "welcome" -> fields.finish(new Message.Welcome(
                        fields.string("session", 1, 128), fields.string("server", 1, 64),
                        fields.intBetween("heartbeatSeconds", 1, 3600),
                        fields.intBetween("idleTimeoutSeconds", 1, 86_400)));
                case "pong" -> fields.finish(new Message.Pong(fields.uint("seq", MAX_SAFE_INTEGER)));
                case "error" -> fields.finish(new Message.Error(
                        fields.errorCode("code"), fields.string("message", 0, 2000)));
                case "ward_changed" -> fields.finish(new Message.WardChanged(
                        fields.string("ward", 1, MAX_WARD_ID_LENGTH)));
                case "next_visit" -> fields.finish(nextVisit(fields));
                default -> orUnknown(callOrTablet(fields, Direction.SERVER), type);
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
            case WARD_CHANGED -> string(b, "ward", ((Message.WardChanged) message).ward());
            case TABLET_STATUS, DO_NOT_DISTURB, DO_NOT_DISTURB_STATE -> TabletCodec.encode(b, (TabletMessage) message);
            case E2EE_HELLO, E2EE_CHALLENGE, E2EE_BIND, E2EE_BOUND, E2EE_REFUSED, E2EE_IDENTITY, E2EE_CIRCLE,
                    E2EE_WAITING_DEVICE, E2EE_ADMIT_DEVICE, E2EE_DEVICE_DECIDED ->
                    BindingCodec.encode(b, (BindingMessage) message);
            case E2EE_PREKEYS, E2EE_BUNDLE_GET, E2EE_SEND, E2EE_ACK, E2EE_BLOB_PUT, E2EE_BLOB_GET, E2EE_PREKEYS_STATE,
                    E2EE_BUNDLE, E2EE_SENT, E2EE_DELIVERED, E2EE_DELIVER,
                    E2EE_BLOB_STORED, E2EE_BLOB_CHUNK, E2EE_LINK_SECRET ->
                    RelayCodec.encode(b, (RelayMessage) message);
            case NEXT_VISIT -> {
                var n = (Message.NextVisit) message;
                string(b, "ward", n.ward());
                optionalString(b, "language", n.language());
                optionalString(b, "visit", n.visit());
                if (n.startsAt() != null) {
                    number(b, "startsAt", n.startsAt());
                }
                if (n.names() != null) {
                    strings(b, "names", n.names());
                }
            }
            default -> CallCodec.encode(b, (CallMessage) message);
        }
        return b.append('}').toString();
    }

    /** {@code visit}, {@code startsAt} and {@code names}: all three, or none when no visit is booked. */
    private static Message.NextVisit nextVisit(FieldReader f) throws ProtocolException {
        String ward = f.string("ward", 1, MAX_WARD_NAME_LENGTH);
        String language = f.has("language") ? f.language("language") : null;
        String visit = f.optionalId("visit");
        Long startsAt = f.has("startsAt") ? f.uint("startsAt", MAX_SAFE_INTEGER) : null;
        List<String> names = f.has("names") ? f.strings("names", MAX_NEXT_VISIT_NAMES, 1, MAX_NAME_LENGTH) : null;
        if (visit == null && (startsAt != null || names != null)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "'next_visit' needs 'visit' with 'startsAt' and 'names'");
        }
        if (visit != null && (startsAt == null || names == null)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD,
                    "'next_visit' needs 'startsAt' and 'names' with 'visit'");
        }
        return new Message.NextVisit(ward, language, visit, startsAt, names);
    }

    /** A call, tablet, binding or relay message of that side; null when the type is none. */
    private static Message callOrTablet(FieldReader fields, Direction from) throws ProtocolException {
        CallMessage call = from == Direction.CLIENT ? CallCodec.decodeFromClient(fields) : CallCodec.decodeFromServer(fields);
        if (call != null) {
            return call;
        }
        TabletMessage tablet = from == Direction.CLIENT ? TabletCodec.decodeFromClient(fields)
                : TabletCodec.decodeFromServer(fields);
        if (tablet != null) {
            return tablet;
        }
        BindingMessage binding = from == Direction.CLIENT ? BindingCodec.decodeFromClient(fields)
                : BindingCodec.decodeFromServer(fields);
        if (binding != null) {
            return binding;
        }
        return from == Direction.CLIENT ? RelayCodec.decodeFromClient(fields) : RelayCodec.decodeFromServer(fields);
    }

    /** The call or tablet message decoded, or {@code unknown_type} when {@code type} is neither. */
    private static Message orUnknown(Message message, String type) throws ProtocolException {
        if (message == null) {
            throw unknownType(type);
        }
        return message;
    }

    private static ProtocolException unknownType(String type) {
        return new ProtocolException(UNKNOWN_TYPE, "unknown message type '" + abbreviate(type) + "'");
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
