package org.lucarne.signaling.sso;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An SSO sign-in that stops: what the person is told ({@link #error()}) and the reason the audit
 * trail records ({@link #reason()}, one word such as {@code nonce} or {@code token_request}).
 * The message is for the log: ids and reasons only, never a name or a token.
 */
public final class SsoFailure extends Exception {
    private static final Pattern REASON = Pattern.compile("[a-z0-9_.]{1,64}");

    private final SsoError error;
    private final String reason;
    private boolean audited;

    public SsoFailure(SsoError error, String reason, String message) {
        this(error, reason, message, null);
    }

    public SsoFailure(SsoError error, String reason, String message, Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error, "error");
        if (!REASON.matcher(Objects.requireNonNull(reason, "reason")).matches()) {
            throw new IllegalArgumentException("not a reason word: " + reason);
        }
        this.reason = reason;
    }

    public SsoError error() {
        return error;
    }

    public String reason() {
        return reason;
    }

    /** Marks the failure as already in the audit trail (with its actor), so it is not recorded twice. */
    public SsoFailure audited() {
        this.audited = true;
        return this;
    }

    /** Whether {@link #audited()} was called. */
    public boolean wasAudited() {
        return audited;
    }
}
