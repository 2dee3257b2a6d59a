package org.lucarne.signaling.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.lucarne.signaling.session.ActiveSession;
import org.lucarne.signaling.session.SessionCookies;

/**
 * One API request as a handler sees it, once the guard let it through: the path's parameters, the
 * query, the body, the caller's address and, on routes that need one, the open session.
 */
public final class ApiCall {
    private final HttpServletRequest request;
    private final Map<String, String> pathParams;
    private final byte[] body;
    private final String address;
    private final ActiveSession session;
    private final String sessionToken;
    private JsonBody json;

    ApiCall(HttpServletRequest request, Map<String, String> pathParams, byte[] body, String address,
            ActiveSession session, String sessionToken) {
        this.request = request;
        this.pathParams = Map.copyOf(pathParams);
        this.body = body;
        this.address = address;
        this.session = session;
        this.sessionToken = sessionToken;
    }

    /** A path parameter of the route ({@code {id}}). */
    public String path(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the route has no parameter " + name);
        }
        return v;
    }

    /** A query parameter; a repeated one is refused. */
    public Optional<String> query(String name) {
        String[] values = request.getParameterMap().get(name);
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw ApiException.invalid(name, "the query parameter '" + name + "' is given twice");
        }
        return Optional.of(values[0]);
    }

    /** The body, parsed strictly (an empty body is {@code {}}). */
    public JsonBody body() {
        if (json == null) {
            json = JsonBody.parse(body);
        }
        return json;
    }

    /** A request header, if sent (once). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    /** The client's address, as audited. */
    public String address() {
        return address;
    }

    /** The open session; only on routes that require one. */
    public ActiveSession session() {
        if (session == null) {
            throw ApiException.notSignedIn();
        }
        return session;
    }

    public Optional<ActiveSession> optionalSession() {
        return Optional.ofNullable(session);
    }

    /** The session's token (for the CSRF value), only on routes that require a session. */
    public String sessionToken() {
        if (sessionToken == null) {
            throw ApiException.notSignedIn();
        }
        return sessionToken;
    }

    /** The token of the sign-in in progress, from its cookie. */
    public Optional<String> signInToken() {
        return cookie(SessionCookies.SIGN_IN);
    }

    Optional<String> cookie(String name) {
        return SessionCookies.find(Collections.list(request.getHeaders("Cookie")), name);
    }
}
