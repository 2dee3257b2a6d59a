package org.lucarne.signaling.enrol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.lucarne.certs.IssuedCertificate;
import org.lucarne.certs.Pkcs12;
import org.lucarne.certs.TabletCsr;
import org.lucarne.signaling.api.ApiAccess;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.session.SessionTokens;
import org.lucarne.signaling.storage.Database;

/**
 * The staff's side of enrolment (docs/staff-api.md, "Enrolling tablets"), {@code tablet.enrol} through the one
 * policy: the pending requests (never their codes), approving one by the code its tablet shows, refusing one, and
 * an MDM package. An approval or a package creates the tablet in the chosen bed, records its certificate's serial,
 * is audited {@code tablet.enrolled} and tells the ward's consoles.
 */
public final class EnrolmentResource {
    /** Wrong codes a minute per staff session. */
    static final int WRONG_CODES_PER_MINUTE = 5;

    private final Database db;
    private final Optional<Issuing> issuing;
    private final AccessGuard guard;
    private final AuditTrail audit;
    private final Consumer<String> wardChanged;
    private final MinuteLimit wrongCodes;

    /** {@code wardChanged} tells a ward's consoles that its tablets changed. */
    EnrolmentResource(Database db, Optional<Issuing> issuing, AccessGuard guard, AuditTrail audit,
                      Consumer<String> wardChanged, java.time.Clock clock) {
        this.db = db;
        this.issuing = issuing;
        this.guard = guard;
        this.audit = audit;
        this.wardChanged = wardChanged;
        this.wrongCodes = new MinuteLimit(clock, WRONG_CODES_PER_MINUTE);
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/enrolments", Access.SIGNED_IN, this::list),
                Route.of("POST", "/api/enrolments/approve", Access.SIGNED_IN, this::approve),
                Route.of("POST", "/api/enrolments/{request}/refuse", Access.SIGNED_IN, this::refuse),
                Route.of("POST", "/api/tablets/mdm", Access.SIGNED_IN, this::mdm));
    }

    private Issuing issuing() {
        return issuing.orElseThrow(() -> new ApiException(503, "enrolment_off", TabletIssuer.OFF));
    }

    /** Pending requests are no ward's: whoever may enrol tablets on some ward sees them. Others: 403, audited. */
    private void requireSomeWard(ApiCall call, String kind, String id) {
        if (guard.policy().scope(call.session().actor(), Action.TABLET_ENROL).none()) {
            ApiAccess.require(guard, call, Action.TABLET_ENROL, new AccessGuard.Target(kind, id, null, null));
        }
    }

    private ApiAnswer list(ApiCall call) {
        requireSomeWard(call, "enrolment", "pending");
        Issuing is = issuing();
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("pending");
        db.inTransaction(c -> {
            Enrolments.expire(c, db.dialect(), is.clock.instant());
            for (Enrolments.Request r : Enrolments.pending(c)) {
                ObjectNode e = list.addObject().put("request", r.id());
                e.put("device", r.device().orElse(null));
                e.put("fromAddress", r.fromAddress()).put("keyFingerprint", r.keyFingerprint())
                        .put("createdAt", r.createdAt().toEpochMilli()).put("expiresAt", r.expiresAt().toEpochMilli());
            }
            return null;
        });
        return ApiAnswer.ok(o);
    }

    private record Placed(Issuing.Bed bed, String label) {
    }

    /** The bed and label of a new tablet, the bed's ward checked against the policy (403, audited). */
    private Placed placed(ApiCall call, JsonBody body) {
        String bedId = body.string("bed", 1, 128);
        String label = body.string("label", 1, 64);
        if (label.isBlank() || label.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("label", "the label must be 1 to 64 printable characters");
        }
        Issuing.Bed bed = db.inTransaction(c -> Issuing.bed(c, bedId))
                .orElseThrow(() -> ApiException.invalid("bed", "there is no bed " + bedId));
        ApiAccess.require(guard, call, Action.TABLET_ENROL, new AccessGuard.Target("bed", bed.id(), bed.wardId(), null));
        return new Placed(bed, label.strip());
    }

    private ApiAnswer approve(ApiCall call) {
        JsonBody body = call.body().only("code", "bed", "label");
        String digits = EnrolmentCodes.digits(body.string("code", 1, 16)).orElseThrow(() -> ApiException.invalid(
                "code", "the code is the 8 digits the tablet shows, as 12345678 or 1234-5678"));
        Placed p = placed(call, body);
        Issuing is = issuing();
        String session = call.session().tokenHash();
        if (wrongCodes.exhausted(session)) {
            throw new ApiException(429, "too_many_attempts", "too many wrong codes from this session: wait a minute");
        }
        String actor = AuditEvent.staff(call.session().userId());
        Instant now = is.clock.instant();
        ObjectNode answer = db.inTransaction(c -> {
            Enrolments.expire(c, db.dialect(), now);
            Optional<Enrolments.Request> r = Enrolments.byCode(c, EnrolmentCodes.hash(digits));
            if (r.isEmpty()) {
                return null;
            }
            String tabletId = is.newTablet(c, p.bed(), p.label());
            List<X509Certificate> chain = is.ca.issueTablet(tabletId, TabletCsr.parse(r.get().csr()).request(),
                    Issuing.VALIDITY);
            TabletCertificates.record(c, tabletId, chain.get(0), TabletCertificates.How.ENROLMENT);
            Enrolments.approve(c, r.get().id(), actor, now, tabletId, Issuing.pem(chain));
            audit.append(c, AuditEvent.of(actor, AuditAction.TABLET_ENROLLED, AuditOutcome.SUCCESS)
                    .target("tablet", tabletId).ward(p.bed().wardId()).from(call.address())
                    .detail("how=enrolment request=" + r.get().id() + " serial="
                            + TabletCertificates.serial(chain.get(0).getSerialNumber())));
            ObjectNode o = Json.object();
            o.set("tablet", tablet(tabletId, p));
            return o.put("request", r.get().id());
        });
        if (answer == null) {
            wrongCodes.tryAcquire(session);
            audit.record(AuditEvent.of(actor, AuditAction.TABLET_ENROLLED, AuditOutcome.FAILURE)
                    .target("bed", p.bed().id()).ward(p.bed().wardId()).from(call.address()).detail("unknown_code"));
            throw new ApiException(404, "unknown_code", "no tablet waiting to be enrolled shows this code: read it"
                    + " again from the tablet's screen");
        }
        wardChanged.accept(p.bed().wardId());
        return ApiAnswer.created(answer);
    }

    private ApiAnswer refuse(ApiCall call) {
        String id = call.path("request");
        requireSomeWard(call, "enrolment", id);
        call.body().only();
        Issuing is = issuing();
        String actor = AuditEvent.staff(call.session().userId());
        boolean refused = db.inTransaction(c -> {
            Enrolments.expire(c, db.dialect(), is.clock.instant());
            if (!Enrolments.refuse(c, id, actor, is.clock.instant())) {
                return false;
            }
            audit.append(c, AuditEvent.of(actor, AuditAction.TABLET_ENROLMENT_REFUSED, AuditOutcome.SUCCESS)
                    .target("enrolment", id).from(call.address()));
            return true;
        });
        if (!refused) {
            throw ApiException.notFound();
        }
        return ApiAnswer.noContent();
    }

    /**
     * A tablet and its key made here, returned once as PKCS#12 under a fresh password: for fleets whose MDM
     * installs certificates. Only the certificate's serial is kept.
     */
    private ApiAnswer mdm(ApiCall call) {
        Placed p = placed(call, call.body().only("bed", "label"));
        Issuing is = issuing();
        String actor = AuditEvent.staff(call.session().userId());
        record Made(String tabletId, IssuedCertificate issued) {
        }
        Made made = db.inTransaction(c -> {
            String tabletId = is.newTablet(c, p.bed(), p.label());
            IssuedCertificate issued = is.ca.issueTablet(tabletId, Issuing.VALIDITY);
            TabletCertificates.record(c, tabletId, issued.certificate(), TabletCertificates.How.MDM);
            audit.append(c, AuditEvent.of(actor, AuditAction.TABLET_ENROLLED, AuditOutcome.SUCCESS)
                    .target("tablet", tabletId).ward(p.bed().wardId()).from(call.address())
                    .detail("how=mdm serial=" + TabletCertificates.serial(issued.certificate().getSerialNumber())));
            return new Made(tabletId, issued);
        });
        String password = SessionTokens.newToken(is.random);
        byte[] p12 = Pkcs12.tabletBytes(made.issued(), password.toCharArray());
        wardChanged.accept(p.bed().wardId());
        ObjectNode o = Json.object();
        o.set("tablet", tablet(made.tabletId(), p));
        return ApiAnswer.created(o.put("filename", p.label().replaceAll("[^A-Za-z0-9._ -]", "_") + ".p12")
                .put("pkcs12", Base64.getEncoder().encodeToString(p12)).put("password", password));
    }

    private static ObjectNode tablet(String id, Placed p) {
        return Json.object().put("id", id).put("label", p.label()).put("bed", p.bed().id());
    }
}
