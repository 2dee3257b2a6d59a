package org.lucarne.bridge.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets a request through only with {@code Authorization: Bearer <shared secret>} (RFC 6750 §2.1),
 * compared in constant time; 401 otherwise (RFC 6750 §3).
 */
final class BearerAuth extends Handler.Wrapper {
    private final byte[] expectedDigest;

    BearerAuth(String secret, Handler next) {
        super(next);
        this.expectedDigest = sha256("Bearer " + secret);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        // Digests of equal length: the comparison time says nothing about the secret or its length.
        if (given == null || !MessageDigest.isEqual(expectedDigest, sha256(given.strip()))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"lucarne-bridge\"");
            JsonAnswers.refuseUnread(request, response, callback, 401, given == null
                    ? "Authorization: Bearer <shared secret> is required"
                    : "the Authorization header does not carry the bridge's shared secret");
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
