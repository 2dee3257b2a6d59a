package org.lucarne.bridge.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.lucarne.bridge.colibri.Colibri2Codec;
import org.lucarne.bridge.conference.Conferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's HTTP routes, all in one place:
 *
 * <pre>
 * POST  /colibri/v2/conferences              Colibri2 conference-modify (create, or change the named one)
 * PATCH /colibri/v2/conferences/{meetingId}  Colibri2 conference-modify for that conference
 * GET   /about/health                        200 while the media UDP port is open, 500 otherwise
 * GET   /colibri/stats                       counters and rates
 * </pre>
 *
 * Anything else is 404; a known path with another method is 405. Every answer is JSON.
 */
final class BridgeApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeApi.class);
    static final String CONFERENCES = "/colibri/v2/conferences";

    private final ColibriHandler colibri;
    private final Supplier<ObjectNode> stats;
    private final BooleanSupplier udpOpen;
    private final String udpAddress;

    BridgeApi(Conferences conferences, Supplier<ObjectNode> stats, BooleanSupplier udpOpen, String udpAddress) {
        this.colibri = new ColibriHandler(conferences, Colibri2Codec.DEFAULT_MAX_BYTES);
        this.stats = stats;
        this.udpOpen = udpOpen;
        this.udpAddress = udpAddress;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            route(request, response, callback);
        } catch (Exception | LinkageError e) {
            LOG.error("{} {} failed", request.getMethod(), Request.getPathInContext(request), e);
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                response.getHeaders().clear();
                JsonAnswers.error(response, callback, 500, "internal error; the bridge's log has the details");
            }
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals(CONFERENCES) || path.equals(CONFERENCES + "/")) {
            if (allowed(request, "POST", response, callback)) {
                colibri.modify(null, request, response, callback);
            }
        } else if (path.startsWith(CONFERENCES + "/")) {
            String meetingId = path.substring(CONFERENCES.length() + 1);
            if (meetingId.isEmpty() || meetingId.length() > 256 || meetingId.contains("/")
                    || meetingId.chars().anyMatch(Character::isISOControl)) {
                JsonAnswers.refuseUnread(request, response, callback, 404, "no such resource: a meeting id is 1 to 256 characters "
                        + "without '/'");
            } else if (allowed(request, "PATCH", response, callback)) {
                colibri.modify(meetingId, request, response, callback);
            }
        } else if (path.equals("/about/health")) {
            if (allowed(request, "GET", response, callback)) {
                health(response, callback);
            }
        } else if (path.equals("/colibri/stats")) {
            if (allowed(request, "GET", response, callback)) {
                JsonAnswers.send(response, callback, 200, stats.get());
            }
        } else {
            JsonAnswers.refuseUnread(request, response, callback, 404, "no such resource: " + path);
        }
    }

    private static boolean allowed(Request request, String allowed, Response response, Callback callback) {
        String method = request.getMethod();
        if (method.equals(allowed)) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        JsonAnswers.refuseUnread(request, response, callback, 405, "method " + method + " is not allowed here; use " + allowed);
        return false;
    }

    private void health(Response response, Callback callback) {
        ObjectNode body = JsonAnswers.JSON.createObjectNode();
        boolean open = udpOpen.getAsBoolean();
        body.put("healthy", open);
        body.put("udp", udpAddress);
        if (!open) {
            body.put("error", "the media UDP port is closed");
        }
        JsonAnswers.send(response, callback, open ? 200 : 500, body);
    }
}
