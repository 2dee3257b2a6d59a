package org.lucarne.bridge.api;

import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.lucarne.bridge.colibri.Colibri2Codec;
import org.lucarne.bridge.colibri.Colibri2Exception;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.ConferenceModify;
import org.lucarne.bridge.conference.ConferenceRequestException;
import org.lucarne.bridge.conference.Conferences;

/**
 * Colibri2 over HTTP, as JVB serves it (its {@code doc/rest-colibri2.md}): {@code POST
 * /colibri/v2/conferences} and {@code PATCH /colibri/v2/conferences/{meetingId}}, a
 * conference-modify in, a conference-modified out.
 */
final class ColibriHandler {
    private final Conferences conferences;
    private final Colibri2Codec codec;
    private final int maxBodyBytes;

    ColibriHandler(Conferences conferences, int maxBodyBytes) {
        this.conferences = conferences;
        this.codec = new Colibri2Codec(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code meetingId} is null for a POST (the body names the conference). */
    void modify(String meetingId, Request request, Response response, Callback callback) throws IOException {
        ConferenceModify modify;
        try {
            modify = codec.decodeRequest(RequestBodies.readJson(request, maxBodyBytes));
        } catch (RequestBodies.Refused e) {
            JsonAnswers.refuseUnread(request, response, callback, e.status, e.getMessage());
            return;
        } catch (Colibri2Exception e) {
            JsonAnswers.error(response, callback, 400, e.getMessage());
            return;
        }
        ConferenceModified answer;
        try {
            answer = meetingId == null ? conferences.post(modify) : conferences.patch(meetingId, modify);
        } catch (ConferenceRequestException e) {
            JsonAnswers.error(response, callback, e.status(), e.getMessage());
            return;
        }
        JsonAnswers.send(response, callback, 200, codec.encodeResponse(answer));
    }
}
