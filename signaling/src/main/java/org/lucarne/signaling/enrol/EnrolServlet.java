package org.lucarne.signaling.enrol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.InvalidCsrException;
import org.lucarne.certs.TabletCsr;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;
import org.lucarne.signaling.session.SessionTokens;
import org.lucarne.signaling.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tablet's side of enrolment, on the public listener, with no session (docs/api.md, "Tablet enrolment"):
 * {@code POST /enrol} asks with a certificate request and gets a code to show, {@code GET /enrol/{request}} with
 * its poll token tells how it stands. Requests per address are limited, and so is the number pending at once.
 */
public final class EnrolServlet extends HttpServlet {
    /** Requests a minute from one address. */
    static final int PER_ADDRESS_PER_MINUTE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(EnrolServlet.class);
    private static final Pattern REQUEST_ID = Pattern.compile("/[A-Za-z0-9_-]{22}");
    private static final Pattern DEVICE = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{P}\\p{Zs}\\p{S}]{1,64}");
    private static final String BEARER = "Bearer ";

    private final transient Database db;
    private final transient Optional<CertificateAuthority> ca;
    private final transient Clock clock;
    private final transient SecureRandom random;
    private final transient Supplier<String> kioskOrigin;
    private final transient Predicate<HttpServletRequest> onKioskListener;
    private final transient MinuteLimit perAddress;

    public EnrolServlet(Database db, Optional<CertificateAuthority> ca, Clock clock, SecureRandom random,
                        Supplier<String> kioskOrigin, Predicate<HttpServletRequest> onKioskListener) {
        this.db = db;
        this.ca = ca;
        this.clock = clock;
        this.random = random;
        this.kioskOrigin = kioskOrigin;
        this.onKioskListener = onKioskListener;
        this.perAddress = new MinuteLimit(clock, PER_ADDRESS_PER_MINUTE);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String rest = req.getPathInfo() == null ? "" : req.getPathInfo();
        PublicAnswer.answer(resp, LOG, "an enrolment request", () -> {
            if (onKioskListener.test(req)) {
                throw PublicAnswer.refusal(404, "not_found", "enrolment is on the public port, not the tablets' one");
            }
            if (ca.isEmpty()) {
                throw PublicAnswer.off();
            }
            if (rest.isEmpty() || rest.equals("/")) {
                requireMethod(req, "POST");
                PublicAnswer.write(resp, 201, ask(req));
            } else if (REQUEST_ID.matcher(rest).matches()) {
                requireMethod(req, "GET");
                PublicAnswer.write(resp, 200, poll(rest.substring(1), req.getHeader("Authorization")));
            } else {
                throw PublicAnswer.refusal(404, "not_found", "there is nothing here");
            }
        });
    }

    private static void requireMethod(HttpServletRequest req, String method) {
        if (!req.getMethod().equals(method)) {
            throw PublicAnswer.refusal(405, "method_not_allowed", "use " + method + " here");
        }
    }

    private ObjectNode ask(HttpServletRequest req) throws IOException {
        String address = req.getRemoteAddr();
        if (!perAddress.tryAcquire(address)) {
            throw PublicAnswer.refusal(429, "too_many", "too many enrolment requests from this address: wait a minute");
        }
        JsonBody body = PublicAnswer.body(req);
        String pem;
        Optional<String> device;
        try {
            body.only("csr", "device");
            pem = body.string("csr", 1, TabletCsr.MAX_PEM_CHARS);
            device = body.isNull("device") ? Optional.empty() : body.optionalString("device", 1, 64);
        } catch (ApiException e) {
            throw PublicAnswer.of(e);
        }
        if (device.isPresent() && !DEVICE.matcher(device.get()).matches()) {
            throw PublicAnswer.refusal(400, "invalid_request", "the device name holds a control character or a"
                    + " line break: send 1 to 64 printable characters");
        }
        TabletCsr csr;
        try {
            csr = TabletCsr.parse(pem);
        } catch (InvalidCsrException e) {
            throw PublicAnswer.refusal(400, "invalid_csr", e.getMessage());
        }
        String id = SessionTokens.newToken(random).substring(0, 22);
        String token = SessionTokens.newToken(random);
        Instant now = clock.instant();
        String code = db.inTransaction(c -> {
            Enrolments.expire(c, db.dialect(), now);
            if (Enrolments.pendingCount(c) >= Enrolments.MAX_PENDING) {
                throw PublicAnswer.refusal(429, "too_many", "too many tablets are waiting to be enrolled: ask the ward"
                        + " staff to approve or refuse them, or try again in 15 minutes");
            }
            String next;
            do {
                next = EnrolmentCodes.next(random);
            } while (Enrolments.codeTaken(c, EnrolmentCodes.hash(EnrolmentCodes.digits(next).orElseThrow())));
            Enrolments.insert(c, new Enrolments.NewRequest(id, EnrolmentCodes.hash(EnrolmentCodes.digits(next)
                    .orElseThrow()), SessionTokens.hash(token), csr.pem(), device, address, csr.keyFingerprint(), now));
            return next;
        });
        LOG.info("tablet enrolment request {} from {}", id, address);
        return Json.object().put("request", id).put("code", code).put("pollToken", token)
                .put("expiresAt", now.plus(Enrolments.PENDING_FOR).toEpochMilli());
    }

    private ObjectNode poll(String id, String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)
                || !SessionTokens.wellFormed(authorization.substring(BEARER.length()))) {
            throw PublicAnswer.notFound();
        }
        String given = SessionTokens.hash(authorization.substring(BEARER.length()));
        Enrolments.Request r = db.inTransaction(c -> Enrolments.find(c, id)).orElseThrow(PublicAnswer::notFound);
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
                r.pollHash().getBytes(StandardCharsets.US_ASCII))) {
            throw PublicAnswer.notFound();
        }
        ObjectNode o = Json.object();
        Enrolments.State state = r.state() == Enrolments.State.PENDING && !clock.instant().isBefore(r.expiresAt())
                ? Enrolments.State.EXPIRED : r.state();
        o.put("state", state.stored());
        switch (state) {
            case PENDING -> o.put("expiresAt", r.expiresAt().toEpochMilli());
            case APPROVED -> o.put("tablet", r.tabletId().orElseThrow()).put("certificate", r.certificate().orElseThrow())
                    .put("kioskOrigin", kioskOrigin.get());
            case REFUSED, EXPIRED -> { }
        }
        return o;
    }
}
