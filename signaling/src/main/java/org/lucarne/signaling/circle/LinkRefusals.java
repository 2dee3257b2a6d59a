package org.lucarne.signaling.circle;

import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;

/** Why a link may not be bound, in the words and codes of a family join's refusals (visit.JoinRules). */
final class LinkRefusals {
    static final String INVALID = "this invite link is not valid: it is mistyped or has expired; ask the ward for a new link";
    static final String REVOKED = "the ward withdrew this invite link; ask the ward for a new link";
    static final String OVER = "this visit is over";

    private LinkRefusals() {
    }

    /** The error for an invite the policy refused: revoked (or its contact removed), expired, or its visit over. */
    static Message.Error of(LinkInvite invite) {
        if (invite.revoked() || invite.contactRemoved()) {
            return new Message.Error(ErrorCode.INVITE_REVOKED, REVOKED);
        }
        if (invite.expired()) {
            return new Message.Error(ErrorCode.INVITE_INVALID, INVALID);
        }
        return new Message.Error(ErrorCode.VISIT_ENDED, OVER);
    }
}
