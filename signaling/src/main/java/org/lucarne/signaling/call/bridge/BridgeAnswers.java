package org.lucarne.signaling.call.bridge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads what a bridge says besides Colibri2 documents: the explanation in an error answer and the
 * load in {@code /colibri/stats}. Bridges answer errors in several forms:
 * <ul>
 *   <li>Lucarne's bridge: JSON {@code {"error": "…"}};</li>
 *   <li>a real JVB: Jersey hands the message to Jetty's error page, which is JSON
 *       {@code {"url": …, "status": "400", "message": "…"}} when JSON is accepted, text
 *       ({@code HTTP ERROR 400 …} then {@code MESSAGE: …}) or HTML otherwise;</li>
 *   <li>a proxy in front of either: usually an HTML page, or plain text.</li>
 * </ul>
 * Nothing here throws on any input but {@link InvalidAnswer}.
 */
final class BridgeAnswers {
    /** Longest bridge message kept in an exception. */
    static final int MAX_MESSAGE = 300;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(32).build())
            .build());

    /** An answer that cannot be read; the message says what is wrong with it. */
    static final class InvalidAnswer extends Exception {
        InvalidAnswer(String message) {
            super(message);
        }
    }

    private BridgeAnswers() {
    }

    /** The bridge's explanation in an error answer, or null when the body says nothing readable. */
    static String errorMessage(String contentType, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String trimmed = body.strip();
        String found = null;
        if (trimmed.startsWith("{")) {
            found = fromJson(trimmed);
        }
        if (found == null && (type.contains("html") || trimmed.startsWith("<"))) {
            found = fromHtml(trimmed);
        }
        if (found == null) {
            found = fromText(trimmed);
        }
        return clean(found);
    }

    /** The load figures of a {@code GET /colibri/stats} answer. */
    static BridgeStats stats(String body) throws InvalidAnswer {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw new InvalidAnswer("the stats are not a JSON object");
        }
        int conferences = count(root, "conferences");
        if (conferences < 0) {
            throw new InvalidAnswer("the stats have no \"conferences\" count");
        }
        int participants = count(root, "participants");
        return new BridgeStats(conferences, participants);
    }

    private static int count(JsonNode root, String field) throws InvalidAnswer {
        JsonNode n = root.get(field);
        if (n == null) {
            return -1;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
            throw new InvalidAnswer("the stats' \"" + field + "\" is not a whole number from 0 to 2^31-1: " + clean(n.toString()));
        }
        return n.asInt();
    }

    private static JsonNode parse(String body) throws InvalidAnswer {
        if (body == null || body.isBlank()) {
            throw new InvalidAnswer("the answer is empty");
        }
        try (JsonParser p = JSON.createParser(body)) {
            JsonNode node = JSON.readTree(p);
            if (node == null || node.isMissingNode()) {
                throw new InvalidAnswer("the answer is empty");
            }
            if (p.nextToken() != null) {
                throw new InvalidAnswer("the answer has content after its JSON value");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidAnswer("the answer is not valid JSON: " + clean(e instanceof JsonProcessingException j
                    ? String.valueOf(j.getOriginalMessage()) : String.valueOf(e.getMessage())));
        }
    }

    private static String fromJson(String body) {
        try {
            JsonNode root = parse(body);
            for (String field : new String[] {"error", "message"}) {
                JsonNode n = root.get(field);
                if (n != null && n.isTextual() && !n.asText().isBlank()) {
                    return n.asText();
                }
                if (n != null && n.isObject() && n.get("message") != null && n.get("message").isTextual()) {
                    return n.get("message").asText();
                }
            }
            return null;
        } catch (InvalidAnswer e) {
            return null;
        }
    }

    /** Jetty's page puts the message in {@code <h2>HTTP ERROR 400 …</h2>}; proxies in {@code <title>} or {@code <h1>}. */
    private static String fromHtml(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (String tag : new String[] {"h2", "h1", "title"}) {
            int open = lower.indexOf("<" + tag);
            int start = open < 0 ? -1 : lower.indexOf('>', open);
            int end = start < 0 ? -1 : lower.indexOf("</" + tag, start);
            if (end > start + 1) {
                String text = body.substring(start + 1, end).replaceAll("<[^>]*>", " ").strip();
                if (!text.isEmpty()) {
                    return unescape(text);
                }
            }
        }
        return null;
    }

    /** Jetty's text page: {@code HTTP ERROR 404 Not Found}, then {@code URI:}, {@code STATUS:}, {@code MESSAGE:} lines. */
    private static String fromText(String body) {
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("MESSAGE: ") && line.length() > 9) {
                return line.substring(9);
            }
        }
        return body.lines().filter(l -> !l.isBlank()).findFirst().orElse(null);
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** Control characters become spaces, runs of spaces one, and the whole at most {@link #MAX_MESSAGE} characters. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_MESSAGE + 1));
        boolean space = false;
        for (int i = 0; i < s.length() && out.length() <= MAX_MESSAGE; i++) {
            char c = s.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT;
            if (blank) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        if (out.length() == 0) {
            return null;
        }
        if (out.length() > MAX_MESSAGE) {
            out.setLength(MAX_MESSAGE);
            if (Character.isHighSurrogate(out.charAt(MAX_MESSAGE - 1))) {
                out.setLength(MAX_MESSAGE - 1);
            }
            out.append('…');
        }
        return out.toString();
    }
}
