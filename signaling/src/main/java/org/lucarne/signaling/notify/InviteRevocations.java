package org.lucarne.signaling.notify;

/** Told after an invite was revoked: whoever joined the visit's call with it is taken out (the call focus). */
@FunctionalInterface
public interface InviteRevocations {
    void revoked(String visitId, String inviteIdHash);
}
