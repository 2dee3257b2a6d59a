package org.lucarne.signaling.call;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.lucarne.signaling.ws.protocol.CallMessage.Link;
import org.lucarne.signaling.ws.protocol.CallMessage.Role;
import org.lucarne.signaling.ws.protocol.Message;

/**
 * Someone in a visit, in the lobby or in the call. The seat (a family contact or the patient's
 * tablet) outlives connections: a participant who reconnects gets the same id back.
 */
final class Participant {
    final String id;
    final Role role;
    final String name;
    /**
     * Who the seat is, as the audit trail names its actor: {@code family:<contact id>} or
     * {@code tablet:<tablet id>} ({@code staff:<user id>} once staff join).
     */
    final String seat;
    /** The family member's device (docs/e2ee.md): with the seat, who this is; null for the patient and staff. */
    String device;
    /** The hash of the invite a family member came in with (the last one, after a reconnect); null for others. */
    String inviteHash;
    /** The connection, or null while the participant reconnects. */
    CallPeer peer;
    boolean muted;
    boolean cameraOff;
    /** Their own connection, as their browser last judged it. */
    Link link = Link.UNKNOWN;
    /** From its last {@code video_sizes}: the tallest picture it shows of each participant, by participant id. */
    Map<String, Integer> videoHeights = Map.of();
    /** The last offer's revision; grows across media sessions. */
    long revision;
    /** How many media sessions were started: the next endpoint id's suffix. */
    int sessions;
    /** The current media session, or null (in the lobby, reconnecting, or no bridge yet). */
    MediaSession media;
    /** The end of the reconnect grace, while the connection is down. */
    ScheduledFuture<?> graceTimer;

    Participant(String id, Role role, String name, String seat, CallPeer peer) {
        this.id = Objects.requireNonNull(id, "id");
        this.role = Objects.requireNonNull(role, "role");
        this.name = Objects.requireNonNull(name, "name");
        this.seat = Objects.requireNonNull(seat, "seat");
        this.peer = peer;
    }

    void send(Message m) {
        if (peer != null) {
            peer.send(m);
        }
    }

    boolean connected() {
        return peer != null;
    }

    String nextEndpointId() {
        return id + "-e" + (++sessions);
    }

    void cancelGrace() {
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
        }
    }
}
