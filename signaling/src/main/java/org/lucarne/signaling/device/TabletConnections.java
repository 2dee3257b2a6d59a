package org.lucarne.signaling.device;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open signaling sockets of each verified tablet, so that revoking a tablet can close its
 * connections at once ({@link #closeAll}), and so that one can ask whether a tablet is online
 * ({@link #online}) and hear when that changes ({@link #onOnlineChange}).
 */
public final class TabletConnections {
    private static final Logger LOG = LoggerFactory.getLogger(TabletConnections.class);

    private final Map<String, Set<Session>> open = new ConcurrentHashMap<>();
    private volatile Consumer<String> onlineChange = tabletId -> { };

    /**
     * {@code listener} hears the id of a tablet that came online (its first socket opened) or went
     * offline (its last socket closed), on the socket's thread: it must return at once.
     */
    public void onOnlineChange(Consumer<String> listener) {
        this.onlineChange = Objects.requireNonNull(listener, "listener");
    }

    public void add(String tabletId, Session session) {
        AtomicBoolean first = new AtomicBoolean();
        open.compute(tabletId, (k, sessions) -> {
            Set<Session> s = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
            first.set(s.isEmpty());
            s.add(session);
            return s;
        });
        if (first.get()) {
            tell(tabletId);
        }
    }

    public void remove(String tabletId, Session session) {
        AtomicBoolean last = new AtomicBoolean();
        open.computeIfPresent(tabletId, (k, sessions) -> {
            sessions.remove(session);
            last.set(sessions.isEmpty());
            return sessions.isEmpty() ? null : sessions;
        });
        if (last.get()) {
            tell(tabletId);
        }
    }

    /** Whether the tablet has a socket open now. */
    public boolean online(String tabletId) {
        return count(tabletId) > 0;
    }

    private void tell(String tabletId) {
        try {
            onlineChange.accept(tabletId);
        } catch (RuntimeException e) {
            LOG.warn("tablet {}: a listener failed on its going online or offline", tabletId, e);
        }
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
