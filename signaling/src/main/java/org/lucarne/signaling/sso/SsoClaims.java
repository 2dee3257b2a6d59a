package org.lucarne.signaling.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.config.StaffSettings;

/**
 * Reads a person's Lucarne role, wards and name from the claims of a checked ID token
 * (docs/operations.md, "Hospital SSO").
 *
 * <ul>
 *   <li>A claim is named by {@code auth.oidc.*.claim}. A name that is not a top-level claim is read
 *       as a dotted path into nested objects: {@code realm_access.roles} is Keycloak's
 *       {@code {"realm_access": {"roles": [...]}}}. A top-level claim whose name holds dots
 *       ({@code https://hospital.example/roles}) is found by its whole name first.</li>
 *   <li>The roles claim is a list of strings (or one string). Values that are Lucarne roles
 *       ({@code nurse}, {@code ward_manager}, {@code admin}, exactly) count; others are the
 *       provider's roles for other applications and are ignored. Several Lucarne roles give the
 *       highest: in a hospital's groups a ward manager is usually a nurse too.</li>
 *   <li>The wards claim is a list of ward ids (or one): ids, not names, since a ward may be renamed
 *       or named differently in the provider. Numbers are read as their decimal text.</li>
 *   <li>The name is the name claim, else {@code given_name} and {@code family_name} together.</li>
 * </ul>
 */
public final class SsoClaims {
    /** Lucarne's roles, lowest first. */
    public static final List<String> ROLES = List.of("nurse", "ward_manager", "admin");

    private SsoClaims() {
    }

    /** What {@code claims} say of the person, under the names of {@code settings}. */
    public static SsoIdentity identity(JWTClaimsSet claims, StaffSettings.Oidc settings) {
        Optional<Object> rolesValue = at(claims, settings.rolesClaim());
        int highest = -1;
        int others = 0;
        for (String value : strings(rolesValue)) {
            int rank = ROLES.indexOf(value);
            if (rank < 0) {
                others++;
            }
            highest = Math.max(highest, rank);
        }
        Optional<Set<String>> wards = at(claims, settings.wardsClaim())
                .map(v -> new LinkedHashSet<>(strings(Optional.of(v))));
        Optional<String> username = Optional.of(text(claims, "preferred_username")).filter(u -> !u.isEmpty());
        return new SsoIdentity(claims.getIssuer(), claims.getSubject(), name(claims, settings.nameClaim()), username,
                highest < 0 ? Optional.empty() : Optional.of(ROLES.get(highest)), others, wards);
    }

    /** The claim at {@code path}: the top-level claim of that name, else the dotted path into nested objects. */
    static Optional<Object> at(JWTClaimsSet claims, String path) {
        Map<String, Object> top = claims.getClaims();
        if (top.containsKey(path)) {
            return Optional.ofNullable(top.get(path));
        }
        Object here = top;
        for (String step : path.split("\\.", -1)) {
            if (!(here instanceof Map<?, ?> map) || !map.containsKey(step)) {
                return Optional.empty();
            }
            here = map.get(step);
        }
        return Optional.ofNullable(here);
    }

    /** A list of strings (numbers as text), or one string; blank and other values are left out. */
    private static List<String> strings(Optional<Object> value) {
        if (value.isEmpty()) {
            return List.of();
        }
        Collection<?> values = value.get() instanceof Collection<?> c ? c : List.of(value.get());
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof String s && !s.isBlank()) {
                out.add(s.strip());
            } else if (v instanceof Number n) {
                out.add(n.toString());
            }
        }
        return out;
    }

    private static Optional<String> name(JWTClaimsSet claims, String nameClaim) {
        Optional<String> name = at(claims, nameClaim).filter(String.class::isInstance).map(String.class::cast)
                .map(String::strip).filter(s -> !s.isEmpty());
        if (name.isPresent()) {
            return name;
        }
        String given = text(claims, "given_name");
        String family = text(claims, "family_name");
        String both = (given + " " + family).strip();
        return both.isEmpty() ? Optional.empty() : Optional.of(both);
    }

    private static String text(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s.strip() : "";
    }
}
