package org.lucarne.signaling.sso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.TestServer;

/**
 * A staff member's browser through an SSO sign-in: Lucarne's {@code /auth/oidc/start}, the
 * provider (its login page filled in, see {@link MockProvider#authorize}), back to Lucarne's
 * callback with the cookies Lucarne set, and where that sends it. The cookie jar is the
 * {@link StaffClient}'s, so the API can be called signed in afterwards.
 */
final class SsoBrowser {
    /** One sign-in's stops: the callback URL the provider sent the browser to, and Lucarne's answer to it. */
    record Trip(URI callback, HttpResponse<String> answer) {
        /** Where Lucarne sent the browser at the end: {@code /staff} or {@code /staff?sso_error=…}. */
        String landing() {
            return answer.headers().firstValue("Location").orElse("(no redirect: " + answer.statusCode() + ")");
        }

        List<String> setCookies() {
            return answer.headers().allValues("Set-Cookie");
        }
    }

    private final TestServer server;
    private final MockProvider provider;
    private final StaffClient client;

    SsoBrowser(TestServer server, MockProvider provider) {
        this.server = server;
        this.provider = provider;
        this.client = new StaffClient(server);
    }

    StaffClient client() {
        return client;
    }

    /** The whole trip, the provider answering as it is told ({@link MockProvider#nextSignIn}). */
    Trip signIn() {
        HttpResponse<String> start = get(URI.create(server.url("/auth/oidc/start")));
        if (start.statusCode() != 302) {
            throw new AssertionError("/auth/oidc/start answered " + start.statusCode() + ": " + start.body());
        }
        URI toProvider = URI.create(start.headers().firstValue("Location").orElseThrow());
        if (!toProvider.toString().startsWith(provider.issuer().toString())) {
            throw new AssertionError("/auth/oidc/start sent the browser to " + toProvider);
        }
        URI callback = provider.redirectBack(toProvider);
        if (!callback.toString().startsWith(server.url("/auth/oidc/callback?"))) {
            throw new AssertionError("the provider sent the browser back to " + callback);
        }
        return new Trip(callback, get(callback));
    }

    /** A GET with this browser's cookies, redirects not followed. */
    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.http().send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
