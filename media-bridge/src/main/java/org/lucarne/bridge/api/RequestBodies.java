package org.lucarne.bridge.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reads a JSON request body: content type checked, size capped, UTF-8 decoded strictly. */
final class RequestBodies {
    /** Why a body was refused, with the HTTP status to answer. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** The largest refused body still read to its end, so that its sender hears the refusal. */
    static final long DRAIN_LIMIT = 1024 * 1024;

    private RequestBodies() {
    }

    private static void drain(Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] sink = new byte[8192];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        }
    }

    static String readJson(Request request, int maxBytes) throws Refused, IOException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isJson(type)) {
            throw new Refused(415, "Content-Type must be application/json, was "
                    + (type == null ? "absent" : "'" + type + "'"));
        }
        long declared = request.getLength();
        if (declared > maxBytes) {
            // A body up to DRAIN_LIMIT is read and dropped first: the client, still sending, then gets the
            // 413 instead of a connection reset (closing with unread data makes TCP send RST). Larger
            // ones are refused at once, and the connection closes.
            if (declared <= DRAIN_LIMIT) {
                drain(request);
            }
            throw new Refused(413, "the body is " + declared + " bytes; the limit is " + maxBytes);
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new Refused(413, "the body is larger than the limit of " + maxBytes + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, "the body is not valid UTF-8");
        }
    }

    /** {@code application/json}, optionally with {@code charset=utf-8} (RFC 8259 §8.1: JSON is UTF-8). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().replace("\"", "");
            if (p.startsWith("charset=") && !p.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }
}
