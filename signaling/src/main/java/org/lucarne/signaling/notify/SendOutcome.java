package org.lucarne.signaling.notify;

import java.util.Objects;
import java.util.Optional;

/** What became of one try at sending a message. */
sealed interface SendOutcome permits SendOutcome.Sent, SendOutcome.Failed {

    /** Handed over (to the gateway, the mail server or the outbox); the gateway's id when it gave one. */
    record Sent(Optional<String> gatewayId) implements SendOutcome {
        public Sent {
            Objects.requireNonNull(gatewayId, "gatewayId");
        }
    }

    /**
     * Not sent.
     *
     * @param passing whether trying again later may help (unreachable, busy, timed out), or not (refused)
     * @param code    a stable code for the console's translation ({@code gateway_refused}, …)
     * @param words   what happened, in English, for staff and the log: never a name, number or address
     */
    record Failed(boolean passing, String code, String words) implements SendOutcome {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(words, "words");
        }

        static Failed passing(String code, String words) {
            return new Failed(true, code, words);
        }

        static Failed permanent(String code, String words) {
            return new Failed(false, code, words);
        }
    }
}
