package org.lucarne.signaling.enrol;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import org.lucarne.signaling.api.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /crl/tablets.crl} on the public listener: the tablet CA's CRL, DER ({@code application/pkix-crl}). */
public final class CrlServlet extends HttpServlet {
    public static final String PATH = "/crl/tablets.crl";
    private static final Logger LOG = LoggerFactory.getLogger(CrlServlet.class);

    private final transient Optional<TabletCrl> crl;
    private final transient Predicate<HttpServletRequest> onKioskListener;

    CrlServlet(Optional<TabletCrl> crl, Predicate<HttpServletRequest> onKioskListener) {
        this.crl = crl;
        this.onKioskListener = onKioskListener;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (onKioskListener.test(req)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (crl.isEmpty()) {
            PublicAnswer.write(resp, 503, PublicAnswer.off().body());
            return;
        }
        byte[] der;
        try {
            der = crl.get().der();
        } catch (RuntimeException e) {
            LOG.error("cannot make the tablets' CRL", e);
            PublicAnswer.write(resp, 500, Json.object().put("error", "internal")
                    .put("message", "the server cannot make the CRL right now; try again"));
            return;
        }
        resp.setStatus(200);
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentType("application/pkix-crl");
        resp.setContentLength(der.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(der);
        }
    }
}
