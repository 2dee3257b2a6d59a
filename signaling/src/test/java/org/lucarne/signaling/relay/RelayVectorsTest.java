package org.lucarne.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/**
 * The relay agrees with the Java reference's vectors (docs/e2ee/vectors), which the browser reproduces too: the signed
 * prekey records it accepts and refuses, and the link secret's value it sends the tablet.
 */
class RelayVectorsTest {
    private static final Path VECTORS = Path.of("..", "docs", "e2ee", "vectors");

    private static JsonNode read(String name) throws IOException {
        return new ObjectMapper().readTree(VECTORS.resolve(name).toFile());
    }

    private static byte[] b(JsonNode n) {
        return Base64Url.decode(n.asText());
    }

    @Test
    void signedPrekeysAreTakenOrRefusedAsASenderWouldExceptForAgeWhichIsTheSendersToJudge() throws IOException {
        JsonNode v = read("prekeys.json");
        byte[] identity = b(v.get("owner").get("record"));
        byte[] device = b(v.get("owner").get("deviceId"));
        SignedPrekey vector = SignedPrekey.decode(b(v.get("signedPrekey").get("record")));
        assertEquals(v.get("signedPrekey").get("id").asLong(), vector.spkId());
        assertEquals(v.get("signedPrekey").get("createdAt").asLong(), vector.createdAt());
        assertEquals(v.get("signedPrekey").get("signed").asText(), Base64Url.encode(SignedPrekey.signedBytes(device,
                vector.spkId(), vector.createdAt(), vector.publicKey())));
        // the server keeps what a device uploads however old; a sender refuses it past 35 days
        Set<String> refusedByServer = Set.of("prekey_in_future", "prekey_bad_signature", "prekey_malformed");
        int checked = 0;
        for (JsonNode check : v.get("checks")) {
            String name = check.get("name").asText();
            Instant now = Instant.ofEpochMilli(check.get("now").asLong());
            byte[] record = b(check.get("record"));
            if (refusedByServer.contains(check.get("result").asText())) {
                RelayRefusal e = assertThrows(RelayRefusal.class,
                        () -> SignedPrekey.decode(record).verify(identity, device, now), name);
                assertEquals(ErrorCode.E2EE_PREKEY_INVALID, e.code(), name);
            } else {
                assertDoesNotThrow(() -> SignedPrekey.decode(record).verify(identity, device, now), name);
            }
            checked++;
        }
        assertEquals(v.get("checks").size(), checked);
        OneTimePrekey opk = OneTimePrekey.decode(b(v.get("oneTimePrekey").get("record")));
        assertEquals(v.get("oneTimePrekey").get("id").asLong(), opk.id());
        assertEquals(v.get("oneTimePrekey").get("key").get("public").asText(), Base64Url.encode(opk.publicKey()));
    }

    @Test
    void theTabletGetsTheLinksPskAsTheReferenceComputesIt() throws IOException {
        JsonNode link = read("x3dh.json").get("link");
        byte[] secret = LinkSecrets.secretOf(link.get("url").asText());
        assertEquals(link.get("secret").asText(), Base64Url.encode(secret));
        assertEquals(link.get("psk").asText(), Base64Url.encode(LinkSecrets.psk(secret)));
    }
}
