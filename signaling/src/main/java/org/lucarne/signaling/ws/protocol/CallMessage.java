package org.lucarne.signaling.ws.protocol;

import java.util.List;
import java.util.Locale;

/**
 * The messages of a video visit (docs/protocol.md, "Calls"). Every call message but a
 * {@link Join} by invite names its visit. SDP is opaque here: the codec checks its size only.
 * Record component names are the wire field names, in the order of the spec.
 */
public sealed interface CallMessage extends Message
        permits CallMessage.Request, CallMessage.VisitReady, CallMessage.Ring, CallMessage.Lobby,
        CallMessage.Waiting, CallMessage.Joined, CallMessage.ParticipantJoined,
        CallMessage.ParticipantLeft, CallMessage.ParticipantMedia, CallMessage.ParticipantLink,
        CallMessage.ParticipantReconnecting, CallMessage.SdpOffer, CallMessage.Ended {

    /** Who a participant is in a visit (the kiosk's app is the patient's seat). */
    enum Role {
        PATIENT, FAMILY, STAFF;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How a participant's own connection looks from their browser (docs/protocol.md, "Link quality"):
     * {@code unknown} until its figures settle, then {@code good}, {@code weak} or {@code poor}.
     */
    enum Link {
        UNKNOWN, GOOD, WEAK, POOR;

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
        REMOVED,
        /** Staff cancelled the visit: it will not take place (or goes on no longer). */
        CANCELLED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    // --- client → server

    /**
     * A call message a client sends. {@link #accept} hands it to the {@link Handler} method of its
     * own type, so a handler is a class the compiler checks for every request: adding a request
     * here means adding its method to {@link Handler}, and every handler fails to compile until it
     * handles it. (Java 17 has no pattern matching for {@code switch}; a switch over {@link Type}
     * would be exhaustive too, but over every message type, server ones included, and each case
     * would cast.)
     */
    sealed interface Request extends CallMessage
            permits Join, Answer, Decline, Admit, Leave, End, MediaState, SdpAnswer, IceRestart, LinkQuality,
            VideoSizes {
        void accept(Handler handler);
    }

    /** One method per {@link Request}: what the server does with each. */
    interface Handler {
        void join(Join join);

        void answer(Answer answer);

        void decline(Decline decline);

        void admit(Admit admit);

        void leave(Leave leave);

        void end(End end);

        void mediaState(MediaState mediaState);

        void sdpAnswer(SdpAnswer sdpAnswer);

        void iceRestart(IceRestart iceRestart);

        void linkQuality(LinkQuality linkQuality);

        void videoSizes(VideoSizes videoSizes);
    }

    /**
     * Enter a visit: a family browser by its {@code invite} (the visit comes from it), staff
     * and a reconnecting kiosk by {@code visit}. Exactly one of the two is non-null.
     */
    record Join(String visit, String invite) implements Request {
        public static Join byVisit(String visit) {
            return new Join(visit, null);
        }

        public static Join byInvite(String invite) {
            return new Join(null, invite);
        }

        @Override public Type type() { return Type.JOIN; }

        @Override public void accept(Handler handler) { handler.join(this); }
    }

    /** The patient's tablet answers the ring. */
    record Answer(String visit) implements Request {
        @Override public Type type() { return Type.ANSWER; }

        @Override public void accept(Handler handler) { handler.answer(this); }
    }

    /** The patient's tablet declines the ring. */
    record Decline(String visit) implements Request {
        @Override public Type type() { return Type.DECLINE; }

        @Override public void accept(Handler handler) { handler.decline(this); }
    }

    /** The patient or staff let a participant in from the lobby. */
    record Admit(String visit, String participant) implements Request {
        @Override public Type type() { return Type.ADMIT; }

        @Override public void accept(Handler handler) { handler.admit(this); }
    }

    /** The sender leaves the visit; the others stay. */
    record Leave(String visit) implements Request {
        @Override public Type type() { return Type.LEAVE; }

        @Override public void accept(Handler handler) { handler.leave(this); }
    }

    /** The patient or staff end the visit for everyone. */
    record End(String visit) implements Request {
        @Override public Type type() { return Type.END; }

        @Override public void accept(Handler handler) { handler.end(this); }
    }

    /** The sender's microphone and camera, for the others' screens. */
    record MediaState(String visit, boolean muted, boolean cameraOff) implements Request {
        @Override public Type type() { return Type.MEDIA_STATE; }

        @Override public void accept(Handler handler) { handler.mediaState(this); }
    }

    /** The client's SDP answer to the offer of that {@code revision}. */
    record SdpAnswer(String visit, long revision, String sdp) implements Request {
        @Override public Type type() { return Type.SDP_ANSWER; }

        @Override public void accept(Handler handler) { handler.sdpAnswer(this); }
    }

    /** The client's network changed: it asks for an offer with new ICE credentials. */
    record IceRestart(String visit) implements Request {
        @Override public Type type() { return Type.ICE_RESTART; }

        @Override public void accept(Handler handler) { handler.iceRestart(this); }
    }

    /** The quality of the sender's own connection, when it changes: for the others' screens. */
    record LinkQuality(String visit, Link quality) implements Request {
        @Override public Type type() { return Type.LINK_QUALITY; }

        @Override public void accept(Handler handler) { handler.linkQuality(this); }
    }

    /** The tallest picture, in pixels, the sender's screen shows of one participant. */
    record TileSize(String participant, int height) {
    }

    /**
     * How tall the sender's screen shows each participant, when its tiles change: each gets the
     * simulcast layer that fits (docs/protocol.md, "Video sizes"). Replaces the previous one; a
     * participant not listed gets the best layer there is.
     */
    record VideoSizes(String visit, List<TileSize> sizes) implements Request {
        public VideoSizes {
            sizes = List.copyOf(sizes);
        }

        @Override public Type type() { return Type.VIDEO_SIZES; }

        @Override public void accept(Handler handler) { handler.videoSizes(this); }
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

    /**
     * To the one who joined: you are in the call as {@code participant}, in a new media session; an offer
     * follows. {@code iceServers}: the TURN servers this session may relay through, with its own credentials;
     * null (absent on the wire) when the server has none.
     */
    record Joined(String visit, String participant, java.util.List<IceServer> iceServers) implements CallMessage {
        public Joined {
            iceServers = iceServers == null ? null : java.util.List.copyOf(iceServers);
        }

        public Joined(String visit, String participant) {
            this(visit, participant, null);
        }

        @Override public Type type() { return Type.JOINED; }
    }

    /**
     * One entry of a {@code joined}'s {@code iceServers}, as WebRTC's {@code RTCIceServer} takes it: TURN URLs
     * and the time-limited credentials of the TURN REST API (draft-uberti-behave-turn-rest-00 §2.1).
     */
    record IceServer(java.util.List<String> urls, String username, String credential) {
        /** At most this many servers in a {@code joined}, URLs in one, characters in a URL. */
        public static final int MAX_SERVERS = 4;
        public static final int MAX_URLS = 8;
        public static final int MAX_URL_LENGTH = 256;
        /** {@code <expiry>:<participant id>}: 11 digits, a colon, an id; the credential is a base64 HMAC. */
        public static final int MAX_USERNAME_LENGTH = 128;
        public static final int MAX_CREDENTIAL_LENGTH = 128;

        public IceServer {
            urls = java.util.List.copyOf(urls);
        }

        @Override
        public String toString() {
            return "IceServer[" + urls + ", " + username + ", credential hidden]";
        }
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

    /** The quality of someone's own connection, so a screen can say whose link is weak. */
    record ParticipantLink(String visit, String participant, Link quality) implements CallMessage {
        @Override public Type type() { return Type.PARTICIPANT_LINK; }
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
