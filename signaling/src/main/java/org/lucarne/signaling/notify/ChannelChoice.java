package org.lucarne.signaling.notify;

import java.util.Optional;

/**
 * Which way a message goes to a contact: the channel they prefer when the server has it and the contact
 * has the address, else the other one, else the outbox (for staff to pass on). A contact who prefers
 * {@code none} gets no message at all: staff give them the link themselves.
 *
 * @param sms   whether an SMS gateway is configured
 * @param email whether a mail server is configured
 */
record ChannelChoice(boolean sms, boolean email) {
    /** The contact's {@code family_contact.channel}: {@code sms}, {@code email} or {@code none}. */
    static final String NONE = "none";

    Optional<Channel> choose(String preferred, boolean hasPhone, boolean hasEmail) {
        if (NONE.equals(preferred)) {
            return Optional.empty();
        }
        boolean canSms = sms && hasPhone;
        boolean canEmail = email && hasEmail;
        if ("sms".equals(preferred) && canSms) {
            return Optional.of(Channel.SMS);
        }
        if (canEmail) {
            return Optional.of(Channel.EMAIL);
        }
        if (canSms) {
            return Optional.of(Channel.SMS);
        }
        return Optional.of(Channel.OUTBOX);
    }
}
