package org.lucarne.bridge.browser.focus;

/** A page's SDP answer the focus cannot use; the message names the line and what is wrong with it. */
public final class InvalidAnswerException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidAnswerException(String message) {
        super(message);
    }
}
