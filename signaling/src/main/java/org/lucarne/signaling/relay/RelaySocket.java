package org.lucarne.signaling.relay;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.lucarne.signaling.circle.CircleDevice;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.RelayMessage;

/**
 * One socket of a proven device, as the relay sees it: where to send, and its delivery window. Envelopes go out in
 * seq order, at most {@value #MAX_IN_FLIGHT} unacknowledged at a time; each acknowledgement makes room for more. A
 * new socket starts again from the queue's head, so what a closed socket had in flight is delivered again.
 */
public final class RelaySocket {
    /** The most envelopes sent to one socket and not yet acknowledged. */
    public static final int MAX_IN_FLIGHT = 30;

    private final String device;
    private final CircleDevice member;
    private final Consumer<Message> out;
    private final Set<Long> inFlight = new LinkedHashSet<>();
    private final Set<String> linkSecretsSent = new HashSet<>();
    private long lastSent;
    private volatile boolean closed;

    RelaySocket(CircleDevice member, Consumer<Message> out) {
        this.device = member.deviceId();
        this.member = member;
        this.out = out;
    }

    /** The device this socket proved, base64url. */
    public String device() {
        return device;
    }

    CircleDevice member() {
        return member;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    void send(Message m) {
        if (!closed) {
            out.accept(m);
        }
    }

    /** How many more envelopes may go out now, and after which seq they start. */
    synchronized long[] window() {
        return new long[] {MAX_IN_FLIGHT - inFlight.size(), lastSent};
    }

    /** Sends these envelopes (read after {@link #window()}'s seq) unless another pump sent them first. */
    synchronized void deliver(List<EnvelopeQueue.Queued> queued) {
        for (EnvelopeQueue.Queued q : queued) {
            if (q.seq() <= lastSent || inFlight.size() >= MAX_IN_FLIGHT) {
                continue;
            }
            inFlight.add(q.seq());
            lastSent = q.seq();
            send(new RelayMessage.Deliver(q.seq(), q.queuedAt(), Base64Url.encode(q.envelope())));
        }
    }

    synchronized void acknowledged(List<Long> seqs) {
        seqs.forEach(inFlight::remove);
    }

    /** Whether this link secret's value is new to this socket (each is sent once a socket). */
    synchronized boolean firstTime(String inviteHash) {
        return linkSecretsSent.add(inviteHash);
    }
}
