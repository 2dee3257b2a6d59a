package org.lucarne.signaling.sso;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Every request to the hospital's provider goes through here, with the same timeouts: discovery,
 * the signing keys and the token request. A provider that does not answer within them is
 * unavailable for that sign-in, not a hung request thread.
 */
final class ProviderHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Larger than any discovery document or key set; a provider sending more is refused. */
    static final int MAX_BODY_CHARS = 512 * 1024;

    private ProviderHttp() {
    }

    /** GETs a JSON document: its body when the answer is 200, else an {@link IOException} naming the status. */
    static String getJson(URI uri) throws IOException {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, uri);
        request.setAccept("application/json");
        HTTPResponse response = send(request);
        if (response.getStatusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.getStatusCode());
        }
        return response.getBody();
    }

    /** Sends with the timeouts; a body over {@link #MAX_BODY_CHARS} is an {@link IOException}. */
    static HTTPResponse send(HTTPRequest request) throws IOException {
        request.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        request.setReadTimeout((int) READ_TIMEOUT.toMillis());
        request.setFollowRedirects(false);
        HTTPResponse response = request.send();
        String body = response.getBody();
        if (body != null && body.length() > MAX_BODY_CHARS) {
            throw new IOException(request.getURI() + " answered with over " + MAX_BODY_CHARS + " characters");
        }
        return response;
    }
}
