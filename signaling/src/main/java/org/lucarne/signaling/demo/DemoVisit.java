package org.lucarne.signaling.demo;

import java.time.Instant;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.invite.LinkSecret;

/**
 * The demo's visit: who is in the bed, who visits, the booked visit and a fresh invite to it
 * for the visitor. {@link #toString()} shows neither the invite id nor the secret.
 *
 * @param notBefore  start of the invite's window
 * @param notAfter   end of the invite's window
 * @param visitId    the visit the invite admits to
 * @param visitStart start of the visit's slot
 * @param visitEnd   end of the visit's slot
 */
public record DemoVisit(String patientName, String contactName, InviteId inviteId, LinkSecret secret,
        String tabletId, String patientId, String contactId, String wardName, String bedLabel,
        Instant notBefore, Instant notAfter, String visitId, Instant visitStart, Instant visitEnd) {

    /** {@code https://HOST/v/{inviteId}#{secret}}: the link to print for the family browser. */
    public String familyLink(String publicOrigin) {
        return Invite.link(publicOrigin, inviteId, secret);
    }
}
