package org.lucarne.bridge.api;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path, status, time. No headers, no bodies: no secrets. A
 * focus's health checks (every few seconds, {@code GET /about/health} and {@code /colibri/stats})
 * answered 200 are logged at debug level only, so the log shows what changes.
 */
final class RequestLogging extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger("org.lucarne.bridge.api.requests");

    RequestLogging(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        Callback logged = Callback.from(callback, () -> {
            long ms = (System.nanoTime() - start) / 1_000_000;
            boolean routine = "GET".equals(method) && response.getStatus() == 200
                    && ("/about/health".equals(path) || "/colibri/stats".equals(path));
            if (routine) {
                LOG.debug("{} {} {} {} ms", method, path, response.getStatus(), ms);
            } else {
                LOG.info("{} {} {} {} ms", method, path, response.getStatus(), ms);
            }
        });
        return super.handle(request, response, logged);
    }
}
