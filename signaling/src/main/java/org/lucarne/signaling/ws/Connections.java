package org.lucarne.signaling.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every open signaling socket, so a shutdown can close them all with a close code. */
public final class Connections {
    private final Set<Session> open = ConcurrentHashMap.newKeySet();

    void add(Session s) {
        open.add(s);
    }

    void remove(Session s) {
        open.remove(s);
    }

    public int count() {
        return open.size();
    }

    /** Closes every socket with {@code code}; the clients reconnect to another node or later. */
    public void closeAll(int code, String reason) {
        for (Session s : open) {
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }
}
