package org.lucarne.signaling.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What staff sign-in, the audit trail and personal data protection read at start
 * (lucarne.sample.conf, "Staff sign-in", "Audit trail", "Personal data").
 *
 * @param localPasswords  whether staff may sign in with a password and a code ({@code auth.local.enabled});
 *                        may be false only when SSO is configured
 * @param idleTimeout     a staff session ends after this long without a request
 * @param absoluteTimeout a staff session ends this long after sign-in, whatever happens (a shift)
 * @param oidc            the hospital's OpenID Connect provider, if any
 * @param auditHeadFile   where the audit chain's head is copied outside the database
 * @param auditHeadInterval how often it is copied (and logged)
 * @param keys            where the data keys are
 * @param timeZone        the hospital's time zone: "today" in the console
 */
public record StaffSettings(boolean localPasswords, Duration idleTimeout, Duration absoluteTimeout,
                            Optional<Oidc> oidc, Path auditHeadFile, Duration auditHeadInterval, DataKeys keys,
                            ZoneId timeZone) {

    /**
     * The hospital's OpenID Connect provider ({@code auth.oidc.*}): who it is, this client's
     * credentials, where a person's Lucarne role and wards come from, and the claims that carry
     * them and the person's name.
     */
    public record Oidc(URI issuer, String clientId, String clientSecret, List<String> scopes, Accounts accounts,
                       String rolesClaim, String wardsClaim, String nameClaim, boolean reauthenticate,
                       List<String> acrValues) { }

    /** Where an SSO user's role and wards come from ({@code auth.oidc.accounts}). */
    public enum Accounts {
        /** From the ID token's claims, at each sign-in; the account is made at the first one. */
        CLAIMS,
        /** From Lucarne: only accounts an admin created and linked to the person's subject may sign in. */
        LINKED
    }

    /**
     * The data keys: a key file in the data directory by default ({@code data.keys.file}), or a
     * PKCS#12 keystore the operator provides ({@code data.keys.keystore} and its password).
     */
    public record DataKeys(Path file, Optional<Path> keystore, Optional<String> keystorePassword) { }

    static final Set<String> KEYS = Set.of(
            "auth.local.enabled", "auth.session.idle.minutes", "auth.session.absolute.hours",
            "auth.oidc.issuer", "auth.oidc.client.id", "auth.oidc.client.secret", "auth.oidc.scopes",
            "auth.oidc.roles.claim", "auth.oidc.wards.claim", "auth.oidc.name.claim",
            "auth.oidc.accounts", "auth.oidc.reauthenticate", "auth.oidc.acr.values",
            "audit.head.file", "audit.head.interval.seconds",
            "data.keys.file", "data.keys.keystore", "data.keys.keystore.password",
            "time.zone");

    static StaffSettings load(ConfigSource s, Path dataDir) {
        Optional<Oidc> oidc = oidc(s);
        boolean local = s.bool("auth.local.enabled", true);
        if (!local && oidc.isEmpty()) {
            throw new ConfigException(ConfigSource.envName("auth.local.enabled") + " (auth.local.enabled) is false but"
                    + " no SSO is configured (auth.oidc.issuer): nobody could sign in. Configure SSO, or leave local"
                    + " sign-in on");
        }
        Optional<Path> keystore = s.string("data.keys.keystore").map(k -> s.path("data.keys.keystore", null));
        Optional<String> keystorePassword = s.string("data.keys.keystore.password");
        if (keystore.isPresent() && keystorePassword.isEmpty()) {
            throw s.required("data.keys.keystore.password", "when data.keys.keystore is set");
        }
        return new StaffSettings(
                local,
                Duration.ofMinutes(s.integer("auth.session.idle.minutes", 15, 1, 240)),
                Duration.ofHours(s.integer("auth.session.absolute.hours", 12, 1, 24)),
                oidc,
                s.path("audit.head.file", dataDir.resolve("audit-head.json")),
                Duration.ofSeconds(s.integer("audit.head.interval.seconds", 300, 1, 86_400)),
                new DataKeys(s.path("data.keys.file", dataDir.resolve("keys").resolve("data-keys.json")), keystore,
                        keystorePassword),
                s.zone("time.zone", ZoneId.systemDefault()));
    }

    private static Optional<Oidc> oidc(ConfigSource s) {
        Optional<URI> issuer = s.httpsUrl("auth.oidc.issuer");
        if (issuer.isEmpty()) {
            for (String k : List.of("auth.oidc.client.id", "auth.oidc.client.secret")) {
                if (s.string(k).isPresent()) {
                    throw s.required("auth.oidc.issuer", "when " + k + " is set");
                }
            }
            return Optional.empty();
        }
        String clientId = s.string("auth.oidc.client.id").orElseThrow(() ->
                s.required("auth.oidc.client.id", "when auth.oidc.issuer is set"));
        String secret = s.string("auth.oidc.client.secret").orElseThrow(() ->
                s.required("auth.oidc.client.secret", "when auth.oidc.issuer is set"));
        List<String> scopes = Arrays.stream(s.string("auth.oidc.scopes", "openid profile").split("[ ,]+"))
                .filter(x -> !x.isBlank()).toList();
        if (!scopes.contains("openid")) {
            throw new ConfigException(ConfigSource.envName("auth.oidc.scopes") + " (auth.oidc.scopes) must include"
                    + " openid");
        }
        Accounts accounts = switch (s.string("auth.oidc.accounts", "claims")) {
            case "claims" -> Accounts.CLAIMS;
            case "linked" -> Accounts.LINKED;
            default -> throw new ConfigException(ConfigSource.envName("auth.oidc.accounts") + " (auth.oidc.accounts) = '"
                    + s.string("auth.oidc.accounts", "") + "': expected claims (role and wards from the ID token) or"
                    + " linked (accounts an admin links to a subject)");
        };
        return Optional.of(new Oidc(issuer.get(), clientId, secret, scopes, accounts,
                s.string("auth.oidc.roles.claim", "lucarne_roles"),
                s.string("auth.oidc.wards.claim", "lucarne_wards"),
                s.string("auth.oidc.name.claim", "name"),
                s.bool("auth.oidc.reauthenticate", true),
                Arrays.stream(s.string("auth.oidc.acr.values", "").split("[ ,]+")).filter(x -> !x.isBlank()).toList()));
    }
}
