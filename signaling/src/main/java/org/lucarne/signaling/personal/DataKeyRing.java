package org.lucarne.signaling.personal;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The data keys a server holds: the current one, which seals every new value, and during a
 * rotation ({@code ./lucarne keys rotate}) the pending one that is replacing it. Any key of the
 * ring opens a value sealed under it. Immutable.
 */
public record DataKeyRing(String current, Optional<String> pending, Map<String, DataKey> keys) {

    public DataKeyRing {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(pending, "pending");
        Map<String, DataKey> copy = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        keys = copy;
        if (!copy.containsKey(current)) {
            throw new IllegalArgumentException("the current data key " + current + " is not in the ring " + copy.keySet());
        }
        if (pending.isPresent() && (!copy.containsKey(pending.get()) || pending.get().equals(current))) {
            throw new IllegalArgumentException("the pending data key " + pending.get() + " must be in the ring and not"
                    + " current");
        }
    }

    /** A ring of one new random key, {@code k1}. */
    public static DataKeyRing generate(SecureRandom random) {
        DataKey k = DataKey.generate("k1", random);
        return new DataKeyRing(k.id(), Optional.empty(), Map.of(k.id(), k));
    }

    public DataKey currentKey() {
        return keys.get(current);
    }

    public Optional<DataKey> pendingKey() {
        return pending.map(keys::get);
    }

    public Optional<DataKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** This ring with a new random key pending, numbered after every key it has. */
    public DataKeyRing withNewPending(SecureRandom random) {
        int next = keys.values().stream().mapToInt(DataKey::number).max().orElse(0) + 1;
        DataKey k = DataKey.generate("k" + next, random);
        Map<String, DataKey> all = new LinkedHashMap<>(keys);
        pending.ifPresent(all::remove);
        all.put(k.id(), k);
        return new DataKeyRing(current, Optional.of(k.id()), all);
    }

    /** The rotation finished: the pending key alone, as current. */
    public DataKeyRing promotePending() {
        DataKey p = pendingKey().orElseThrow(() -> new IllegalStateException("no pending data key"));
        return new DataKeyRing(p.id(), Optional.empty(), Map.of(p.id(), p));
    }

    /** The rotation did not happen: the current key alone. */
    public DataKeyRing dropPending() {
        DataKey c = currentKey();
        return new DataKeyRing(c.id(), Optional.empty(), Map.of(c.id(), c));
    }
}
