package org.lucarne.e2ee.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.identity.PublicIdentity;
import org.lucarne.e2ee.prekey.OneTimePrekey;
import org.lucarne.e2ee.prekey.SignedPrekey;
import org.lucarne.e2ee.primitives.Randomness;
import org.lucarne.e2ee.ratchet.PrekeySecrets;
import org.lucarne.e2ee.ratchet.Session;
import org.lucarne.e2ee.ratchet.SessionStart;
import org.lucarne.e2ee.ratchet.SessionState;
import org.lucarne.e2ee.wire.Bytes;
import org.lucarne.e2ee.x3dh.Bundle;
import org.lucarne.e2ee.x3dh.Psk;

/**
 * ratchet.json is enough on its own, as the browser reads it: the conversation replayed from the file's inputs only
 * (keys, prekeys, PSK, the random values each step drew, plaintexts) gives every envelope, plaintext and state in it.
 */
class RatchetFileReplayTest {

    @Test
    void theConversationReplaysFromTheFilesInputsAlone() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("e2ee.vectors.write"), "the file is being rewritten");
        Path file = Path.of(System.getProperty("e2ee.vectors.dir", "../docs/e2ee/vectors")).resolve("ratchet.json");
        JsonNode v = VectorFile.JSON.readTree(Files.readString(file));
        IdentityKeys family = keys(v.get("family"));
        IdentityKeys tablet = keys(v.get("tablet"));
        JsonNode b = v.get("tabletBundle");
        Bundle bundle = new Bundle(tablet.deviceId(), PublicIdentity.parse(bytes(v.get("tablet"), "record")),
                SignedPrekey.parse(bytes(b, "signedPrekey")), OneTimePrekey.parse(bytes(b, "oneTimePrekey")));
        byte[] psk = bytes(v.get("link"), "psk");
        PrekeySecrets secrets = secrets(bundle, bytes(b.get("signedPrekeyKey"), "private"), bytes(b.get("oneTimePrekeyKey"), "private"), psk);
        Map<String, byte[]> random = new HashMap<>();
        v.get("randomValues").forEach(r -> random.put(r.get("name").asText(), Bytes.unb64(r.get("private").asText())));
        Map<String, byte[]> envelopes = new HashMap<>();
        SessionState familyState = null;
        SessionState tabletState = null;
        for (JsonNode step : v.get("steps")) {
            Deque<byte[]> drawn = new ArrayDeque<>();
            step.get("drawn").forEach(n -> drawn.add(random.get(n.asText())));
            Randomness draws = n -> drawn.removeFirst();
            boolean isFamily = step.get("device").asText().equals("family");
            SessionState state = isFamily ? familyState : tabletState;
            String message = step.get("message").asText();
            if (step.get("action").asText().equals("send")) {
                if (state == null) {
                    state = SessionStart.start(family, bundle, psk, v.get("now").asLong(), draws).state();
                }
                Session.Sealed sealed = Session.encrypt(state, bytes(step, "plaintext"));
                assertArrayEquals(bytes(step, "envelope"), sealed.envelope(), "envelope of " + message);
                envelopes.put(message, sealed.envelope());
                state = sealed.state();
            } else if (state == null) {
                SessionStart.Accepted a = SessionStart.accept(tablet, secrets, envelopes.get(message), draws);
                assertArrayEquals(bytes(step, "plaintext"), a.plaintext(), "plaintext of " + message);
                state = a.state();
            } else {
                Session.Opened o = Session.decrypt(state, envelopes.get(message), draws);
                assertArrayEquals(bytes(step, "plaintext"), o.plaintext(), "plaintext of " + message);
                state = o.state();
            }
            assertEquals(step.get("stateAfter").toString(), Conversation.state(state).toString(), "state after step " + step.get("step"));
            assertEquals(0, drawn.size(), "every value drawn at step " + step.get("step"));
            if (isFamily) {
                familyState = state;
            } else {
                tabletState = state;
            }
        }
    }

    private static IdentityKeys keys(JsonNode device) {
        return new IdentityKeys(bytes(device, "sigSeed"), bytes(device, "dhPrivate"));
    }

    private static byte[] bytes(JsonNode node, String field) {
        return Bytes.unb64(node.get(field).asText());
    }

    private static PrekeySecrets secrets(Bundle bundle, byte[] spk, byte[] opk, byte[] psk) {
        return new PrekeySecrets() {
            @Override
            public byte[] signedPrekey(long id) {
                return id == bundle.signedPrekey().id() ? spk : null;
            }

            @Override
            public byte[] oneTimePrekey(long id) {
                return id == bundle.oneTimePrekey().id() ? opk : null;
            }

            @Override
            public byte[] psk(byte[] pskId) {
                return java.util.Arrays.equals(pskId, Psk.id(psk)) ? psk : null;
            }
        };
    }
}
