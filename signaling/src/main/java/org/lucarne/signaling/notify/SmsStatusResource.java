package org.lucarne.signaling.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.config.NotifySettings;
import org.lucarne.signaling.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/notify/sms/status}: the SMS gateway reports what became of a message
 * (docs/operations/notifications.md, "Delivery reports"): {@code {"reference": "<message id>", "status": "delivered" |
 * "failed", "reason": "<code>"}} with {@code Authorization: Bearer <notify.sms.secret>} (RFC 6750 §2.1).
 * Not a staff route: no session, no Origin; the secret is the gateway's credential. Only served when
 * an SMS gateway is configured.
 */
final class SmsStatusResource {
    private static final Logger LOG = LoggerFactory.getLogger(SmsStatusResource.class);
    static final String PATH = "/api/notify/sms/status";

    private final Database db;
    private final Clock clock;
    private final Messages messages;
    private final byte[] secret;

    SmsStatusResource(Database db, Clock clock, Messages messages, NotifySettings.Sms sms) {
        this.db = db;
        this.clock = clock;
        this.messages = messages;
        this.secret = ("Bearer " + sms.secret()).getBytes(StandardCharsets.UTF_8);
    }

    List<Route> routes() {
        return List.of(Route.of("POST", PATH, Access.OPEN, this::report));
    }

    private ApiAnswer report(ApiCall call) {
        byte[] given = call.header("Authorization").orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(secret, given)) {
            LOG.warn("a delivery report from {} was refused: wrong or missing bearer secret", call.address());
            return unauthorized();
        }
        JsonBody body = call.body().only("reference", "status", "reason", "id");
        String reference = body.string("reference", 1, 64);
        String status = body.string("status", 1, 16);
        body.optionalString("id", 1, 128);
        Optional<String> reason = body.optionalString("reason", 1, 200);
        boolean delivered = switch (status) {
            case "delivered" -> true;
            case "failed" -> false;
            default -> throw ApiException.invalid("status", "status is delivered or failed");
        };
        String code = reason.filter(r -> r.matches("[a-z0-9_.-]{1,40}")).orElse(reason.isPresent() ? "other" : "unknown");
        boolean known = db.inTransaction(c -> messages.report(c, reference, delivered, "undelivered",
                "the SMS gateway reports it was not delivered (" + code + ")", clock.instant()));
        if (!known) {
            throw ApiException.notFound();
        }
        LOG.info("message {}: the SMS gateway reports it {}", reference, delivered ? "delivered" : "undelivered (" + code
                + ")");
        return ApiAnswer.noContent();
    }

    /** {@code 401} with {@code WWW-Authenticate: Bearer} (RFC 6750 §3). */
    private static ApiAnswer unauthorized() {
        return new ApiAnswer(401, Json.object().put("code", "unauthorized").put("detail",
                "this report needs Authorization: Bearer <notify.sms.secret>"), List.of())
                .withHeader("WWW-Authenticate", "Bearer");
    }
}
