package org.lucarne.signaling.ws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** docs/protocol/fixtures.json, shared with the browser codec's tests. */
public final class ProtocolFixtures {
    public static final Path FILE = Path.of("..", "docs", "protocol", "fixtures.json");

    public record Valid(String name, ProtocolCodec.Direction direction, String text, JsonNode message) {
        @Override
        public String toString() {
            return name;
        }
    }

    public record Invalid(String name, ProtocolCodec.Direction direction, String text, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ProtocolFixtures() {
    }

    public static String rawJson() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    private static JsonNode root() {
        try {
            return new ObjectMapper().readTree(rawJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProtocolCodec.Direction direction(JsonNode n) {
        return ProtocolCodec.Direction.valueOf(n.get("direction").textValue().toUpperCase(java.util.Locale.ROOT));
    }

    public static List<Valid> valid() {
        List<Valid> out = new ArrayList<>();
        for (JsonNode n : root().get("valid")) {
            out.add(new Valid(n.get("name").textValue(), direction(n), n.get("text").textValue(), n.get("message")));
        }
        return out;
    }

    /** Every error code, in the order of docs/protocol.md; the Java and browser codecs must know exactly these. */
    public static List<String> errorCodes() {
        List<String> out = new ArrayList<>();
        for (JsonNode n : root().get("errorCodes")) {
            out.add(n.textValue());
        }
        return out;
    }

    public static List<Invalid> invalid() {
        List<Invalid> out = new ArrayList<>();
        for (JsonNode n : root().get("invalid")) {
            out.add(new Invalid(n.get("name").textValue(), direction(n), n.get("text").textValue(),
                    n.get("error").textValue()));
        }
        return out;
    }
}
