package org.lucarne.bridge.conference;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lucarne.bridge.colibri.ConferenceModify;
import org.lucarne.bridge.colibri.Endpoint;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;

/**
 * The checks of a request's meaning against a conference's state, all made before anything
 * changes, so that a refused request leaves no trace. The codec has already checked each field.
 */
final class RequestCheck {
    private RequestCheck() {
    }

    /**
     * @param endpoints the conference's current endpoints (empty for one being created)
     */
    static void check(ConferenceModify request, Map<String, ConferenceEndpoint> endpoints)
            throws ConferenceRequestException {
        if (request.create() && request.expire()) {
            throw ConferenceRequestException.badRequest("create and expire cannot both be true");
        }
        List<Endpoint> list = request.endpoints();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Endpoint e = list.get(i);
            String at = "endpoints[" + i + "]";
            if (!seen.add(e.id())) {
                throw ConferenceRequestException.badRequest(at + ".id '" + e.id() + "' appears twice in the request");
            }
            if (e.create() && e.expire()) {
                throw ConferenceRequestException.badRequest(at + " cannot be both created and expired");
            }
            if (request.expire() && changes(e)) {
                throw ConferenceRequestException.badRequest(at
                        + " creates or changes an endpoint in a request that expires the conference");
            }
        }
        // JVB's rule: a request may expire many endpoints, but create or change one at most.
        if (list.size() > 1 && list.stream().anyMatch(RequestCheck::changes)) {
            throw ConferenceRequestException.badRequest("Creating or updating media, sources or transport for more "
                    + "than one endpoint in a request is not supported");
        }
        for (int i = 0; i < list.size(); i++) {
            checkEndpoint(i, list.get(i), endpoints);
        }
    }

    /** Whether an endpoint entry creates or changes something (an unknown one is then an error, as in JVB). */
    static boolean changes(Endpoint e) {
        return e.create() || !e.medias().isEmpty() || e.transport() != null || e.sources() != null;
    }

    private static void checkEndpoint(int i, Endpoint e, Map<String, ConferenceEndpoint> endpoints)
            throws ConferenceRequestException {
        String at = "endpoints[" + i + "]";
        if (e.expire()) {
            return;
        }
        if (e.create()) {
            if (endpoints.containsKey(e.id())) {
                throw ConferenceRequestException.conflict(at + ": Endpoint with ID " + e.id() + " already exists");
            }
            if (e.transport() == null) {
                throw ConferenceRequestException.badRequest(at + ".transport is missing: Attempt to create endpoint "
                        + e.id() + " with no <transport>");
            }
        } else if (!endpoints.containsKey(e.id()) && changes(e)) {
            throw ConferenceRequestException.badRequest(at + ".id: Unknown endpoint " + e.id());
        }
        if (e.sources() != null) {
            checkSources(at + ".sources", e.id(), e.sources().mediaSources(), endpoints);
        }
    }

    private static void checkSources(String at, String endpointId, List<MediaSource> sources,
                                     Map<String, ConferenceEndpoint> endpoints) throws ConferenceRequestException {
        Map<Long, String> taken = new HashMap<>();
        for (ConferenceEndpoint other : endpoints.values()) {
            if (!other.id().equals(endpointId)) {
                for (MediaSource m : other.sources()) {
                    m.sources().forEach(s -> taken.put(s.ssrc(), other.id()));
                }
            }
        }
        Set<String> names = new HashSet<>();
        Set<Long> ssrcs = new HashSet<>();
        for (int j = 0; j < sources.size(); j++) {
            MediaSource m = sources.get(j);
            String ms = at + "[" + j + "]";
            if (!names.add(m.id())) {
                throw ConferenceRequestException.badRequest(ms + ".id '" + m.id() + "' appears twice");
            }
            Set<Long> own = new HashSet<>();
            for (int k = 0; k < m.sources().size(); k++) {
                Source s = m.sources().get(k);
                String ss = ms + ".sources[" + k + "].ssrc " + s.ssrc();
                if (!ssrcs.add(s.ssrc())) {
                    throw ConferenceRequestException.badRequest(ss + " appears twice in the endpoint's sources");
                }
                String owner = taken.get(s.ssrc());
                if (owner != null) {
                    throw ConferenceRequestException.badRequest(ss + " is already announced by endpoint " + owner);
                }
                own.add(s.ssrc());
            }
            for (int g = 0; g < m.ssrcGroups().size(); g++) {
                SsrcGroup group = m.ssrcGroups().get(g);
                for (int k = 0; k < group.sources().size(); k++) {
                    long ssrc = group.sources().get(k);
                    if (!own.contains(ssrc)) {
                        throw ConferenceRequestException.badRequest(ms + ".ssrc-groups[" + g + "].sources[" + k + "] "
                                + ssrc + " is not one of the SSRCs of source " + m.id());
                    }
                }
            }
        }
    }
}
