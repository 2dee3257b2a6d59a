package org.lucarne.signaling.ws.protocol;

import static org.lucarne.signaling.ws.protocol.JsonText.bool;
import static org.lucarne.signaling.ws.protocol.JsonText.number;
import static org.lucarne.signaling.ws.protocol.JsonText.optionalString;
import static org.lucarne.signaling.ws.protocol.JsonText.string;
import static org.lucarne.signaling.ws.protocol.JsonText.strings;
import static org.lucarne.signaling.ws.protocol.ProtocolCodec.MAX_SAFE_INTEGER;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lucarne.signaling.ws.protocol.CallMessage.Role;

/**
 * The call messages of docs/protocol.md ("Calls"): decoding in the order of the spec's fields,
 * encoding in the same order. {@link ProtocolCodec} checks the envelope and calls this.
 */
final class CallCodec {
    /** SDP is opaque here: at most 48 Ki characters, so the escaped frame stays under 64 KiB. */
    private static final int MAX_SDP_LENGTH = ProtocolCodec.MAX_SDP_LENGTH;
    /** An invite id as typed into a link: checked by the server, so garbage gets invite_invalid. */
    static final int MAX_INVITE_LENGTH = 128;
    /** A display name, as staff wrote it on the invite or the patient's record. */
    static final int MAX_NAME_LENGTH = ProtocolCodec.MAX_NAME_LENGTH;
    /** Participants one {@code video_sizes} may name: far more than a visit has. */
    static final int MAX_TILES = 32;
    /** An 8K screen's rows. */
    static final int MAX_TILE_HEIGHT = 4320;

    private CallCodec() {
    }

    /** A client's call message, or null when {@code type} is not one. */
    static CallMessage decodeFromClient(FieldReader f) throws ProtocolException {
        return switch (f.type()) {
            case "join" -> f.finish(join(f));
            case "answer" -> f.finish(new CallMessage.Answer(f.id("visit")));
            case "decline" -> f.finish(new CallMessage.Decline(f.id("visit")));
            case "admit" -> f.finish(new CallMessage.Admit(f.id("visit"), f.id("participant")));
            case "leave" -> f.finish(new CallMessage.Leave(f.id("visit")));
            case "end" -> f.finish(new CallMessage.End(f.id("visit")));
            case "media_state" -> f.finish(new CallMessage.MediaState(
                    f.id("visit"), f.bool("muted"), f.bool("cameraOff")));
            case "sdp_answer" -> f.finish(new CallMessage.SdpAnswer(
                    f.id("visit"), revision(f), f.string("sdp", 1, MAX_SDP_LENGTH)));
            case "ice_restart" -> f.finish(new CallMessage.IceRestart(f.id("visit")));
            case "link_quality" -> f.finish(new CallMessage.LinkQuality(f.id("visit"), link(f)));
            case "video_sizes" -> f.finish(new CallMessage.VideoSizes(f.id("visit"), sizes(f)));
            default -> null;
        };
    }

    /** A server's call message, or null when {@code type} is not one. */
    static CallMessage decodeFromServer(FieldReader f) throws ProtocolException {
        return switch (f.type()) {
            case "visit_ready" -> f.finish(new CallMessage.VisitReady(f.id("visit"), f.uint("endsAt", MAX_SAFE_INTEGER)));
            case "ring" -> f.finish(new CallMessage.Ring(f.id("visit"), f.bool("autoAnswer")));
            case "lobby" -> f.finish(new CallMessage.Lobby(f.id("visit"), name(f)));
            case "waiting" -> f.finish(new CallMessage.Waiting(f.id("visit"), f.id("participant"), name(f)));
            case "joined" -> f.finish(new CallMessage.Joined(f.id("visit"), f.id("participant"), iceServers(f)));
            case "participant_joined" -> f.finish(new CallMessage.ParticipantJoined(
                    f.id("visit"), f.id("participant"), f.enumValue("role", Role.class), name(f)));
            case "participant_left" -> f.finish(new CallMessage.ParticipantLeft(f.id("visit"), f.id("participant")));
            case "participant_media" -> f.finish(new CallMessage.ParticipantMedia(
                    f.id("visit"), f.id("participant"), f.bool("muted"), f.bool("cameraOff")));
            case "participant_link" -> f.finish(new CallMessage.ParticipantLink(
                    f.id("visit"), f.id("participant"), link(f)));
            case "participant_reconnecting" -> f.finish(new CallMessage.ParticipantReconnecting(
                    f.id("visit"), f.id("participant")));
            case "sdp_offer" -> f.finish(new CallMessage.SdpOffer(
                    f.id("visit"), revision(f), f.string("sdp", 1, MAX_SDP_LENGTH)));
            case "ended" -> f.finish(new CallMessage.Ended(
                    f.id("visit"), f.enumValue("reason", CallMessage.EndReason.class)));
            default -> null;
        };
    }

