package org.lucarne.bridge.colibri;

import java.util.List;

/**
 * A Colibri2 {@code conference-modify} request: the body of {@code POST /colibri/v2/conferences}
 * (create, with {@code create: true}) or {@code PATCH /colibri/v2/conferences/{meetingId}}.
 *
 * @param meetingId the conference's id ({@code meeting-id}); absent in a PATCH, whose URL names it
 * @param name      the conference's display name, for logs and statistics; may be absent
 * @param create    the conference is to be created ({@code create}; written only when true)
 * @param expire    the conference is to be ended ({@code expire}; written only when true)
 * @param endpoints endpoints to create, change or expire
 */
public record ConferenceModify(String meetingId, String name, boolean create, boolean expire, List<Endpoint> endpoints) {
    public ConferenceModify {
        endpoints = Copies.list(endpoints);
    }

    /** A request that ends the conference named by the URL (JVB's documented PATCH body). */
    public static ConferenceModify expireConference() {
        return new ConferenceModify(null, null, false, true, List.of());
    }
}
