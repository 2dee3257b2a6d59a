package org.lucarne.signaling.http;

import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts the security headers on every response, errors and redirects included, before anything
 * else runs. Pages and API answers may only tighten them (e.g. Cache-Control).
 */
public final class SecurityHeadersHandler extends Handler.Wrapper {
    /** No inline script or style, no third-party origin, no framing. */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'");

    private final String socketPath;

    /** @param socketPath the WebSocket path, whose successful upgrades carry no page headers */
    public SecurityHeadersHandler(String socketPath, Handler next) {
        super(next);
        this.socketPath = socketPath;
    }

    /** Encoded once: they go on every response. */
    private static final List<HttpField> HEADERS = List.of(
            new PreEncodedHttpField("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
            new PreEncodedHttpField("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            new PreEncodedHttpField("Referrer-Policy", "no-referrer"),
            new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
            new PreEncodedHttpField("X-Frame-Options", "DENY"),
            new PreEncodedHttpField("Cross-Origin-Opener-Policy", "same-origin"),
            new PreEncodedHttpField("Cross-Origin-Resource-Policy", "same-origin"),
            new PreEncodedHttpField("Permissions-Policy",
                    "camera=(self), microphone=(self), geolocation=(), payment=(), usb=()"),
            new PreEncodedHttpField("Cache-Control", "no-store"));

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        // A WebSocket upgrade that succeeds answers 101 and becomes a socket: page headers mean
        // nothing there and would be kept with every connection. Refused upgrades get them from
        // UpgradeGuardHandler.
        if (!(request.getHeaders().contains(HttpHeader.UPGRADE) && socketPath.equals(request.getHttpURI().getPath()))) {
            addTo(response.getHeaders());
        }
        return super.handle(request, response, callback);
    }

    /** Also used for errors the HTTP parser answers before any handler runs. */
    public static void addTo(HttpFields.Mutable h) {
        for (HttpField f : HEADERS) {
            h.put(f);
        }
    }
}