    private static CallMessage.Join join(FieldReader f) throws ProtocolException {
        String visit = f.optionalId("visit");
        String invite = f.optionalString("invite", 1, MAX_INVITE_LENGTH);
        if (visit == null && invite == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "'join' needs the field 'visit' or 'invite'");
        }
        if (visit != null && invite != null) {
            throw f.invalid("invite", "absent when 'visit' is given: send one of the two");
        }
        return new CallMessage.Join(visit, invite);
    }

    /** {@code joined}'s optional TURN servers: absent, or 1 to {@link CallMessage.IceServer#MAX_SERVERS}. */
    private static List<CallMessage.IceServer> iceServers(FieldReader f) throws ProtocolException {
        if (!f.has("iceServers")) {
            return null;
        }
        List<FieldReader> items = f.objects("iceServers", CallMessage.IceServer.MAX_SERVERS);
        if (items.isEmpty()) {
            throw f.invalid("iceServers", "an array of 1 to " + CallMessage.IceServer.MAX_SERVERS
                    + " objects, or absent when there is none");
        }
        List<CallMessage.IceServer> servers = new ArrayList<>(items.size());
        for (FieldReader s : items) {
            List<String> urls = s.strings("urls", CallMessage.IceServer.MAX_URLS, 1, CallMessage.IceServer.MAX_URL_LENGTH);
            if (urls.isEmpty()) {
                throw s.invalid("urls", "an array of 1 to " + CallMessage.IceServer.MAX_URLS + " URLs");
            }
            servers.add(s.finishItem(new CallMessage.IceServer(urls,
                    s.string("username", 1, CallMessage.IceServer.MAX_USERNAME_LENGTH),
                    s.string("credential", 1, CallMessage.IceServer.MAX_CREDENTIAL_LENGTH))));
        }
        return servers;
    }

    /** Revisions start at 1 and stay below 2^53, so a browser holds every one exactly. */
    private static long revision(FieldReader f) throws ProtocolException {
        return f.longBetween("revision", 1, MAX_SAFE_INTEGER);
    }

    /** At most {@value #MAX_TILES} participants, each once, each 0 to {@value #MAX_TILE_HEIGHT} pixels tall. */
    private static List<CallMessage.TileSize> sizes(FieldReader f) throws ProtocolException {
        List<CallMessage.TileSize> sizes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FieldReader s : f.objects("sizes", MAX_TILES)) {
            CallMessage.TileSize size = s.finishItem(new CallMessage.TileSize(s.id("participant"),
                    s.intBetween("height", 0, MAX_TILE_HEIGHT)));
            if (!seen.add(size.participant())) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "'sizes' of 'video_sizes' names participant "
                        + size.participant() + " twice");
            }
            sizes.add(size);
        }
        return sizes;
    }

    private static CallMessage.Link link(FieldReader f) throws ProtocolException {
        return f.enumValue("quality", CallMessage.Link.class);
    }

    private static String name(FieldReader f) throws ProtocolException {
        return f.string("name", 1, MAX_NAME_LENGTH);
    }

    static void encode(StringBuilder b, CallMessage message) {
        switch (message.type()) {
            case JOIN -> {
                var m = (CallMessage.Join) message;
                optionalString(b, "visit", m.visit());
                optionalString(b, "invite", m.invite());
            }
            case ANSWER -> string(b, "visit", ((CallMessage.Answer) message).visit());
            case DECLINE -> string(b, "visit", ((CallMessage.Decline) message).visit());
            case ADMIT -> {
                var m = (CallMessage.Admit) message;
                string(b, "visit", m.visit());
                string(b, "participant", m.participant());
            }
            case LEAVE -> string(b, "visit", ((CallMessage.Leave) message).visit());
            case END -> string(b, "visit", ((CallMessage.End) message).visit());
            case MEDIA_STATE -> {
                var m = (CallMessage.MediaState) message;
                string(b, "visit", m.visit());
                bool(b, "muted", m.muted());
                bool(b, "cameraOff", m.cameraOff());
            }
            case SDP_ANSWER -> {
                var m = (CallMessage.SdpAnswer) message;
                sdp(b, m.visit(), m.revision(), m.sdp());
            }
            case ICE_RESTART -> string(b, "visit", ((CallMessage.IceRestart) message).visit());
            case LINK_QUALITY -> {
                var m = (CallMessage.LinkQuality) message;
                string(b, "visit", m.visit());
                string(b, "quality", m.quality().wireName());
            }
            case VIDEO_SIZES -> {
                var m = (CallMessage.VideoSizes) message;
                string(b, "visit", m.visit());
                b.append(",\"sizes\":[");
                for (int i = 0; i < m.sizes().size(); i++) {
                    b.append(i == 0 ? "{" : ",{");
                    int start = b.length();
                    string(b, "participant", m.sizes().get(i).participant());
                    b.deleteCharAt(start); // the object's first member has no comma before it
                    b.append(",\"height\":").append(m.sizes().get(i).height()).append('}');
                }
                b.append(']');
            }
            default -> encodeFromServer(b, message);
        }
    }

    private static void encodeFromServer(StringBuilder b, CallMessage message) {
        switch (message.type()) {
            case VISIT_READY -> {
                var m = (CallMessage.VisitReady) message;
                string(b, "visit", m.visit());
                number(b, "endsAt", m.endsAt());
            }
            case RING -> {
                var m = (CallMessage.Ring) message;
                string(b, "visit", m.visit());
                bool(b, "autoAnswer", m.autoAnswer());
            }
            case LOBBY -> {
                var m = (CallMessage.Lobby) message;
                string(b, "visit", m.visit());
                string(b, "name", m.name());
            }
            case WAITING -> {
                var m = (CallMessage.Waiting) message;
                participant(b, m.visit(), m.participant());
                string(b, "name", m.name());
            }
            case JOINED -> {
                var m = (CallMessage.Joined) message;
                participant(b, m.visit(), m.participant());
                if (m.iceServers() != null) {
                    iceServers(b, m.iceServers());
                }
            }
            case PARTICIPANT_JOINED -> {
                var m = (CallMessage.ParticipantJoined) message;
                participant(b, m.visit(), m.participant());
                string(b, "role", m.role().wireName());
                string(b, "name", m.name());
            }
            case PARTICIPANT_LEFT -> {
                var m = (CallMessage.ParticipantLeft) message;
                participant(b, m.visit(), m.participant());
            }
            case PARTICIPANT_MEDIA -> {
                var m = (CallMessage.ParticipantMedia) message;
                participant(b, m.visit(), m.participant());
                bool(b, "muted", m.muted());
                bool(b, "cameraOff", m.cameraOff());
            }
            case PARTICIPANT_LINK -> {
                var m = (CallMessage.ParticipantLink) message;
                participant(b, m.visit(), m.participant());
                string(b, "quality", m.quality().wireName());
            }
            case PARTICIPANT_RECONNECTING -> {
                var m = (CallMessage.ParticipantReconnecting) message;
                participant(b, m.visit(), m.participant());
            }
            case SDP_OFFER -> {
                var m = (CallMessage.SdpOffer) message;
                sdp(b, m.visit(), m.revision(), m.sdp());
            }
            case ENDED -> {
                var m = (CallMessage.Ended) message;
                string(b, "visit", m.visit());
                string(b, "reason", m.reason().wireName());
            }
            default -> throw new IllegalArgumentException("not a call message: " + message.type());
        }
    }

    private static void iceServers(StringBuilder b, List<CallMessage.IceServer> servers) {
        b.append(",\"iceServers\":[");
        for (int i = 0; i < servers.size(); i++) {
            var s = servers.get(i);
            b.append(i == 0 ? "{" : ",{");
            int start = b.length();
            strings(b, "urls", s.urls());
            b.deleteCharAt(start); // the object's first member has no comma before it
            string(b, "username", s.username());
            string(b, "credential", s.credential());
            b.append('}');
        }
        b.append(']');
    }

    private static void participant(StringBuilder b, String visit, String participant) {
        string(b, "visit", visit);
        string(b, "participant", participant);
    }

    private static void sdp(StringBuilder b, String visit, long revision, String sdp) {
        string(b, "visit", visit);
        number(b, "revision", revision);
        string(b, "sdp", sdp);
    }
}
