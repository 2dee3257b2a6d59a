package org.lucarne.signaling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifySettingsTest {
    private static final String SECRET = "0123456789abcdef-secret";

    private static NotifySettings load(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(ConfigSource.envName(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return SignalingConfig.load(Optional.empty(), env).notifications();
    }

    private static String refusal(String... keysAndValues) {
        return assertThrows(ConfigException.class, () -> load(keysAndValues)).getMessage();
    }

    @Test
    void byDefaultEveryMessageGoesToTheOutbox() {
        NotifySettings n = load();
        assertTrue(n.sms().isEmpty());
        assertTrue(n.smtp().isEmpty());
        assertTrue(n.helpPhone().isEmpty());
        assertEquals(new NotifySettings.Retry(6, Duration.ofSeconds(30), Duration.ofHours(1)), n.retry());
        assertEquals(Duration.ofSeconds(5), n.pollInterval());
    }

    @Test
    void smsGatewayTakesAnHttpsUrlAndASecret() {
        NotifySettings n = load("notify.sms.url", "https://sms.hospital.example/send", "notify.sms.secret", SECRET);
        assertEquals(URI.create("https://sms.hospital.example/send"), n.sms().orElseThrow().url());
        assertEquals(Duration.ofSeconds(10), n.sms().orElseThrow().timeout());
        assertFalse(n.sms().orElseThrow().toString().contains(SECRET), "the secret is never printed");
    }

    @Test
    void smsGatewayInClearOnlyOnThisMachine() {
        assertTrue(load("notify.sms.url", "http://localhost:8089/send", "notify.sms.secret", SECRET).sms().isPresent());
        assertTrue(refusal("notify.sms.url", "http://sms.hospital.example/send", "notify.sms.secret", SECRET)
                .startsWith("LUCARNE_NOTIFY_SMS_URL (notify.sms.url) = 'http://sms.hospital.example/send'"));
    }

    @Test
    void smsGatewayWithoutItsSecretIsRefusedNamingTheKey() {
        assertTrue(refusal("notify.sms.url", "https://sms.hospital.example/send")
                .startsWith("LUCARNE_NOTIFY_SMS_SECRET (notify.sms.secret) is required when notify.sms.url is set"));
        assertTrue(refusal("notify.sms.url", "https://sms.hospital.example/send", "notify.sms.secret", "short")
                .contains("at least 16"));
        assertTrue(refusal("notify.sms.secret", SECRET).startsWith("LUCARNE_NOTIFY_SMS_URL (notify.sms.url) is required"));
    }

    @Test
    void mailServerIsStarttlsOn587OrTlsOn465AndNeverInClear() {
        NotifySettings.Smtp starttls = load("notify.smtp.host", "smtp.hospital.example", "notify.smtp.from",
                "Hôpital <visites@hospital.example>").smtp().orElseThrow();
        assertEquals(NotifySettings.Security.STARTTLS, starttls.security());
        assertEquals(587, starttls.port());
        NotifySettings.Smtp tls = load("notify.smtp.host", "smtp.hospital.example", "notify.smtp.from",
                "visites@hospital.example", "notify.smtp.security", "tls").smtp().orElseThrow();
        assertEquals(465, tls.port());
        assertTrue(refusal("notify.smtp.host", "smtp.hospital.example", "notify.smtp.from", "visites@hospital.example",
                "notify.smtp.security", "none").contains("never sent unencrypted"));
    }

    @Test
    void mailServerNeedsItsSenderAndBothCredentialsOrNone() {
        assertTrue(refusal("notify.smtp.host", "smtp.hospital.example")
                .startsWith("LUCARNE_NOTIFY_SMTP_FROM (notify.smtp.from) is required"));
        assertTrue(refusal("notify.smtp.host", "smtp.hospital.example", "notify.smtp.from", "not an address")
                .contains("expected an e-mail address"));
        assertTrue(refusal("notify.smtp.host", "smtp.hospital.example", "notify.smtp.from", "v@hospital.example",
                "notify.smtp.username", "lucarne").startsWith("LUCARNE_NOTIFY_SMTP_PASSWORD (notify.smtp.password)"));
        assertTrue(refusal("notify.smtp.from", "v@hospital.example")
                .startsWith("LUCARNE_NOTIFY_SMTP_HOST (notify.smtp.host) is required"));
        assertFalse(load("notify.smtp.host", "smtp.hospital.example", "notify.smtp.from", "v@hospital.example",
                "notify.smtp.username", "lucarne", "notify.smtp.password", "pa55word-of-the-box").smtp().orElseThrow()
                .toString().contains("pa55word"), "the password is never printed");
    }

    @Test
    void helpNumberIsATelephoneNumber() {
        assertEquals(Optional.of("+33 1 23 45 67 89"), load("notify.help.phone", "+33 1 23 45 67 89").helpPhone());
        assertTrue(refusal("notify.help.phone", "call Marie").contains("expected a telephone number"));
    }

    @Test
    void retriesAreBounded() {
        assertTrue(refusal("notify.retry.max.attempts", "0").contains("a whole number from 1 to 20"));
        assertEquals(3, load("notify.retry.max.attempts", "3").retry().maxAttempts());
    }
}
