package org.lucarne.signaling.ws;

import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.lucarne.signaling.device.TabletAuthenticator;
import org.lucarne.signaling.http.SecurityHeadersHandler;
import org.lucarne.signaling.session.StaffAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of {@code /ws}: refuses a foreign or missing Origin (403), an address that
 * opens too many sockets (429) and, on the kiosk listener, a tablet that is not enrolled or revoked
 * (403), before the WebSocket machinery, or any endpoint object, sees the request. A verified tablet
 * becomes the upgrade's user principal ({@link org.lucarne.signaling.device.TabletPrincipal}); on the
 * public listener, so does a member of staff whose session cookie is valid
 * ({@link org.lucarne.signaling.session.StaffPrincipal}), and anyone else is simply nobody in particular.
 */
public final class UpgradeGuardHandler extends Handler.Wrapper {
    public static final String PATH = "/ws";
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeGuardHandler.class);

    private final Function<Request, String> allowedOrigin;
    private final RateLimits limits;
    private final SignalingStats stats;
    private final TabletAuthenticator tablets;
    private final StaffAuthenticator staff;

    /** {@code allowedOrigin}: the one origin that may open {@code /ws} on the listener of that request. */
    public UpgradeGuardHandler(Function<Request, String> allowedOrigin, RateLimits limits, SignalingStats stats,
                               TabletAuthenticator tablets, Handler next) {
        this(allowedOrigin, limits, stats, tablets, null, next);
    }

    /** {@code staff}: who a session cookie names on the public listener; null where there is no staff sign-in. */
    public UpgradeGuardHandler(Function<Request, String> allowedOrigin, RateLimits limits, SignalingStats stats,
                               TabletAuthenticator tablets, StaffAuthenticator staff, Handler next) {
        super(next);
        this.staff = staff;
        this.allowedOrigin = allowedOrigin;
        this.limits = limits;
        this.stats = stats;
        this.tablets = tablets;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null || !origin.equalsIgnoreCase(allowedOrigin.apply(request))) {
            stats.upgradeRefusedOrigin();
            LOG.info("refused /ws upgrade from {}: origin {}", Request.getRemoteAddr(request), origin);
            return refuse(response, callback, HttpStatus.FORBIDDEN_403,
                    "403 Forbidden: this page's origin may not open the Lucarne signaling socket\n");
        }
        if (!limits.allowUpgrade(Request.getRemoteAddr(request))) {
            stats.upgradeRefusedRate();
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
            return refuse(response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                    "429 Too Many Requests: too many connections from this address, try again shortly\n");
        }
        TabletAuthenticator.Outcome outcome = tablets.authenticate(request);
        if (outcome instanceof TabletAuthenticator.Refused refused) {
            return refuse(response, callback, refused.status(), refused.text());
        }
        if (outcome instanceof TabletAuthenticator.Verified verified) {
            TabletAuthenticator.attach(request, verified.tablet());
        } else if (outcome instanceof TabletAuthenticator.PublicListener && staff != null) {
            staff.authenticate(request).ifPresent(p -> StaffAuthenticator.attach(request, p));
        }
        return super.handle(request, response, callback);
    }

    private static boolean refuse(Response response, Callback callback, int status, String text) {
        SecurityHeadersHandler.addTo(response.getHeaders());
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        Content.Sink.write(response, true, text, callback);
        return true;
    }
}
