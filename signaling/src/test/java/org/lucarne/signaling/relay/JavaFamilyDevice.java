package org.lucarne.signaling.relay;

import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import org.lucarne.e2ee.identity.BindingProof;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.identity.PublicIdentity;
import org.lucarne.e2ee.prekey.OneTimePrekey;
import org.lucarne.e2ee.prekey.SignedPrekey;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Randomness;
import org.lucarne.e2ee.ratchet.Session;
import org.lucarne.e2ee.ratchet.SessionStart;
import org.lucarne.e2ee.ratchet.SessionState;
import org.lucarne.e2ee.wire.InnerMessage;
import org.lucarne.e2ee.wire.PlaintextCodec;
import org.lucarne.e2ee.wire.PlaintextException;
import org.lucarne.e2ee.x3dh.Bundle;
import org.lucarne.e2ee.x3dh.Psk;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.ws.protocol.Base64Url;

/**
 * A family device written in Java with module e2ee's reference (docs/e2ee.md), on a real socket: it binds its link,
 * starts its session with the tablet from the tablet's bundle and the link's secret, and seals texts into envelopes
 * the test may send, alter, repeat or reorder.
 */
final class JavaFamilyDevice {
    private final IdentityKeys keys = IdentityKeys.generate(Randomness.secure());
    private final WsTestClient socket;
    private SessionState session;
    private JsonNode circle;
    private long sentAt = System.currentTimeMillis() - 60_000;

    private JavaFamilyDevice(WsTestClient socket) {
        this.socket = socket;
    }

    /** A family page's socket bound to {@code inviteId} with a fresh identity, in the patient's circle. */
    static JavaFamilyDevice bind(CallSockets sockets, String origin, String inviteId) {
        JavaFamilyDevice d = new JavaFamilyDevice(sockets.hello("family"));
        d.socket.send("{\"v\":1,\"type\":\"e2ee_hello\"}");
        byte[] nonce = Base64Url.decode(next(d.socket, "e2ee_challenge").get("nonce").asText());
        d.socket.send("{\"v\":1,\"type\":\"e2ee_bind\",\"invite\":\"" + inviteId + "\",\"identity\":\""
                + Base64Url.encode(d.keys.identity().record()) + "\",\"proof\":\""
                + Base64Url.encode(BindingProof.bind(d.keys, origin, inviteId, nonce)) + "\"}");
        next(d.socket, "e2ee_bound");
        d.circle = next(d.socket, "e2ee_circle");
        return d;
    }

    /** The circle's tablet, as the circle the server sent at binding names it. */
    String tablet() {
        for (JsonNode d : circle.get("devices")) {
            if ("patient".equals(d.get("role").asText())) {
                return d.get("device").asText();
            }
        }
        throw new AssertionError("no tablet in the circle: " + circle);
    }

    /** Starts the session with {@code tablet} (base64url) from its bundle, with the link's secret mixed in. */
    void startWith(String tablet, byte[] linkSecret) throws E2eeException {
        socket.send("{\"v\":1,\"type\":\"e2ee_bundle_get\",\"device\":\"" + tablet + "\"}");
        JsonNode b = next(socket, "e2ee_bundle");
        Bundle bundle = new Bundle(Base64Url.decode(tablet), PublicIdentity.parse(Base64Url.decode(b.get("identity").asText())),
                SignedPrekey.parse(Base64Url.decode(b.get("signedPrekey").asText())),
                b.has("oneTime") ? OneTimePrekey.parse(Base64Url.decode(b.get("oneTime").asText())) : null);
        session = SessionStart.start(keys, bundle, Psk.fromLinkSecret(linkSecret), System.currentTimeMillis(),
                Randomness.secure()).state();
    }

    /** The next envelope of the session: a text with a fresh id, each a second after the last. */
    byte[] seal(String body) throws PlaintextException {
        byte[] id = Randomness.secure().bytes(16);
        sentAt += 1_000;
        Session.Sealed sealed = Session.encrypt(session, PlaintextCodec.encode(
                new InnerMessage.Text(Base64Url.encode(id), sentAt, body)));
        session = sealed.state();
        return sealed.envelope();
    }

    /** Queues {@code envelope} on the relay; its seq once stored. */
    long send(byte[] envelope) {
        socket.send(RelayIT.send(envelope));
        return next(socket, "e2ee_sent").get("seq").asLong();
    }
}
