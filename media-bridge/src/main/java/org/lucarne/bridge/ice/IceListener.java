package org.lucarne.bridge.ice;

/**
 * Told about state changes of an {@link IceSession}. Called on an ice4j thread: do not block.
 */
@FunctionalInterface
public interface IceListener {
    void stateChanged(IceSession session, IceState state);
}
