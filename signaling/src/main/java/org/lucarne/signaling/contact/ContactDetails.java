package org.lucarne.signaling.contact;

import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.ward.Language;

/**
 * What the ward knows of a family contact, checked: the phone number in E.164 ({@link PhoneNumbers}),
 * the e-mail address as {@link EmailAddresses} keeps it, and a channel the contact can be reached by.
 *
 * @param allowed whether the contact may be invited to the patient's visits
 * @throws IllegalArgumentException when the channel needs what the contact does not have
 */
public record ContactDetails(String name, Optional<String> relationship, Optional<String> phone,
                             Optional<String> email, Language language, Channel channel, boolean allowed) {
    public ContactDetails {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(relationship, "relationship");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(channel, "channel");
        if (channel == Channel.SMS && phone.isEmpty()) {
            throw new IllegalArgumentException("text messages need the contact's mobile number: give a phone, or"
                    + " choose another channel");
        }
        if (channel == Channel.EMAIL && email.isEmpty()) {
            throw new IllegalArgumentException("e-mails need the contact's address: give an email, or choose another"
                    + " channel");
        }
    }

    /** The channel to use when none is chosen: e-mail if there is an address, else text messages, else none. */
    public static Channel defaultChannel(Optional<String> phone, Optional<String> email) {
        return email.isPresent() ? Channel.EMAIL : phone.isPresent() ? Channel.SMS : Channel.NONE;
    }

    /** Ids only: no detail of a person in a log. */
    @Override
    public String toString() {
        return "ContactDetails[" + language.code() + ", " + channel.code() + (allowed ? "" : ", not allowed") + "]";
    }
}
