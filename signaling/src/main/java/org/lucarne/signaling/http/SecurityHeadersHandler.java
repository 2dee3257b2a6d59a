package org.lucarne.signaling.http;

import org.eclipse.jetty.http.HttpFields;
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

    public SecurityHeadersHandler(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        addTo(response.getHeaders());
        return super.handle(request, response, callback);
    }

    /** Also used for errors the HTTP parser answers before any handler runs. */
    static void addTo(HttpFields.Mutable h) {
        h.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        h.put("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(), payment=(), usb=()");
        h.put("Cache-Control", "no-store");
    }
}
