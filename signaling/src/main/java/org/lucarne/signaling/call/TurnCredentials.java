package org.lucarne.signaling.call;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lucarne.signaling.config.TurnSettings;
import org.lucarne.signaling.ws.protocol.CallMessage.IceServer;

/**
 * Time-limited TURN credentials in the form coturn's {@code use-auth-secret} checks (draft-uberti-behave-turn-rest-00
 * §2.1): the username is {@code <expiry, unix seconds>:<participant id>}, the credential
 * {@code base64(HMAC-SHA1(secret, username))}. coturn refuses the username once its expiry is past. The
 * participant id names a seat in one visit, never a person (docs/security.md, "TURN").
 */
public final class TurnCredentials {
    private static final String HMAC = "HmacSHA1";

    private final TurnSettings settings;
    private final Clock clock;
    private final SecretKeySpec key;

    public TurnCredentials(TurnSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.key = new SecretKeySpec(settings.secret().getBytes(StandardCharsets.US_ASCII), HMAC);
    }

    /** The TURN server for one media session of {@code participantId}, valid from now for the configured lifetime. */
    public IceServer forParticipant(String participantId) {
        if (participantId.isEmpty() || participantId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a participant id has no colon: it follows the expiry's");
        }
        long expiry = clock.instant().getEpochSecond() + settings.ttl().toSeconds();
        String username = expiry + ":" + participantId;
        return new IceServer(settings.urls(), username, credential(username));
    }

    /** {@code base64(HMAC-SHA1(secret, username))}, standard base64 with padding, as coturn computes it. */
    String credential(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is missing from this JVM", e);
        }
    }

    /** The servers of a {@code joined}: the one TURN server, with this session's credentials. */
    List<IceServer> iceServers(String participantId) {
        return List.of(forParticipant(participantId));
    }

    @Override
    public String toString() {
        return "TurnCredentials[" + settings.urls() + ", secret hidden]";
    }
}
