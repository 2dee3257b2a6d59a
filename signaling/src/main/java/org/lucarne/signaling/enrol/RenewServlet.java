package org.lucarne.signaling.enrol;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.lucarne.certs.InvalidCsrException;
import org.lucarne.certs.TabletCsr;
import org.lucarne.certs.TabletIds;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.device.TabletStatus;
import org.lucarne.signaling.device.Tablets;
import org.lucarne.signaling.device.WardTablets;
import org.lucarne.signaling.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /kiosk/renew} on the kiosk listener only (docs/api.md, "Tablet enrolment"): a tablet whose current
 * certificate (the one of this mutual-TLS connection) expires within {@link #DUE} gets a new one for the key of
 * its request; earlier it is told when to come back ({@code 409 not_due}); a revoked tablet is refused (403).
 */
public final class RenewServlet extends HttpServlet {
    /** How long before its certificate expires a tablet may renew it. */
    static final Duration DUE = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(RenewServlet.class);
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final transient Database db;
    private final transient Optional<Issuing> issuing;
    private final transient AuditTrail audit;
    private final transient Predicate<HttpServletRequest> onKioskListener;

    RenewServlet(Database db, Optional<Issuing> issuing, AuditTrail audit, Predicate<HttpServletRequest> onKioskListener) {
        this.db = db;
        this.issuing = issuing;
        this.audit = audit;
        this.onKioskListener = onKioskListener;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PublicAnswer.answer(resp, LOG, "a certificate renewal", () -> {
            if (!onKioskListener.test(req)) {
                throw PublicAnswer.refusal(404, "not_found", "renewal is on the tablets' port, with the tablet's"
                        + " certificate");
            }
            if (!req.getMethod().equals("POST")) {
                throw PublicAnswer.refusal(405, "method_not_allowed", "use POST here");
            }
            PublicAnswer.write(resp, 200, Json.object().put("certificate", renew(req)));
        });
    }

    private String renew(HttpServletRequest req) throws IOException {
        Issuing is = issuing.orElseThrow(PublicAnswer::off);
        X509Certificate current = req.getAttribute(CLIENT_CERTIFICATES) instanceof X509Certificate[] chain
                && chain.length > 0 ? chain[0] : null;
        Optional<String> id = current == null ? Optional.empty() : TabletIds.of(current);
        if (id.isEmpty()) {
            throw PublicAnswer.refusal(403, "forbidden", "this connection carries no tablet certificate");
        }
        String tabletId = id.get();
        if (new Tablets(db).status(tabletId) != TabletStatus.ENROLLED) {
            audit.record(AuditEvent.of(AuditEvent.tablet(tabletId), AuditAction.TABLET_RENEWED, AuditOutcome.REFUSED)
                    .target("tablet", tabletId).from(req.getRemoteAddr()).detail("revoked_or_unknown"));
            throw PublicAnswer.refusal(403, "forbidden", "tablet " + tabletId + " is revoked or not enrolled: ask the"
                    + " ward staff to enrol it again");
        }
        Instant now = is.clock.instant();
        Instant renewAfter = current.getNotAfter().toInstant().minus(DUE);
        if (now.isBefore(renewAfter)) {
            throw new PublicAnswer.NotDue(renewAfter).answer();
        }
        String pem;
        try {
            pem = PublicAnswer.body(req).only("csr").string("csr", 1, TabletCsr.MAX_PEM_CHARS);
        } catch (ApiException e) {
            throw PublicAnswer.of(e);
        }
        TabletCsr csr;
        try {
            csr = TabletCsr.parse(pem);
        } catch (InvalidCsrException e) {
            throw PublicAnswer.refusal(400, "invalid_csr", e.getMessage());
        }
        String address = req.getRemoteAddr();
        return db.inTransaction(c -> {
            String wardId = new WardTablets(is.clock).find(c, tabletId).map(WardTablets.TabletRow::wardId).orElse(null);
            List<X509Certificate> chain = is.ca.issueTablet(tabletId, csr.request(), Issuing.VALIDITY);
            TabletCertificates.record(c, tabletId, chain.get(0), TabletCertificates.How.RENEWAL);
            audit.append(c, AuditEvent.of(AuditEvent.tablet(tabletId), AuditAction.TABLET_RENEWED, AuditOutcome.SUCCESS)
                    .target("tablet", tabletId).ward(wardId).from(address)
                    .detail("serial=" + TabletCertificates.serial(chain.get(0).getSerialNumber())));
            return Issuing.pem(chain);
        });
    }
}
