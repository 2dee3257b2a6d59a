package org.lucarne.signaling.sso;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's public signing keys (its JWKS, RFC 7517 §5), fetched when first needed and kept.
 * A token signed with a key that is not in the copy (the provider rotated its keys) makes it fetch
 * the set again, at most once every {@link #REFRESH_INTERVAL}; the copy is also renewed after
 * {@link #MAX_AGE}. When the provider cannot be reached, the copy it has is used. Times come from
 * the injected clock.
 */
final class ProviderKeys implements JWKSource<SecurityContext> {
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);
    static final Duration MAX_AGE = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(ProviderKeys.class);

    private final URI uri;
    private final Clock clock;
    private JWKSet keys;
    private Instant fetchedAt;
    private Instant lastAttempt;

    ProviderKeys(URI uri, Clock clock) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    URI uri() {
        return uri;
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        if (keys == null || !now.isBefore(fetchedAt.plus(MAX_AGE))) {
            fetch(now);
        }
        List<JWK> found = selector.select(keys);
        if (found.isEmpty() && mayAsk(now)) {
            fetch(now);
            found = selector.select(keys);
        }
        return found;
    }

    private boolean mayAsk(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(REFRESH_INTERVAL));
    }

    private void fetch(Instant now) throws KeySourceException {
        if (!mayAsk(now)) {
            if (keys == null) {
                throw new KeySourceException("the provider's signing keys at " + uri + " could not be read a moment"
                        + " ago; not asking again before " + lastAttempt.plus(REFRESH_INTERVAL));
            }
            return;
        }
        lastAttempt = now;
        try {
            JWKSet fresh = JWKSet.parse(ProviderHttp.getJson(uri)).toPublicJWKSet();
            if (keys != null && !fresh.equals(keys)) {
                LOG.info("SSO provider's signing keys at {} changed: now {}", uri, fresh.getKeys().stream()
                        .map(JWK::getKeyID).toList());
            }
            keys = fresh;
            fetchedAt = now;
        } catch (IOException | java.text.ParseException e) {
            if (keys == null) {
                throw new KeySourceException("the provider's signing keys at " + uri + " cannot be read: "
                        + e.getMessage(), e);
            }
            LOG.warn("SSO provider's signing keys at {} cannot be read ({}); using the copy from {}", uri,
                    e.getMessage(), fetchedAt);
        }
    }
}
