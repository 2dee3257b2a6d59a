package org.lucarne.signaling.ws;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lucarne.signaling.call.StaffMember;
import org.lucarne.signaling.ws.protocol.Message;

/**
 * The open staff sockets of each session, so that a session's end (sign-out, an admin, a password
 * change, disabling, a timeout) closes them at once: an open socket is not a licence. Each is taken
 * out of its calls and closed with 1008 "signed out" ({@link SignalingConnection#signedOut()}). What
 * the server pushes to staff ({@code ward_changed}) goes to these sockets too.
 */
public final class StaffSockets {
    /** What the registry asks about a session when a socket says hello as staff. */
    public interface Directory {
        /** The member of staff of this session if it is open now (counts as activity), else empty. */
        Optional<StaffMember> greet(String sessionHash, String address);

        /** The member of staff is in a call: their session is active. */
        void keepAlive(String sessionHash);
    }

    private final Directory directory;
    private final Map<String, Set<SignalingConnection>> open = new ConcurrentHashMap<>();

    public StaffSockets(Directory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * A socket of this session said hello as staff. It is registered before the session is checked, so
     * an end that comes at the same moment either is seen by the check or finds the socket to close.
     */
    Optional<StaffMember> greet(SignalingConnection c, String sessionHash, String address) {
        open.computeIfAbsent(sessionHash, k -> ConcurrentHashMap.newKeySet()).add(c);
        Optional<StaffMember> m = directory.greet(sessionHash, address);
        if (m.isEmpty()) {
            forget(sessionHash, c);
        }
        return m;
    }

    void keepAlive(String sessionHash) {
        directory.keepAlive(sessionHash);
    }

    void forget(String sessionHash, SignalingConnection c) {
        open.computeIfPresent(sessionHash, (k, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
    }

    /** The session ended: its sockets leave their calls and close. */
    public void sessionEnded(String sessionHash) {
        Set<SignalingConnection> sockets = open.remove(sessionHash);
        if (sockets != null) {
            sockets.forEach(SignalingConnection::signedOut);
        }
    }

    /** The sessions that have a staff socket open now (token hashes). */
    public Set<String> sessions() {
        return Set.copyOf(open.keySet());
    }

    /** Sends {@code message} to every staff socket of this session open now; never blocks. */
    public void send(String sessionHash, Message message) {
        Set<SignalingConnection> sockets = open.get(sessionHash);
        if (sockets != null) {
            sockets.forEach(c -> c.send(message));
        }
    }

    /** How many staff sockets this session has open. */
    public int count(String sessionHash) {
        Set<SignalingConnection> s = open.get(sessionHash);
        return s == null ? 0 : s.size();
    }
}
