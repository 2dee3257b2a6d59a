package org.lucarne.signaling.call;

import org.lucarne.signaling.visit.JoinDecision;

/**
 * Decides a staff {@code join} by visit id: the session must still be open, the authorization policy
 * must let this member of staff join that ward's calls (another ward's visit is {@code wrong_visit},
 * as an unknown one, and audited), and the visit must be open now.
 */
@FunctionalInterface
public interface StaffGate {
    JoinDecision admit(StaffMember member, String visitId);
}
