package org.lucarne.signaling.relay;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lucarne.e2ee.wire.EnvelopeException;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.signaling.circle.CircleDevice;
import org.lucarne.signaling.config.E2eeSettings;
import org.lucarne.signaling.policy.AccessPolicy;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.policy.DeviceActor;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.RelayMessage;

/**
 * The relay's requests, one by one (docs/protocol.md, "Messages"): each checks that the socket's device is still a
 * member of its circle, its rate, and what the request names, then does its work in one transaction and answers.
 */
final class RelayRequests {
    private final Relay relay;
    private final Database db;
    private final Clock clock;
    private final E2eeSettings settings;
    private final RelayLimits limits;
    private final AccessPolicy policy;

    RelayRequests(Relay relay, Database db, Clock clock, E2eeSettings settings, RelayLimits limits,
                  AccessPolicy policy) {
        this.relay = relay;
        this.policy = policy;
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.limits = limits;
    }

    void handle(RelaySocket socket, RelayMessage message) {
        CircleDevice self = relay.circles().member(socket.device()).orElseThrow(() -> new RelayRefusal(
                ErrorCode.E2EE_NOT_IN_CIRCLE, "this device is no longer in a patient's circle"));
        switch (message.type()) {
            case E2EE_PREKEYS -> prekeys(socket, self, (RelayMessage.Prekeys) message);
            case E2EE_BUNDLE_GET -> bundle(socket, self, (RelayMessage.BundleGet) message);
            case E2EE_SEND -> send(socket, self, (RelayMessage.Send) message);
            case E2EE_ACK -> ack(socket, (RelayMessage.Ack) message);
            case E2EE_BLOB_PUT -> blobPut(socket, self, (RelayMessage.BlobPut) message);
            case E2EE_BLOB_GET -> blobGet(socket, self, (RelayMessage.BlobGet) message);
            default -> throw new IllegalArgumentException("not a relay request: " + message.type());
        }
    }

    private void prekeys(RelaySocket socket, CircleDevice self, RelayMessage.Prekeys m) {
        Optional<SignedPrekey> signed = Optional.ofNullable(m.signedPrekey())
                .map(s -> SignedPrekey.decode(Base64Url.decode(s)));
        signed.ifPresent(p -> p.verify(self.identity(), Base64Url.decode(self.deviceId()), clock.instant()));
        List<OneTimePrekey> oneTime = new ArrayList<>();
        for (String k : m.oneTime()) {
            oneTime.add(OneTimePrekey.decode(Base64Url.decode(k)));
        }
        db.inTransaction(c -> {
            if (signed.isPresent()) {
                Prekeys.putSigned(c, self.deviceId(), signed.get(), clock.instant());
            }
            Prekeys.addOneTime(c, self.deviceId(), oneTime, clock.instant());
            return null;
        });
        sendState(socket);
    }

    private void bundle(RelaySocket socket, CircleDevice self, RelayMessage.BundleGet m) {
        if (!limits.bundle(self.deviceId())) {
            throw new RelayRefusal(ErrorCode.RATE_LIMITED, "at most " + settings.bundlesPerMinute()
                    + " prekey bundles a minute; wait a little");
        }
        CircleDevice owner = peer(self, m.device(), "bundle");
        Prekeys.Bundle b = db.inTransaction(c -> Prekeys.bundle(c, owner.deviceId(), clock.instant()))
                .orElseThrow(() -> new RelayRefusal(ErrorCode.E2EE_NO_PREKEY, "device " + owner.deviceId()
                        + " has published no signed prekey yet; try again later"));
        socket.send(new RelayMessage.Bundle(owner.deviceId(), Base64Url.encode(owner.identity()),
                Base64Url.encode(b.signed().encode()), b.oneTime().map(k -> Base64Url.encode(k.encode())).orElse(null)));
        if (b.oneTime().isPresent()) {
            relay.socketsOf(owner.deviceId()).forEach(this::sendState);
        }
    }

    /**
     * A member of {@code self}'s circle other than itself, to which the policy lets {@code self} write
     * ({@code message.send}, decided on the patient of {@code device}'s circle); else the circle's refusal (audited).
     */
    private CircleDevice peer(CircleDevice self, String device, String what) {
        Optional<CircleDevice> other = relay.circles().member(device);
        if (other.isEmpty() || device.equals(self.deviceId())) {
            throw relay.refusedByCircle(self, device, what + " to a device in no circle",
                    "device " + device + " is not another device of a patient's circle");
        }
        DeviceActor who = self.kind() == CircleDevice.Kind.TABLET
                ? new DeviceActor.Kiosk(self.tabletId(), self.circleId())
                : new DeviceActor.Family(self.contactId(), self.circleId(), false, true, true);
        if (!policy.decide(who, Action.MESSAGE_SEND, other.get().circleId()).allowed()) {
            throw relay.refusedByCircle(self, device, what + " to another circle",
                    "device " + device + " is not in this device's circle");
        }
        return other.get();
    }

