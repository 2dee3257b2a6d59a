package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.config.ConfigException;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.config.StaffSettings;

/** The SSO settings as an operator writes them ({@code auth.oidc.*}). */
class SsoSettingsTest {
    @TempDir
    Path dir;

    private StaffSettings.Oidc load(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("LUCARNE_DATA_DIR", dir.toString(),
                "LUCARNE_AUTH_OIDC_ISSUER", "https://sso.chu.example/realms/chu",
                "LUCARNE_AUTH_OIDC_CLIENT_ID", "lucarne", "LUCARNE_AUTH_OIDC_CLIENT_SECRET", "s3cret"));
        env.putAll(extra);
        return SignalingConfig.load(Optional.empty(), env).staff().oidc().orElseThrow();
    }

    @Test
    void defaultsTakeRolesFromClaimsAndAskToAuthenticateAgain() {
        StaffSettings.Oidc o = load(Map.of());
        assertEquals(StaffSettings.Accounts.CLAIMS, o.accounts());
        assertTrue(o.reauthenticate());
        assertEquals(List.of(), o.acrValues());
        assertEquals(List.of("openid", "profile"), o.scopes());
        assertEquals("lucarne_roles", o.rolesClaim());
    }

    @Test
    void linkedAccountsNoPromptAndAuthenticationLevelsAreRead() {
        StaffSettings.Oidc o = load(Map.of("LUCARNE_AUTH_OIDC_ACCOUNTS", "linked",
                "LUCARNE_AUTH_OIDC_REAUTHENTICATE", "false", "LUCARNE_AUTH_OIDC_ACR_VALUES", "eidas1 gold"));
        assertEquals(StaffSettings.Accounts.LINKED, o.accounts());
        assertFalse(o.reauthenticate());
        assertEquals(List.of("eidas1", "gold"), o.acrValues());
    }

    @Test
    void unknownAccountsModeNamesTheKeyAndTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("LUCARNE_AUTH_OIDC_ACCOUNTS",
                "auto")));
        assertTrue(e.getMessage().contains("LUCARNE_AUTH_OIDC_ACCOUNTS (auth.oidc.accounts) = 'auto'"), e.getMessage());
        assertTrue(e.getMessage().contains("claims") && e.getMessage().contains("linked"), e.getMessage());
    }
}
