package org.lucarne.signaling.demo;

import java.time.Instant;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.invite.LinkSecret;

/**
 * The demo's visit: who is in the bed, who visits, and a fresh invite for the visitor.
 * {@link #toString()} shows neither the invite id nor the secret.
 */
public record DemoVisit(String patientName, String contactName, InviteId inviteId, LinkSecret secret,
        String tabletId, String patientId, String contactId, String wardName, String bedLabel,
        Instant notBefore, Instant notAfter) {

    /** {@code https://HOST/v/{inviteId}#{secret}}: the link to print for the family browser. */
    public String familyLink(String publicOrigin) {
        return Invite.link(publicOrigin, inviteId, secret);
    }
}
