package org.lucarne.signaling.sso;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.StaffSettings;
import org.lucarne.signaling.staff.SignIn;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.storage.Database;

/**
 * The hospital SSO, wired by hand: the provider (its discovery document read now), the sign-ins in
 * progress, the client, the accounts, and the servlet of {@code /auth/oidc/*}.
 */
public final class SsoServices {
    private SsoServices() {
    }

    /**
     * Builds the SSO side for {@code settings}.
     *
     * @param origin this server's public origin, once it listens: the redirect URI is
     *               {@code <origin>/auth/oidc/callback}
     * @param notHere  requests to answer 404, as if SSO did not exist (the tablets' listener)
     * @throws org.lucarne.signaling.StartupException when the provider answers with a document Lucarne cannot use
     */
    public static SsoServlet start(StaffSettings.Oidc settings, Database db, AuditTrail audit, Clock clock,
                                   StaffAccounts accounts, SignIn signIns, Supplier<String> origin,
                                   Predicate<HttpServletRequest> notHere) {
        SecureRandom random = new SecureRandom();
        OidcProvider provider = new OidcProvider(settings, clock);
        provider.loadAtStart();
        OidcClient client = new OidcClient(provider, new PendingLogins(db, clock, random),
                () -> URI.create(origin.get() + SsoServlet.PATH + "/callback"), clock);
        return new SsoServlet(client, new SsoAccounts(settings, accounts, signIns, audit, clock, random), audit,
                notHere);
    }
}
