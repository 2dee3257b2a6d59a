package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;

/** With the hospital's SSO configured and {@code auth.local.enabled = false}, no password opens a session. */
class LocalSignInOffIT {
    @Test
    void passwordSignInIsRefusedWhenTurnedOff() {
        try (TestServer server = TestServer.start(Map.of("LUCARNE_AUTH_LOCAL_ENABLED", "false",
                "LUCARNE_AUTH_OIDC_ISSUER", "https://sso.hospital.example/realms/h",
                "LUCARNE_AUTH_OIDC_CLIENT_ID", "lucarne", "LUCARNE_AUTH_OIDC_CLIENT_SECRET", "s3cret"))) {
            StaffFixture.Member m = new StaffFixture(server).member("nurse", Role.NURSE);
            StaffClient browser = new StaffClient(server);
            Answer methods = browser.get("/api/auth/methods");
            assertFalse(methods.json().get("local").asBoolean());
            assertTrue(methods.json().get("sso").asBoolean());
            Answer refused = browser.post("/api/auth/password", "{\"username\":\"" + m.username() + "\",\"password\":\""
                    + StaffFixture.PASSWORD + "\"}");
            assertEquals(403, refused.status());
            assertEquals("local_sign_in_disabled", refused.error());
        }
    }
}
