package org.lucarne.signaling.circle;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One socket's side of the device proof (docs/e2ee.md, "Binding a link to a browser"): its current challenge
 * (32 random bytes, valid {@link #CHALLENGE_LIFE}, good once, for this socket only) and the device it proved, if
 * any. The relay reads {@link #proven()}: the sender of every envelope on this socket.
 */
public final class SocketDevice {
    public static final Duration CHALLENGE_LIFE = Duration.ofSeconds(60);
    static final int NONCE_BYTES = 32;

    private byte[] nonce;
    private long expiresAt;
    private volatile CircleDevice proven;
    private volatile String waiting;
    private volatile Consumer<CircleDevice> whenProven = device -> { };

    /**
     * {@code listener} hears each device this socket proves, whatever the thread: its own message, or a decision
     * elsewhere (the patient or staff letting a waiting device in). Set once, by the connection.
     */
    public void whenProven(Consumer<CircleDevice> listener) {
        whenProven = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** A fresh challenge, replacing any earlier one. */
    synchronized byte[] challenge(Clock clock, SecureRandom random) {
        nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        expiresAt = clock.millis() + CHALLENGE_LIFE.toMillis();
        return nonce.clone();
    }

    /** The live challenge, which this takes: a second proof needs a new one. Empty if none or expired. */
    synchronized Optional<byte[]> take(Clock clock) {
        byte[] n = nonce;
        nonce = null;
        return n != null && clock.millis() < expiresAt ? Optional.of(n) : Optional.empty();
    }

    /** The member device this socket proved (by proof, binding, admission or a kiosk's identity), if any. */
    public Optional<CircleDevice> proven() {
        return Optional.ofNullable(proven);
    }

    void prove(CircleDevice device) {
        proven = device;
        waiting = null;
        whenProven.accept(device);
    }

    void forget() {
        proven = null;
    }

    /** The device id that waits on this socket to be let in, if any. */
    Optional<String> waiting() {
        return Optional.ofNullable(waiting);
    }

    void waitAs(String deviceId) {
        waiting = deviceId;
    }
}
