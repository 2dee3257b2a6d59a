package org.lucarne.e2ee.wire;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The strict codec of the inner plaintext, as strict as the socket's: valid UTF-8, one JSON object, a known
 * {@code type}, every field of that type with its type and bounds, no other field, no repeated field. Every
 * refusal is {@code plaintext_malformed} with a message that names the field.
 */
public final class PlaintextCodec {
    public static final int MAX_BODY = 4000;
    public static final int MAX_CAPTION = 500;
    public static final int MAX_SIDE = 1600;
    public static final int MAX_IDS = 100;
    public static final int MAX_ROSTER = 20;
    public static final int MAX_CHUNKS = 64;
    public static final int CHUNK_BYTES = 32 * 1024;
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PlaintextCodec() {
    }

    public static InnerMessage decode(byte[] utf8) throws PlaintextException {
        JsonNode root;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
            root = JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw bad("the plaintext is not UTF-8");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw bad("the plaintext is not one JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad("the plaintext is not one JSON object");
        }
        Fields f = new Fields((ObjectNode) root);
        String type = f.string("type", 1, 16);
        InnerMessage m = switch (type) {
            case "text" -> new InnerMessage.Text(f.bytes("id", 16), f.time("sentAt"), f.string("body", 1, MAX_BODY));
            case "photo" -> photo(f);
            case "read" -> new InnerMessage.Read(f.byteList("ids", 16, 1, MAX_IDS));
            case "roster" -> new InnerMessage.Roster(f.byteList("devices", 16, 0, MAX_ROSTER));
            default -> throw bad("unknown plaintext type '" + type + "'");
        };
        f.noOthers();
        return m;
    }

    private static InnerMessage.Photo photo(Fields f) throws PlaintextException {
        String id = f.bytes("id", 16);
        long sentAt = f.time("sentAt");
        String blob = f.bytes("blob", 16);
        String key = f.bytes("key", 32);
        int chunks = (int) f.integer("chunks", 1, MAX_CHUNKS);
        int bytes = (int) f.integer("bytes", 1, (long) MAX_CHUNKS * CHUNK_BYTES - 1);
        if (chunks != bytes / CHUNK_BYTES + 1) {
            throw bad("a photo of " + bytes + " bytes has " + (bytes / CHUNK_BYTES + 1) + " chunks, not " + chunks);
        }
        String sha256 = f.bytes("sha256", 32);
        int width = (int) f.integer("width", 1, MAX_SIDE);
        int height = (int) f.integer("height", 1, MAX_SIDE);
        String caption = f.has("caption") ? f.string("caption", 1, MAX_CAPTION) : null;
        return new InnerMessage.Photo(id, sentAt, blob, key, chunks, bytes, sha256, width, height, caption);
    }

    /** The message as compact JSON, fields in the order of docs/e2ee.md; checked by {@link #decode} first. */
    public static byte[] encode(InnerMessage m) throws PlaintextException {
        ObjectNode o = JSON.createObjectNode();
        if (m instanceof InnerMessage.Text t) {
            o.put("type", "text").put("id", t.id()).put("sentAt", t.sentAt()).put("body", t.body());
        } else if (m instanceof InnerMessage.Photo p) {
            o.put("type", "photo").put("id", p.id()).put("sentAt", p.sentAt()).put("blob", p.blob()).put("key", p.key())
                    .put("chunks", p.chunks()).put("bytes", p.bytes()).put("sha256", p.sha256())
                    .put("width", p.width()).put("height", p.height());
            if (p.caption() != null) {
                o.put("caption", p.caption());
            }
        } else if (m instanceof InnerMessage.Read r) {
            o.put("type", "read").set("ids", array(r.ids()));
        } else if (m instanceof InnerMessage.Roster r) {
            o.put("type", "roster").set("devices", array(r.devices()));
        }
        byte[] out;
        try {
            out = JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("JSON of a tree cannot fail", e);
        }
        decode(out);
        return out;
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    static PlaintextException bad(String message) {
        return new PlaintextException(PlaintextException.MALFORMED, message);
    }

    /** The fields of one object, each taken once; {@link #noOthers} refuses what is left. */
    private static final class Fields {
        private final ObjectNode o;
        private final Set<String> taken = new HashSet<>();

        Fields(ObjectNode o) {
            this.o = o;
        }

        boolean has(String name) {
            return o.has(name);
        }

        private JsonNode take(String name) throws PlaintextException {
            JsonNode n = o.get(name);
            if (n == null) {
                throw bad("'" + name + "' is missing");
            }
            taken.add(name);
            return n;
        }

        String string(String name, int min, int max) throws PlaintextException {
            JsonNode n = take(name);
            if (!n.isTextual()) {
                throw bad("'" + name + "' must be a string");
            }
            String s = n.textValue();
            if (s.length() < min || s.length() > max) {
                throw bad("'" + name + "' has " + min + " to " + max + " UTF-16 units, not " + s.length());
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw bad("'" + name + "' holds a lone surrogate");
                }
            }
            return s;
        }

        long integer(String name, long min, long max) throws PlaintextException {
            JsonNode n = take(name);
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
                throw bad("'" + name + "' must be a whole number from " + min + " to " + max);
            }
            return n.longValue();
        }

        long time(String name) throws PlaintextException {
            return integer(name, 0, MAX_SAFE_INTEGER);
        }

        String bytes(String name, int length) throws PlaintextException {
            return checkBytes(name, take(name), length);
        }

        List<String> byteList(String name, int length, int min, int max) throws PlaintextException {
            JsonNode n = take(name);
            if (!n.isArray() || n.size() < min || n.size() > max) {
                throw bad("'" + name + "' must be a list of " + min + " to " + max + " values");
            }
            List<String> out = new ArrayList<>();
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                String v = checkBytes(name, it.next(), length);
                if (out.contains(v)) {
                    throw bad("'" + name + "' holds " + v + " twice");
                }
                out.add(v);
            }
            return out;
        }

        private static String checkBytes(String name, JsonNode n, int length) throws PlaintextException {
            int chars = (length * 8 + 5) / 6;
            if (!n.isTextual() || n.textValue().length() != chars || !n.textValue().matches("[A-Za-z0-9_-]*")) {
                throw bad("'" + name + "' must be " + length + " bytes as " + chars + " base64url characters");
            }
            String s = n.textValue();
            if (!Bytes.b64(Bytes.unb64(s)).equals(s)) {
                throw bad("'" + name + "' is not canonical base64url (its last character's unused bits are set)");
            }
            return s;
        }

        void noOthers() throws PlaintextException {
            for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!taken.contains(name)) {
                    throw bad("unknown field '" + name + "'");
                }
            }
        }
    }
}
