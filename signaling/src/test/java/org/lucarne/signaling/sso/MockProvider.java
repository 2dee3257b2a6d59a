package org.lucarne.signaling.sso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real OpenID Connect provider for the SSO tests: navikt's mock-oauth2-server on a free port of
 * 127.0.0.1, issuer {@code http://localhost:<port>/hospital}, signing its ID tokens with its own
 * RSA key published at its JWKS. Asked to authenticate the person again ({@code prompt=login}),
 * its authorization endpoint shows its login page, which {@link #authorize} fills in as a person
 * would; otherwise it answers at once with a redirect carrying a code. Who signs in, with which
 * claims, is set by {@link #nextSignIn}.
 *
 * <p>A route placed before the provider's own sees every request ({@link #requests()}), and can
 * answer the next authorization request or token request itself ({@link #answerNextAuthorization},
 * {@link #answerNextToken}): for what a real provider does but this one is not told to (an error
 * page's redirect, a token signed with another key).
 */
final class MockProvider implements AutoCloseable {
    static final String ISSUER_ID = "hospital";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockOAuth2Server server;
    private final Interceptor interceptor;
    private final AtomicReference<Person> nextPerson = new AtomicReference<>(new Person("someone", Map.of()));

    /** Who types at the provider's login page, and the claims the provider holds for them. */
    private record Person(String subject, Map<String, Object> claims) { }

    private MockProvider(MockOAuth2Server server, Interceptor interceptor) {
        this.server = server;
        this.interceptor = interceptor;
    }

    /** Starts on a free port. */
    static MockProvider start() {
        return start(0);
    }

    /** Starts on {@code port} (0: any free one). */
    static MockProvider start(int port) {
        Interceptor interceptor = new Interceptor();
        MockOAuth2Server server = new MockOAuth2Server(interceptor);
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        return new MockProvider(server, interceptor);
    }

    /** {@code http://localhost:<port>/hospital}, as the provider names itself. */
    URI issuer() {
        String url = server.issuerUrl(ISSUER_ID).toString();
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    int port() {
        return server.baseUrl().port();
    }

    MockOAuth2Server server() {
        return server;
    }

    /**
     * The next token request gives an ID token for {@code subject} with {@code claims} added (a
     * claim given here replaces the provider's own: {@code aud}, {@code nonce}), valid for
     * {@code expirySeconds} from now (negative: already expired).
     */
    void nextSignIn(String subject, Map<String, Object> claims, long expirySeconds) {
        nextPerson.set(new Person(subject, claims));
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of("lucarne"), claims,
                expirySeconds));
    }

    void nextSignIn(String subject, Map<String, Object> claims) {
        nextSignIn(subject, claims, 3600);
    }

    /** The next authorization request is answered by {@code answer} instead of the provider. */
    void answerNextAuthorization(Function<OAuth2HttpRequest, OAuth2HttpResponse> answer) {
        interceptor.authorization.set(answer);
    }

    /** The next token request is answered with this JSON body, 200, instead of by the provider. */
    void answerNextToken(String json) {
        interceptor.token.set(r -> new OAuth2HttpResponse(Headers.of("Content-Type", "application/json;charset=UTF-8"),
                200, json, null));
    }

    /** A redirect back to the request's redirect_uri with {@code error} and the request's state. */
    static OAuth2HttpResponse errorRedirect(OAuth2HttpRequest request, String error) {
        String to = request.getUrl().queryParameter("redirect_uri") + "?error=" + error + "&state="
                + request.getUrl().queryParameter("state");
        return new OAuth2HttpResponse(Headers.of("Location", to), 302, "", null);
    }

    /** Every request the provider was sent, in order. */
    List<OAuth2HttpRequest> requests() {
        return List.copyOf(interceptor.seen);
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /**
     * The browser's part at the provider: GETs the authorization URL, fills in the login page if
     * the provider shows one (as the person of {@link #nextSignIn}), and returns the query of the
     * redirect back (code and state, or error and state).
     */
    Map<String, String> authorize(URI authorizationUri) {
        return query(redirectBack(authorizationUri));
    }

    /** As {@link #authorize}, but the whole URL the provider sends the browser back to. */
    URI redirectBack(URI authorizationUri) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(authorizationUri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                Person who = nextPerson.get();
                String form = "username=" + URLEncoder.encode(who.subject(), StandardCharsets.UTF_8) + "&claims="
                        + URLEncoder.encode(JSON.writeValueAsString(who.claims()), StandardCharsets.UTF_8);
                response = http.send(HttpRequest.newBuilder(authorizationUri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != 302) {
                throw new AssertionError("the provider answered " + response.statusCode() + ": " + response.body());
            }
            return URI.create(response.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The decoded query parameters of {@code uri}. */
    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Sees every request first; answers the next authorization or token request when told to. */
    private static final class Interceptor implements Route {
        final List<OAuth2HttpRequest> seen = new CopyOnWriteArrayList<>();
        final AtomicReference<Function<OAuth2HttpRequest, OAuth2HttpResponse>> authorization = new AtomicReference<>();
        final AtomicReference<Function<OAuth2HttpRequest, OAuth2HttpResponse>> token = new AtomicReference<>();

        @Override
        public boolean match(OAuth2HttpRequest request) {
            seen.add(request);
            return pending(request) != null && pending(request).get() != null;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return pending(request).getAndSet(null).apply(request);
        }

        private AtomicReference<Function<OAuth2HttpRequest, OAuth2HttpResponse>> pending(OAuth2HttpRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.endsWith("/authorize")) {
                return authorization;
            }
            if (path.endsWith("/token") && "POST".equals(request.getMethod())) {
                return token;
            }
            return null;
        }
    }
}
