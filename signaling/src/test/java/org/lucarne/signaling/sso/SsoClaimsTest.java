package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.config.StaffSettings;

class SsoClaimsTest {
    private static final String ISSUER = "https://sso.hospital.example/realms/hospital";

    private static StaffSettings.Oidc settings(String roles, String wards, String name) {
        return new StaffSettings.Oidc(URI.create(ISSUER), "lucarne", "secret", List.of("openid"),
                StaffSettings.Accounts.CLAIMS, roles, wards, name, true, List.of());
    }

    private static JWTClaimsSet.Builder token() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("f:1234:nurse-1");
    }

    @Test
    void roleAndWardsReadFromTopLevelClaims() {
        SsoIdentity who = SsoClaims.identity(token().claim("lucarne_roles", List.of("nurse"))
                .claim("lucarne_wards", List.of("ward-a", "ward-b")).claim("name", "Alice Martin").build(),
                settings("lucarne_roles", "lucarne_wards", "name"));
        assertEquals(Optional.of("nurse"), who.role());
        assertEquals(Optional.of(Set.of("ward-a", "ward-b")), who.wards());
        assertEquals(Optional.of("Alice Martin"), who.displayName());
        assertEquals(ISSUER + "|f:1234:nurse-1", who.link());
    }

    @Test
    void dottedPathReachesKeycloakRealmAndClientRoles() {
        JWTClaimsSet claims = token()
                .claim("realm_access", Map.of("roles", List.of("offline_access", "ward_manager", "uma_authorization")))
                .claim("resource_access", Map.of("lucarne", Map.of("roles", List.of("admin"))))
                .claim("hospital", Map.of("wards", List.of("icu"))).build();
        assertEquals(Optional.of("ward_manager"),
                SsoClaims.identity(claims, settings("realm_access.roles", "hospital.wards", "name")).role());
        assertEquals(Optional.of("admin"),
                SsoClaims.identity(claims, settings("resource_access.lucarne.roles", "hospital.wards", "name")).role());
        assertEquals(Optional.of(Set.of("icu")),
                SsoClaims.identity(claims, settings("realm_access.roles", "hospital.wards", "name")).wards());
    }

    @Test
    void claimWhoseNameHoldsDotsIsFoundByItsWholeName() {
        JWTClaimsSet claims = token().claim("https://hospital.example/roles", List.of("nurse")).build();
        assertEquals(Optional.of("nurse"),
                SsoClaims.identity(claims, settings("https://hospital.example/roles", "w", "name")).role());
    }

    @Test
    void severalLucarneRolesGiveTheHighestAndOthersAreCountedNotUsed() {
        SsoIdentity who = SsoClaims.identity(token().claim("roles", List.of("nurse", "radiology", "admin", "ward_manager"))
                .build(), settings("roles", "wards", "name"));
        assertEquals(Optional.of("admin"), who.role());
        assertEquals(1, who.otherRoles());
    }

    @Test
    void noLucarneRoleWhenClaimAbsentEmptyOrOnlyForeignRoles() {
        StaffSettings.Oidc s = settings("roles", "wards", "name");
        assertEquals(Optional.empty(), SsoClaims.identity(token().build(), s).role());
        assertEquals(Optional.empty(), SsoClaims.identity(token().claim("roles", List.of()).build(), s).role());
        assertEquals(Optional.empty(), SsoClaims.identity(token().claim("roles", List.of("Nurse", "NURSE ", "doctor"))
                .build(), s).role());
        assertEquals(Optional.empty(), SsoClaims.identity(token().claim("roles", Map.of("nurse", true)).build(), s).role());
    }

    @Test
    void singleStringClaimIsOneValue() {
        SsoIdentity who = SsoClaims.identity(token().claim("roles", "ward_manager").claim("wards", "cardio").build(),
                settings("roles", "wards", "name"));
        assertEquals(Optional.of("ward_manager"), who.role());
        assertEquals(Optional.of(Set.of("cardio")), who.wards());
    }

    @Test
    void wardsClaimAbsentIsToldApartFromEmpty() {
        StaffSettings.Oidc s = settings("roles", "wards", "name");
        assertEquals(Optional.empty(), SsoClaims.identity(token().build(), s).wards());
        assertEquals(Optional.of(Set.of()), SsoClaims.identity(token().claim("wards", List.of()).build(), s).wards());
        assertEquals(Optional.of(Set.of("12", "icu")), SsoClaims.identity(token().claim("wards", List.of(12, "icu", " ",
                true)).build(), s).wards());
    }

    @Test
    void nameFallsBackToGivenAndFamilyNames() {
        StaffSettings.Oidc s = settings("roles", "wards", "name");
        assertEquals(Optional.of("Jeanne Durand"), SsoClaims.identity(token().claim("given_name", "Jeanne")
                .claim("family_name", "Durand").build(), s).displayName());
        assertEquals(Optional.of("Durand"), SsoClaims.identity(token().claim("name", "  ").claim("family_name", "Durand")
                .build(), s).displayName());
        assertEquals(Optional.empty(), SsoClaims.identity(token().build(), s).displayName());
    }

    @Test
    void identityPrintsNeitherSubjectNorName() {
        SsoIdentity who = SsoClaims.identity(token().claim("name", "Alice Martin").claim("roles", "nurse").build(),
                settings("roles", "wards", "name"));
        String printed = who.toString();
        assertEquals(false, printed.contains("Alice") || printed.contains("nurse-1"), printed);
    }
}
