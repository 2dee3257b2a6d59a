package org.lucarne.signaling.sso;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who the provider says signed in, from a checked ID token: the subject at that issuer (the
 * person's stable id there), and what the claims say of them.
 *
 * @param issuer      the provider ({@code iss})
 * @param subject     the person at that provider ({@code sub}): with the issuer, the link to a Lucarne account
 * @param displayName the name claim (or given and family names), if any
 * @param username    the {@code preferred_username} claim, if any: a suggestion for a new account's username,
 *                    never a way to find one
 * @param role        the highest Lucarne role in the roles claim, if any ({@link SsoClaims#ROLES})
 * @param otherRoles  how many values of the roles claim are not Lucarne roles (not an error: a provider's
 *                    roles serve many applications)
 * @param wards       the ward ids of the wards claim, if the token carries that claim
 */
public record SsoIdentity(String issuer, String subject, Optional<String> displayName, Optional<String> username,
                          Optional<String> role, int otherRoles, Optional<Set<String>> wards) {
    public SsoIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(wards, "wards");
        wards = wards.map(Set::copyOf);
    }

    /** The text whose blind index finds the account: {@code issuer|subject}. */
    public String link() {
        return link(issuer, subject);
    }

    /**
     * The link of {@code subject} at {@code issuer} ({@code staff_user.oidc_subject}): an issuer is a
     * URL, which holds no {@code |}, so the pair reads back one way only.
     */
    public static String link(String issuer, String subject) {
        return issuer + "|" + subject;
    }

    /** Ids and counts only: the subject and the name stay out of logs. */
    @Override
    public String toString() {
        return "SsoIdentity[role=" + role.orElse("none") + ", wards=" + wards.map(Set::size).map(String::valueOf)
                .orElse("no claim") + "]";
    }
}
