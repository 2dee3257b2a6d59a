package org.lucarne.bridge.sdp;

/**
 * A browser's SDP answer the focus cannot use. The message names the line (or the m-section)
 * and what is wrong with it, and is safe to log: it quotes at most 40 characters of the answer.
 */
public final class InvalidAnswerException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidAnswerException(String message) {
        super(message);
    }
}
