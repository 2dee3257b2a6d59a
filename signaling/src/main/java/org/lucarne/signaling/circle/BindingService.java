package org.lucarne.signaling.circle;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.policy.DeviceActor;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ws.protocol.BindingMessage;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;

/**
 * The device messages of the socket (docs/protocol.md, "Devices and circles"): a challenge, a bound device's proof,
 * a family browser binding its link, the tablet's identity, the patient's decision on a waiting device. Every
 * refusal is an {@code error} frame with its code; the policy's refusals and proofs that fail are audited.
 */
public final class BindingService {
    private final Database db;
    private final DeviceDirectory directory;
    private final Circles circles;
    private final CircleFeed feed;
    private final Admissions admissions;
    private final AccessGuard guard;
    private final AuditTrail audit;
    private final CircleNames names;
    private final Clock clock;
    private final SecureRandom random;
    private final Supplier<String> publicOrigin;

    /** {@code publicOrigin}: the family pages' origin, which their proofs sign (the socket's Origin was checked). */
    public BindingService(Database db, DeviceDirectory directory, Circles circles, CircleFeed feed, Admissions admissions,
                          AccessGuard guard, AuditTrail audit, CircleNames names, Clock clock, SecureRandom random,
                          Supplier<String> publicOrigin) {
        this.db = Objects.requireNonNull(db, "db");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.circles = Objects.requireNonNull(circles, "circles");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.admissions = Objects.requireNonNull(admissions, "admissions");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.names = Objects.requireNonNull(names, "names");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.publicOrigin = Objects.requireNonNull(publicOrigin, "publicOrigin");
    }

    /** After {@code welcome}: a kiosk hears its bed's circle and who waits to be let in. */
    public void greeted(DevicePeer peer) {
        if (peer.kiosk()) {
            feed.kioskGreeted(peer);
        }
    }

    /** One device message of a greeted socket. */
    public void handle(DevicePeer peer, BindingMessage message) {
        if (message instanceof BindingMessage.E2eeHello h) {
            hello(peer, h);
        } else if (message instanceof BindingMessage.E2eeBind b) {
            bind(peer, b);
        } else if (message instanceof BindingMessage.E2eeIdentity i) {
            identity(peer, i);
        } else if (message instanceof BindingMessage.E2eeAdmitDevice a) {
            admit(peer, a);
        } else {
            throw new IllegalArgumentException("not a client's device message: " + message.type());
        }
    }

    /** The socket closed. */
    public void closed(DevicePeer peer) {
        feed.closed(peer);
    }

    private void hello(DevicePeer peer, BindingMessage.E2eeHello h) {
        if (h.device() == null) {
            byte[] nonce = peer.device().challenge(clock, random);
            peer.send(new BindingMessage.E2eeChallenge(IdentityRecord.Base64Url.encode(nonce)));
            return;
        }
        Optional<byte[]> challenge = peer.device().take(clock);
        if (challenge.isEmpty()) {
            noChallenge(peer);
            return;
        }
        Optional<IdentityRecord> identity = directory.identityOf(h.device()).flatMap(IdentityRecord::parse);
        if (identity.isEmpty()) {
            peer.send(new Message.Error(ErrorCode.E2EE_NOT_BOUND, "no device of that id is bound: open your link again"));
            return;
        }
        byte[] signed = BindingProof.forDevice(publicOrigin.get(), decode(h.device()), challenge.get());
        if (peer.tablet().isPresent() || !identity.get().verifies(signed, decode(h.proof()))) {
            refusedProof(peer, h.type(), h.device());
            return;
        }
        Optional<CircleDevice> member = circles.member(h.device());
        if (member.isEmpty()) {
            peer.send(new Message.Error(ErrorCode.E2EE_NOT_BOUND, "this device is not in a patient's circle now:"
                    + " open your link again"));
            return;
        }
        feed.proven(peer, member.get(), true);
    }

