package org.lucarne.e2ee.vectors;

import static org.lucarne.e2ee.vectors.VectorFile.b64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.primitives.Randomness;
import org.lucarne.e2ee.ratchet.Kdf;
import org.lucarne.e2ee.ratchet.Session;
import org.lucarne.e2ee.ratchet.SessionState;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.e2ee.wire.InnerMessage;
import org.lucarne.e2ee.wire.PlaintextCodec;

/** The scripted conversation of ratchet.json: each send and receive appended as a step with the state after it. */
final class Conversation {
    final Map<String, byte[]> envelopes = new HashMap<>();
    final ArrayNode steps = VectorFile.array();

    /** Randomness that gives named values in order and remembers which a step drew. */
    static final class Draws implements Randomness {
        private final Deque<String> names;
        final List<String> drawn = new ArrayList<>();

        Draws(String... names) {
            this.names = new ArrayDeque<>(Arrays.asList(names));
        }

        @Override
        public byte[] bytes(int length) {
            if (names.isEmpty() || length != 32) {
                throw new AssertionError("unexpected draw of " + length + " bytes");
            }
            String name = names.removeFirst();
            drawn.add(name);
            return TestKeys.value(name);
        }

        ArrayNode take() {
            ArrayNode a = VectorFile.array();
            drawn.forEach(a::add);
            drawn.clear();
            return a;
        }

        boolean allUsed() {
            return names.isEmpty();
        }
    }

    /** A text message's plaintext: its id is the first 16 bytes of the value "message NAME id". */
    static byte[] text(String message, int minute, String body) throws Exception {
        String id = b64(Arrays.copyOf(TestKeys.value("message " + message + " id"), 16));
        return PlaintextCodec.encode(new InnerMessage.Text(id, TestKeys.NOW + minute * 60_000L, body));
    }

    ObjectNode send(String device, String message, byte[] plaintext, Session.Sealed sealed, Draws draws) throws Exception {
        envelopes.put(message, sealed.envelope());
        EnvelopeHeader h = EnvelopeHeader.parse(sealed.envelope());
        Kdf.MessageKeys keys = Kdf.messageKeys(sealed.messageKey());
        ObjectNode s = step(device, "send", message);
        s.set("drawn", draws.take());
        s.put("plaintext", b64(plaintext)).put("plaintextJson", new String(plaintext, java.nio.charset.StandardCharsets.UTF_8));
        s.put("messageKey", b64(sealed.messageKey())).put("aesKey", b64(keys.key())).put("nonce", b64(keys.nonce()));
        s.putObject("header").put("type", h.type().name().toLowerCase()).put("ratchetKey", b64(h.ratchetKey()))
                .put("pn", h.pn()).put("n", h.n()).put("clearPartBytes", h.clearPartBytes());
        s.put("envelope", b64(sealed.envelope()));
        s.set("stateAfter", state(sealed.state()));
        return s;
    }

    ObjectNode receive(String device, String message, byte[] plaintext, SessionState after, Draws draws) {
        ObjectNode s = step(device, "receive", message);
        s.set("drawn", draws.take());
        s.put("plaintext", b64(plaintext));
        s.set("stateAfter", state(after));
        return s;
    }

    private ObjectNode step(String device, String action, String message) {
        ObjectNode s = steps.addObject();
        s.put("step", steps.size()).put("device", device).put("action", action).put("message", message);
        return s;
    }

    static ObjectNode state(SessionState s) {
        ObjectNode o = VectorFile.object();
        o.put("rootKey", b64(s.rootKey()));
        o.put("sendChain", s.sendChain() == null ? null : b64(s.sendChain()));
        o.put("recvChain", s.recvChain() == null ? null : b64(s.recvChain()));
        o.put("ratchetPublic", b64(s.ratchetPublicKey()));
        o.put("peerRatchet", s.peerRatchetKey() == null ? null : b64(s.peerRatchetKey()));
        o.put("ns", s.sent()).put("nr", s.received()).put("pn", s.previousChainLength());
        o.put("skippedKeys", s.skippedKeys()).put("sendsPrekeyMessages", s.sendsPrekeyMessages());
        return o;
    }
}
