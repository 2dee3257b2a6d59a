package org.lucarne.bridge.colibri;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one strict codec of Colibri2's JSON form (docs/colibri2.md): conference-modify requests and
 * conference-modified responses, for the bridge's HTTP API and for the signaling server's client.
 * Decoding never throws anything but {@link Colibri2Exception}; encoding checks its own output with
 * the decoder, so whatever it writes, a Lucarne peer accepts.
 */
public final class Colibri2Codec {
    /** The default largest document, in UTF-8 bytes. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    private final int maxBytes;
    private final JsonFactory factory;
    private final ObjectMapper mapper;
    private final Colibri2Reader requests = new Colibri2Reader(true);
    private final Colibri2Reader responses = new Colibri2Reader(false);

    public Colibri2Codec() {
        this(DEFAULT_MAX_BYTES);
    }

    public Colibri2Codec(int maxBytes) {
        if (maxBytes < 2) {
            throw new IllegalArgumentException("maxBytes must be at least 2, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32).maxNumberLength(32).maxStringLength(maxBytes).build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    /** Decodes the body of a {@code POST} or {@code PATCH} a bridge receives. */
    public ConferenceModify decodeRequest(String json) throws Colibri2Exception {
        return requests.conferenceModify(JsonIn.root(parse(json)));
    }

    /** Decodes the body of a bridge's answer, as the signaling server's client receives it. */
    public ConferenceModified decodeResponse(String json) throws Colibri2Exception {
        return responses.conferenceModified(JsonIn.root(parse(json)));
    }

    /** Encodes a request; throws {@link IllegalArgumentException} if a bridge would refuse it. */
    public String encodeRequest(ConferenceModify request) {
        String json = write(g -> new Colibri2Writer(g).conferenceModify(request));
        try {
            decodeRequest(json);
        } catch (Colibri2Exception e) {
            throw new IllegalArgumentException("not a valid conference-modify: " + e.getMessage());
        }
        return json;
    }

    /** Encodes a response; throws {@link IllegalArgumentException} if a client would refuse it. */
    public String encodeResponse(ConferenceModified response) {
        String json = write(g -> new Colibri2Writer(g).conferenceModified(response));
        try {
            decodeResponse(json);
        } catch (Colibri2Exception e) {
            throw new IllegalArgumentException("not a valid conference-modified: " + e.getMessage());
        }
        return json;
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private String write(Body body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = factory.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private JsonNode parse(String json) throws Colibri2Exception {
        if (json == null || json.isEmpty()) {
            throw new Colibri2Exception("", "the document is empty");
        }
        long bytes = utf8Length(json);
        if (bytes > maxBytes) {
            throw new Colibri2Exception("", "the document is " + bytes + " bytes, more than the " + maxBytes + " allowed");
        }
        try (JsonParser p = factory.createParser(json)) {
            JsonNode node = mapper.readTree(p);
            if (node == null || node.isMissingNode()) {
                throw new Colibri2Exception("", "the document is empty");
            }
            if (p.nextToken() != null) {
                throw new Colibri2Exception("", "the document has content after its JSON value, at "
                        + where(p.currentLocation()));
            }
            return node;
        } catch (JsonProcessingException e) {
            String path = e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : "";
            String why = String.valueOf(e.getOriginalMessage()).replace('\n', ' ').strip();
            int hint = why.indexOf(" (use `"); // Jackson's advice to its own users, not to ours
            why = hint < 0 ? why : why.substring(0, hint);
            if (why.startsWith("Duplicate field")) {
                return refuseDuplicate(json, path);
            }
            String at = e.getLocation() == null ? "" : " at " + where(e.getLocation());
            throw new Colibri2Exception(path, (path.isEmpty() ? "the document is" : "is") + " not valid JSON" + at + ": "
                    + (why.length() <= 160 ? why : why.substring(0, 160) + "…"));
        } catch (IOException e) {
            throw new Colibri2Exception("", "could not be read: " + e.getMessage());
        }
    }

    /** A repeated key, unless the document is not even well-formed: then that is what is reported. */
    private JsonNode refuseDuplicate(String json, String path) throws Colibri2Exception {
        try (JsonParser lenient = new JsonFactory().createParser(json)) {
            while (lenient.nextToken() != null) {
                lenient.skipChildren();
            }
        } catch (IOException e) {
            throw new Colibri2Exception("", "the document is not valid JSON");
        }
        throw new Colibri2Exception(path, "appears twice in its object");
    }

    /** The JSON path of the parser's position, in the form {@code endpoints[1].transport}. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String step;
            if (c.inArray()) {
                step = "[" + Math.max(0, c.getCurrentIndex()) + "]";
            } else if (c.getCurrentName() != null) {
                step = (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + JsonIn.abbreviate(c.getCurrentName());
            } else {
                step = "";
            }
            path.insert(0, step);
        }
        return path.toString();
    }

    private static String where(JsonLocation l) {
        return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
