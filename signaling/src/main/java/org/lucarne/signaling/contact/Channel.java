package org.lucarne.signaling.contact;

import java.util.Optional;

/** How a family contact prefers to get their invitation links and reminders. */
public enum Channel {
    /** A text message to their mobile: needs a phone number. */
    SMS("sms"),
    /** An e-mail: needs an e-mail address. */
    EMAIL("email"),
    /** Nothing is sent: staff give the link by hand. */
    NONE("none");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Channel> of(String code) {
        for (Channel ch : values()) {
            if (ch.code.equals(code)) {
                return Optional.of(ch);
            }
        }
        return Optional.empty();
    }
}
