package org.lucarne.signaling.circle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The server's checks of identities and binding proofs against the test vectors of the Java reference
 * (docs/e2ee/vectors/identity.json and binding.json), which the browser reproduces byte for byte: the server
 * accepts what a browser signs, and refuses what the vectors refuse.
 */
class BindingVectorsTest {
    private static final Path VECTORS = Path.of("..", "docs", "e2ee", "vectors");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode vectors(String file) throws IOException {
        return JSON.readTree(VECTORS.resolve(file).toFile());
    }

    private static byte[] bytes(JsonNode n) {
        return IdentityRecord.Base64Url.decode(n.asText()).orElseThrow(() -> new AssertionError("not base64url: " + n));
    }

    @Test
    void everyIdentityOfTheVectorsIsAcceptedWithItsDeviceIdAndTheInvalidOnesAreRefused() throws IOException {
        JsonNode v = vectors("identity.json");
        assertTrue(v.get("devices").size() > 0);
        for (JsonNode d : v.get("devices")) {
            IdentityRecord r = IdentityRecord.parse(bytes(d.get("record"))).orElseThrow(
                    () -> new AssertionError(d.get("name") + " is refused"));
            assertEquals(d.get("deviceId").asText(), r.deviceIdText(), d.get("name").asText());
        }
        for (JsonNode bad : v.get("invalidRecords")) {
            assertTrue(IdentityRecord.parse(bytes(bad.get("record"))).isEmpty(), bad.get("name").asText());
        }
    }

    @Test
    void theProofsOfTheVectorsAreSignedOverTheSameBytesAndVerifyAndTheRefusedOnesDoNot() throws IOException {
        JsonNode v = vectors("binding.json");
        IdentityRecord device = IdentityRecord.parse(bytes(v.get("device").get("record"))).orElseThrow();
        assertEquals(v.get("device").get("deviceId").asText(), device.deviceIdText());
        for (JsonNode p : v.get("proofs")) {
            String origin = p.get("origin").asText();
            byte[] challenge = bytes(p.get("challenge"));
            byte[] signed = p.has("invite") ? BindingProof.forInvite(origin, p.get("invite").asText(), challenge)
                    : BindingProof.forDevice(origin, bytes(p.get("device")), challenge);
            assertArrayEquals(bytes(p.get("signed")), signed, p.get("kind").asText());
            assertTrue(device.verifies(signed, bytes(p.get("proof"))), p.get("kind").asText());
        }
        assertTrue(v.get("refused").size() > 0);
        for (JsonNode r : v.get("refused")) {
            byte[] signed = BindingProof.forInvite(r.get("origin").asText(), r.get("invite").asText(),
                    bytes(r.get("challenge")));
            assertFalse(device.verifies(signed, bytes(r.get("proof"))), r.get("name").asText());
        }
    }
}
