package org.lucarne.bridge.conference;

/**
 * A Colibri2 request the bridge refused; nothing was changed. The status is the HTTP answer
 * (400, 404, 409, or 500 when the bridge itself failed); the message says what was wrong, starting
 * with the JSON path where there is one.
 */
public final class ConferenceRequestException extends Exception {
    private final int status;

    ConferenceRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ConferenceRequestException badRequest(String message) {
        return new ConferenceRequestException(400, message);
    }

    static ConferenceRequestException notFound(String message) {
        return new ConferenceRequestException(404, message);
    }

    static ConferenceRequestException conflict(String message) {
        return new ConferenceRequestException(409, message);
    }

    static ConferenceRequestException failed(String message) {
        return new ConferenceRequestException(500, message);
    }

    public int status() {
        return status;
    }
}
