package org.lucarne.bridge.colibri;

import java.util.List;

/**
 * A Colibri2 {@code conference-modified} response: what the bridge answers to a
 * {@link ConferenceModify}.
 *
 * @param endpoints per endpoint, what the bridge allocated for it: chiefly its local transport
 *                  (ICE ufrag and pwd, candidates, DTLS fingerprint)
 * @param sources   the bridge's own "feedback" sources (the SSRCs it sends RTCP from), when it
 *                  reports them; absent otherwise
 */
public record ConferenceModified(List<Endpoint> endpoints, Sources sources) {
    public ConferenceModified {
        endpoints = Copies.list(endpoints);
    }
}
