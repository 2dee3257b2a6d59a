package org.lucarne.signaling.http;

import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** On the optional plain-HTTP port, answers everything with a permanent redirect to HTTPS. */
public final class HttpsRedirectHandler extends Handler.Wrapper {
    private final Supplier<String> httpsOrigin;

    public HttpsRedirectHandler(Supplier<String> httpsOrigin, Handler next) {
        super(next);
        this.httpsOrigin = httpsOrigin;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.isSecure()) {
            return super.handle(request, response, callback);
        }
        HttpURI uri = request.getHttpURI();
        String target = httpsOrigin.get() + (uri.getPath() == null ? "/" : uri.getPath())
                + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
        response.setStatus(HttpStatus.PERMANENT_REDIRECT_308);
        response.getHeaders().put(HttpHeader.LOCATION, target);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        callback.succeeded();
        return true;
    }
}
