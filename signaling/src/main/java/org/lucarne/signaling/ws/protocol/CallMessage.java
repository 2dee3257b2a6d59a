package org.lucarne.signaling.ws.protocol;

import java.util.Locale;

/**
 * The messages of a video visit (docs/protocol.md, "Calls"). Every call message but a
 * {@link Join} by invite names its visit. SDP is opaque here: the codec checks its size only.
 * Record component names are the wire field names, in the order of the spec.
 */
public sealed interface CallMessage extends Message
        permits CallMessage.Join, CallMessage.Answer, CallMessage.Decline, CallMessage.Admit,
        CallMessage.Leave, CallMessage.End, CallMessage.MediaState, CallMessage.SdpAnswer,
        CallMessage.IceRestart, CallMessage.VisitReady, CallMessage.Ring, CallMessage.Lobby,
        CallMessage.Waiting, CallMessage.Joined, CallMessage.ParticipantJoined,
        CallMessage.ParticipantLeft, CallMessage.ParticipantMedia,
        CallMessage.ParticipantReconnecting, CallMessage.SdpOffer, CallMessage.Ended {

    /** Who a participant is in a visit (the kiosk's app is the patient's seat). */
    enum Role {
        PATIENT, FAMILY, STAFF;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a visit ended, as told to everyone still in it or waiting for it. */
    enum EndReason {
        /** A patient or staff member sent {@code end}. */
        ENDED,
        /** The patient declined the ring. */
        DECLINED,
        /** Nobody answered the ring in time. */
        NO_ANSWER,
        /** The slot is over. */
        TIME_UP,
        /** This participant was removed: invite revoked, or sent away by staff. */
        REMOVED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    // --- client → server

    /**
     * Enter a visit: a family browser by its {@code invite} (the visit comes from it), staff
     * and a reconnecting kiosk by {@code visit}. Exactly one of the two is non-null.
     */
    record Join(String visit, String invite) implements CallMessage {
        public static Join byVisit(String visit) {
            return new Join(visit, null);
        }

        public static Join byInvite(String invite) {
            return new Join(null, invite);
        }

        @Override public Type type() { return Type.JOIN; }
    }

    /** The patient's tablet answers the ring. */
    record Answer(String visit) implements CallMessage {
        @Override public Type type() { return Type.ANSWER; }
    }

    /** The patient's tablet declines the ring. */
    record Decline(String visit) implements CallMessage {
        @Override public Type type() { return Type.DECLINE; }
    }

    /** The patient or staff let a participant in from the lobby. */
    record Admit(String visit, String participant) implements CallMessage {
        @Override public Type type() { return Type.ADMIT; }
    }

    /** The sender leaves the visit; the others stay. */
    record Leave(String visit) implements CallMessage {
        @Override public Type type() { return Type.LEAVE; }
    }

    /** The patient or staff end the visit for everyone. */
    record End(String visit) implements CallMessage {
        @Override public Type type() { return Type.END; }
    }

    /** The sender's microphone and camera, for the others' screens. */
    record MediaState(String visit, boolean muted, boolean cameraOff) implements CallMessage {
        @Override public Type type() { return Type.MEDIA_STATE; }
    }

    /** The client's SDP answer to the offer of that {@code revision}. */
    record SdpAnswer(String visit, long revision, String sdp) implements CallMessage {
        @Override public Type type() { return Type.SDP_ANSWER; }
    }

    /** The client's network changed: it asks for an offer with new ICE credentials. */
    record IceRestart(String visit) implements CallMessage {
        @Override public Type type() { return Type.ICE_RESTART; }
    }

    // --- server → client

    /** The visit's slot is open; it ends at {@code endsAt} (milliseconds since the epoch, UTC). */
    record VisitReady(String visit, long endsAt) implements CallMessage {
        @Override public Type type() { return Type.VISIT_READY; }
    }

    /** The patient's tablet rings; with {@code autoAnswer} (recorded consent) it answers by itself. */
    record Ring(String visit, boolean autoAnswer) implements CallMessage {
        @Override public Type type() { return Type.RING; }
    }

    /**
     * To a family browser: you wait in the lobby until the patient answers; {@code name} is the
     * patient's, for "waiting for Marie to answer".
     */
    record Lobby(String visit, String name) implements CallMessage {
        @Override public Type type() { return Type.LOBBY; }
    }

    /** To the patient and staff: {@code participant} waits in the lobby. */
    record Waiting(String visit, String participant, String name) implements CallMessage {
        @Override public Type type() { return Type.WAITING; }
    }

    /** To the one who joined: you are in the call as {@code participant}; an offer follows. */
    record Joined(String visit, String participant) implements CallMessage {
        @Override public Type type() { return Type.JOINED; }
    }

    /** Someone is in the call (again, if the id is known: back after reconnecting). */
    record ParticipantJoined(String visit, String participant, Role role, String name) implements CallMessage {
        @Override public Type type() { return Type.PARTICIPANT_JOINED; }
    }

    /** Someone left, or did not come back in time after losing the connection. */
    record ParticipantLeft(String visit, String participant) implements CallMessage {
        @Override public Type type() { return Type.PARTICIPANT_LEFT; }
    }

    /** Someone's microphone and camera. */
    record ParticipantMedia(String visit, String participant, boolean muted, boolean cameraOff)
            implements CallMessage {
        @Override public Type type() { return Type.PARTICIPANT_MEDIA; }
    }

    /** Someone lost the connection; their seat is kept while they reconnect. */
    record ParticipantReconnecting(String visit, String participant) implements CallMessage {
        @Override public Type type() { return Type.PARTICIPANT_RECONNECTING; }
    }

    /** A new SDP offer; {@code revision} grows by one with every offer to this participant. */
    record SdpOffer(String visit, long revision, String sdp) implements CallMessage {
        @Override public Type type() { return Type.SDP_OFFER; }
    }

    /** The visit is over for the receiver. */
    record Ended(String visit, EndReason reason) implements CallMessage {
        @Override public Type type() { return Type.ENDED; }
    }
}