    private void bind(DevicePeer peer, BindingMessage.E2eeBind b) {
        if (!peer.family()) {
            peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, "only the family page binds a link"));
            return;
        }
        Optional<byte[]> challenge = peer.device().take(clock);
        if (challenge.isEmpty()) {
            noChallenge(peer);
            return;
        }
        Optional<InviteId> inviteId = InviteId.parse(b.invite());
        if (inviteId.isEmpty()) {
            peer.send(new Message.Error(ErrorCode.INVITE_INVALID, LinkRefusals.INVALID));
            return;
        }
        Optional<IdentityRecord> identity = IdentityRecord.parse(b.identity());
        byte[] signed = BindingProof.forInvite(publicOrigin.get(), b.invite(), challenge.get());
        if (identity.isEmpty() || !identity.get().verifies(signed, decode(b.proof()))) {
            refusedProof(peer, b.type(), identity.map(IdentityRecord::deviceIdText).orElse("unknown"));
            return;
        }
        Optional<LinkInvite> found = db.inTransaction(c -> LinkInvite.find(c, inviteId.get().hash(), clock.millis()));
        if (found.isEmpty()) {
            audit.record(AuditEvent.of(AuditEvent.ANONYMOUS, AuditAction.ACCESS_REFUSED, AuditOutcome.REFUSED)
                    .target("invite", inviteId.get().hash()).from(peer.address())
                    .detail("request=e2ee_bind code=invite_invalid"));
            peer.send(new Message.Error(ErrorCode.INVITE_INVALID, LinkRefusals.INVALID));
            return;
        }
        LinkInvite invite = found.get();
        var who = new DeviceActor.Family(invite.contactId(), invite.patientId(), invite.contactRemoved(), invite.live(),
                false);
        var target = new AccessGuard.Target("invite", invite.idHash(), invite.wardId(), invite.patientId());
        if (!guard.check(who, Action.E2EE_BIND, target, peer.address()).allowed()) {
            peer.send(LinkRefusals.of(invite));
            return;
        }
        bound(peer, invite, identity.get(), directory.bind(invite, identity.get(), peer.address()));
    }

    private void bound(DevicePeer peer, LinkInvite invite, IdentityRecord identity, DeviceDirectory.Binding outcome) {
        String device = identity.deviceIdText();
        switch (outcome) {
            case BOUND, ALREADY_BOUND -> {
                Optional<CircleDevice> member = circles.member(device);
                if (member.isEmpty()) { // the invite ended between the two reads
                    peer.send(new Message.Error(ErrorCode.E2EE_NOT_BOUND, "this link is no longer live"));
                    return;
                }
                peer.send(new BindingMessage.E2eeBound(device));
                boolean changed = outcome == DeviceDirectory.Binding.BOUND;
                feed.proven(peer, member.get(), !changed);
                if (changed) {
                    circles.changed(invite.patientId()); // tells this socket too
                }
            }
            case WAITING -> {
                feed.waiting(peer, device);
                peer.send(new Message.Error(ErrorCode.E2EE_LINK_TAKEN, "someone else already opened this link on"
                        + " another device: this one waits for the patient or the ward's staff to let it in"));
                directory.find(device).ifPresent(r -> admissions.waiting(r, names.contactName(r.contactId()),
                        invite.wardId()));
            }
            case REFUSED -> peer.send(new BindingMessage.E2eeRefused(device));
            case OTHER_CONTACT -> peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, "this browser already holds another"
                    + " person's link: open this link in another browser"));
        }
    }

    private void identity(DevicePeer peer, BindingMessage.E2eeIdentity i) {
        if (!peer.kiosk()) {
            peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, "only the bedside tablet's kiosk publishes its identity"));
            return;
        }
        Optional<IdentityRecord> identity = IdentityRecord.parse(i.identity());
        if (identity.isEmpty()) {
            refusedProof(peer, i.type(), "unknown");
            return;
        }
        String tablet = peer.tablet().orElseThrow();
        Optional<String> patient = feed.kioskCircle(peer);
        DeviceDirectory.Published outcome = patient.isEmpty() ? DeviceDirectory.Published.NO_PATIENT
                : directory.publishTablet(tablet, patient.get(), identity.get(), peer.address());
        switch (outcome) {
            case RECORDED, ALREADY -> {
                CircleDevice device = new CircleDevice(identity.get().deviceIdText(), identity.get().bytes(),
                        patient.orElseThrow(), CircleDevice.Kind.TABLET, tablet, null);
                boolean changed = outcome == DeviceDirectory.Published.RECORDED;
                feed.proven(peer, device, !changed);
                if (changed) {
                    circles.changed(patient.get()); // tells this kiosk too
                }
            }
            case NO_PATIENT -> peer.send(new Message.Error(ErrorCode.E2EE_NO_CIRCLE, "no patient is in this tablet's"
                    + " bed now (as last told in e2ee_circle): there is no circle to publish an identity in"));
            case OTHER_STAY -> peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, "this identity is another patient"
                    + " stay's: make a new one for circle " + patient.orElseThrow()));
        }
    }

    private void admit(DevicePeer peer, BindingMessage.E2eeAdmitDevice a) {
        if (!peer.kiosk()) {
            peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, "only the bedside tablet's kiosk admits a device"));
            return;
        }
        String tablet = peer.tablet().orElseThrow();
        Optional<String> patient = directory.patientInBed(tablet);
        Optional<DeviceRow> row = directory.find(a.device()).filter(r -> r.state() == DeviceState.WAITING
                && patient.filter(r.patientId()::equals).isPresent());
        if (row.isEmpty()) {
            peer.send(new Message.Error(ErrorCode.PARTICIPANT_UNKNOWN, "no device waits with that id in this bed's circle"));
            return;
        }
        String ward = db.inTransaction(c -> LinkInvite.find(c, row.get().inviteIdHash(), clock.millis()))
                .map(LinkInvite::wardId).orElse(null);
        var target = AccessGuard.Target.device(a.device(), ward, row.get().patientId());
        if (!guard.check(new DeviceActor.Kiosk(tablet, patient.orElse(null)), Action.DEVICE_ADMIT, target,
                peer.address()).allowed()) {
            peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, "this tablet may not decide for that device"));
            return;
        }
        if (admissions.decide(a.device(), a.admit(), AuditEvent.tablet(tablet), ward, peer.address()).isEmpty()) {
            peer.send(new Message.Error(ErrorCode.PARTICIPANT_UNKNOWN, "that device was decided already"));
        }
    }

    private void noChallenge(DevicePeer peer) {
        peer.send(new Message.Error(ErrorCode.E2EE_BAD_PROOF, "no live challenge on this socket: send e2ee_hello"
                + " without fields, then sign its nonce within 60 s"));
    }

    private void refusedProof(DevicePeer peer, Message.Type request, String device) {
        audit.record(AuditEvent.of(peer.tablet().map(AuditEvent::tablet).orElse(AuditEvent.ANONYMOUS),
                AuditAction.ACCESS_REFUSED, AuditOutcome.REFUSED).target("device", device).from(peer.address())
                .detail("request=" + request.wireName() + " code=e2ee_bad_proof"));
        peer.send(new Message.Error(ErrorCode.E2EE_BAD_PROOF, "the identity record or the proof does not check:"
                + " the signature must cover the label, the kind, this page's origin, the subject and the challenge"));
    }

    private static byte[] decode(String base64url) {
        return IdentityRecord.Base64Url.decode(base64url).orElse(new byte[0]);
    }
}
