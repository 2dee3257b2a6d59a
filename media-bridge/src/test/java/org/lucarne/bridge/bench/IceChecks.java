package org.lucarne.bridge.bench;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * ICE connectivity checks for a peer with one host candidate and one remote candidate (RFC 8445
 * §7): sends Binding requests (with USE-CANDIDATE when controlling: aggressive nomination, as a
 * browser's only pair would be) and answers the other side's. Connected when one of our checks got
 * its authenticated answer and, when controlled, the other side nominated the pair.
 */
final class IceChecks {
    /** RFC 8445 §5.1.2.1: host type preference 126, local preference 65535, component 1. */
    static final long HOST_PRIORITY = (126L << 24) + (65535L << 8) + 255;
    /** Later checks keep the pair alive for agents that watch consent (RFC 7675 §5.1: every 5 s or less). */
    static final long KEEPALIVE_NANOS = 2_500_000_000L;
    private static final long RETRY_NANOS = 50_000_000L;

    private final String localUfrag;
    private final String localPwd;
    private final boolean controlling;
    private final long tieBreaker;
    private final SecureRandom random;
    private final CompletableFuture<InetSocketAddress> connected = new CompletableFuture<>();

    private volatile RemoteDescription remote;
    private volatile byte[] pendingTransaction = new byte[0];
    private volatile boolean checkSucceeded;
    private volatile boolean nominated;
    private volatile long nextCheckNanos;

    IceChecks(String localUfrag, String localPwd, boolean controlling, SecureRandom random) {
        this.localUfrag = localUfrag;
        this.localPwd = localPwd;
        this.controlling = controlling;
        this.random = random;
        this.tieBreaker = random.nextLong();
    }

    boolean controlling() {
        return controlling;
    }

    /** Completes with the peer's address once checks succeeded (see the class comment). */
    CompletableFuture<InetSocketAddress> connected() {
        return connected;
    }

    /** Where checks go until a pair is selected; null before {@link #start}. */
    InetSocketAddress remoteCandidate() {
        RemoteDescription r = remote;
        return r == null ? null : r.candidate();
    }

    void start(RemoteDescription remote) {
        this.remote = remote;
        this.nextCheckNanos = 0;
    }

    /** The next Binding request to send, if one is due at {@code now}; else null. */
    byte[] dueCheck(long now) {
        RemoteDescription r = remote;
        if (r == null || now < nextCheckNanos) {
            return null;
        }
        nextCheckNanos = now + (connected.isDone() ? KEEPALIVE_NANOS : RETRY_NANOS);
        byte[] tx = new byte[12];
        random.nextBytes(tx);
        pendingTransaction = tx;
        // RFC 8445 §7.2.2: USERNAME is "remote ufrag:local ufrag", signed with the remote password.
        return StunMessage.bindingRequest(tx, r.ufrag() + ":" + localUfrag, r.pwd(), HOST_PRIORITY, controlling,
                tieBreaker, controlling);
    }

    /**
     * Handles one STUN datagram from {@code from}: returns the response to send back (for a valid
     * request), or null. Bad or unauthenticated messages are ignored, as an agent must (RFC 8489 §6.3).
     */
    byte[] onStun(byte[] datagram, int length, InetSocketAddress from) {
        StunMessage m;
        try {
            m = StunMessage.parse(datagram, length);
        } catch (IllegalArgumentException e) {
            return null;
        }
        RemoteDescription r = remote;
        if (m.type == StunMessage.BINDING_REQUEST) {
            String user = m.username();
            if (user == null || !user.startsWith(localUfrag + ":") || !m.verifies(localPwd)) {
                return null;
            }
            if (m.useCandidate()) {
                nominated = true;
                maybeConnected(from);
            }
            return StunMessage.bindingSuccess(m.transactionId, from, localPwd);
        }
        if (m.type == StunMessage.BINDING_SUCCESS && r != null && Arrays.equals(m.transactionId, pendingTransaction)
                && m.verifies(r.pwd())) {
            checkSucceeded = true;
            maybeConnected(from);
        }
        return null;
    }

    private void maybeConnected(InetSocketAddress from) {
        if (checkSucceeded && (controlling || nominated)) {
            connected.complete(from);
        }
    }
}
