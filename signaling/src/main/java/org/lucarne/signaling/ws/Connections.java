package org.lucarne.signaling.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Every open signaling socket, so a shutdown can close them all with a close code. */
public final class Connections {
    private final Set<Session> open = ConcurrentHashMap.newKeySet();
    private final LongAdder opened = new LongAdder();

    void add(Session s) {
        open.add(s);
        opened.increment();
    }

    void remove(Session s) {
        open.remove(s);
    }

    public int count() {
        return open.size();
    }

    /** Sockets ever opened since start; unlike {@link #count()} it never goes down. */
    public long openedTotal() {
        return opened.sum();
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