    private void send(RelaySocket socket, CircleDevice self, RelayMessage.Send m) {
        if (!limits.send(self.deviceId())) {
            throw new RelayRefusal(ErrorCode.RATE_LIMITED, "at most " + settings.sendsPerMinute()
                    + " envelopes a minute (" + settings.sendsBurst() + " at once); wait a little, nothing was queued");
        }
        byte[] envelope = Base64Url.decode(m.envelope());
        if (envelope.length > settings.maxEnvelopeBytes()) {
            throw new RelayRefusal(ErrorCode.ENVELOPE_MALFORMED, "this server takes envelopes of at most "
                    + settings.maxEnvelopeBytes() + " bytes; this one has " + envelope.length);
        }
        EnvelopeHeader header;
        try {
            header = EnvelopeHeader.parse(envelope);
        } catch (EnvelopeException e) {
            throw new RelayRefusal(ErrorCode.fromWire(e.code()).orElse(ErrorCode.ENVELOPE_MALFORMED), e.getMessage());
        }
        if (!Arrays.equals(header.senderDeviceId(), Base64Url.decode(self.deviceId()))) {
            throw new RelayRefusal(ErrorCode.ENVELOPE_MALFORMED, "the envelope's sender is not the device this socket"
                    + " proved");
        }
        CircleDevice recipient = peer(self, Base64Url.encode(header.recipientDeviceId()), "envelope");
        long seq = db.inTransaction(c -> EnvelopeQueue.enqueue(c, recipient.deviceId(), self.deviceId(), envelope,
                clock.instant()));
        socket.send(new RelayMessage.Sent(recipient.deviceId(), seq));
        relay.socketsOf(recipient.deviceId()).forEach(relay::pump);
    }

    /**
     * Deletes the acknowledged envelopes, then tells each one's sender, on the sockets it has open on this node now,
     * {@code e2ee_delivered} with what its {@code e2ee_sent} said; a sender offline is not told (nothing is stored for
     * it: the recipient's {@code read} comes end to end anyway).
     */
    private void ack(RelaySocket socket, RelayMessage.Ack m) {
        List<EnvelopeQueue.Acknowledged> deleted = db.inTransaction(c -> EnvelopeQueue.ack(c, socket.device(),
                m.seqs()));
        socket.acknowledged(m.seqs());
        relay.pump(socket);
        for (EnvelopeQueue.Acknowledged a : deleted) {
            RelayMessage.Delivered notice = new RelayMessage.Delivered(socket.device(), a.seq());
            relay.socketsOf(a.sender()).forEach(s -> s.send(notice));
        }
    }

    private void blobPut(RelaySocket socket, CircleDevice self, RelayMessage.BlobPut m) {
        byte[] data = Base64Url.decode(m.data());
        db.inTransaction(c -> {
            Blobs.Put put = Blobs.put(c, m.blob(), m.index(), m.count(), data, self.deviceId(), self.circleId(),
                    clock.instant());
            if (put == Blobs.Put.NEW_BLOB && !limits.photo(self.deviceId())) {
                throw new RelayRefusal(ErrorCode.RATE_LIMITED, "at most " + settings.photosPerHour()
                        + " photos an hour; nothing was stored");
            }
            return put;
        });
        socket.send(new RelayMessage.BlobStored(m.blob(), m.index()));
    }

    private void blobGet(RelaySocket socket, CircleDevice self, RelayMessage.BlobGet m) {
        Blobs.Chunk chunk;
        try {
            chunk = db.inTransaction(c -> Blobs.get(c, m.blob(), m.index(), self.circleId()));
        } catch (RelayRefusal e) {
            if (e.code() == ErrorCode.E2EE_NOT_IN_CIRCLE) {
                throw relay.refusedByCircle(self, m.blob(), "photo of another circle", e.getMessage());
            }
            throw e;
        }
        socket.send(new RelayMessage.BlobChunk(m.blob(), m.index(), chunk.count(), Base64Url.encode(chunk.data())));
    }

    /**
     * {@link #sendState} when there is something to tell: one-time prekeys handed out, or fewer than
     * {@value Prekeys#REFILL_BELOW} left of a device that published a signed prekey. A device that published none
     * uploads without being asked.
     */
    void sendStateIfNews(RelaySocket socket) {
        Prekeys.State state = db.inTransaction(c -> Prekeys.state(c, socket.device()));
        boolean published = db.inTransaction(c -> Prekeys.signed(c, socket.device())).isPresent();
        if (!state.handedOut().isEmpty() || (published && state.oneTimeLeft() < Prekeys.REFILL_BELOW)) {
            sendState(socket, state);
        }
    }

    /** Tells the socket's device how many one-time prekeys it has left and which were handed out, then forgets those. */
    void sendState(RelaySocket socket) {
        sendState(socket, db.inTransaction(c -> Prekeys.state(c, socket.device())));
    }

    private void sendState(RelaySocket socket, Prekeys.State state) {
        socket.send(new RelayMessage.PrekeysState(state.oneTimeLeft(), state.handedOut()));
        if (!state.handedOut().isEmpty()) {
            db.inTransaction(c -> {
                Prekeys.reported(c, socket.device(), state.handedOut());
                return null;
            });
        }
    }
}
