package org.lucarne.signaling.enrol;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
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
        PublicAnswer.answer(resp, LOG, "the tablets' CRL", () -> {
            byte[] der = crl.orElseThrow(PublicAnswer::off).der();
            resp.setStatus(200);
            resp.setHeader("Cache-Control", "no-cache");
            resp.setContentType("application/pkix-crl");
            resp.setContentLength(der.length);
            if (!"HEAD".equals(req.getMethod())) {
                resp.getOutputStream().write(der);
            }
        });
    }
}
