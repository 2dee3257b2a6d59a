package org.lucarne.signaling.device;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open signaling sockets of each verified tablet, so that revoking a tablet can close its
 * connections at once ({@link #closeAll}), and so that one can ask whether a tablet is online.
 */
public final class TabletConnections {
    private final Map<String, Set<Session>> open = new ConcurrentHashMap<>();

    public void add(String tabletId, Session session) {
        open.computeIfAbsent(tabletId, k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    public void remove(String tabletId, Session session) {
        open.computeIfPresent(tabletId, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** How many sockets the tablet has open now. */
    public int count(String tabletId) {
        Set<Session> sessions = open.get(tabletId);
        return sessions == null ? 0 : sessions.size();
    }

    /** Closes every socket of the tablet with {@code code} (e.g. 1008 when it was revoked). */
    public void closeAll(String tabletId, int code, String reason) {
        Set<Session> sessions = open.get(tabletId);
        if (sessions == null) {
            return;
        }
        for (Session s : sessions) {
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }
}
