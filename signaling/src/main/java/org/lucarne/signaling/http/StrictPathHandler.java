package org.lucarne.signaling.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses, with a plain 404, every request whose path is ambiguous or irregular (encoded
 * separators or dots, {@code ..;}, empty segments, encoded NUL …): Lucarne never links to such
 * a path, so none names a resource. The connector lets them through (see LucarneServer) only
 * so that this one place answers them, before anything that maps paths to files.
 */
public final class StrictPathHandler extends Handler.Wrapper {
    public StrictPathHandler(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        var uri = request.getHttpURI();
        String path = uri.getPath();
        if (uri.hasViolations() || path == null || path.contains("//") || path.contains("/./")
                || path.contains("/../") || path.endsWith("/..") || path.indexOf('\0') >= 0) {
            response.setStatus(HttpStatus.NOT_FOUND_404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            Content.Sink.write(response, true, "404 Not Found\n", callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
