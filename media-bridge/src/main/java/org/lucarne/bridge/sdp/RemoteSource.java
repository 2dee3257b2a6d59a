package org.lucarne.bridge.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.Sources;
import org.lucarne.bridge.colibri.SsrcGroup;

/**
 * One source of another endpoint, as an endpoint receives it: it gets an m-section of its own in
 * the offer, with its SSRCs ({@code a=ssrc}, RFC 5576 §4.1), their groups ({@code a=ssrc-group},
 * RFC 5576 §4.2: FID pairs a camera with its RTX) and an msid (RFC 8830 §2).
 *
 * @param endpointId the sending endpoint's Colibri2 id; also the offer's cname and, unless the
 *                   source names its own msid, the msid stream id
 * @param source     the Colibri2 source, with at least one SSRC
 */
public record RemoteSource(String endpointId, MediaSource source) {
    public RemoteSource {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(source, "source");
        if (!SdpTokens.token(endpointId)) {
            throw new IllegalArgumentException("endpoint id \"" + SdpTokens.abbreviate(endpointId)
                    + "\" cannot go into SDP: it must be 1 to 64 token characters (RFC 8866 §9)");
        }
        String where = endpointId + "'s source " + SdpTokens.abbreviate(source.id());
        if (!SdpTokens.token(source.id())) {
            throw new IllegalArgumentException(where + ": a source id must be 1 to 64 token characters (RFC 8866 §9)");
        }
        if (source.sources().isEmpty()) {
            throw new IllegalArgumentException(where + " has no SSRC: it cannot be offered");
        }
        List<Long> ssrcs = new ArrayList<>();
        for (Source s : source.sources()) {
            if (!SdpTokens.ssrc(s.ssrc())) {
                throw new IllegalArgumentException(where + " has SSRC " + s.ssrc() + ", outside 0 to 4294967295");
            }
            if (ssrcs.contains(s.ssrc())) {
                throw new IllegalArgumentException(where + " lists SSRC " + s.ssrc() + " twice");
            }
            ssrcs.add(s.ssrc());
        }
        for (SsrcGroup g : source.ssrcGroups()) {
            if (!SdpTokens.token(g.semantics()) || g.sources().isEmpty() || !ssrcs.containsAll(g.sources())) {
                throw new IllegalArgumentException(where + " has an ssrc-group " + SdpTokens.abbreviate(g.semantics())
                        + " that is not a semantics token over its own SSRCs (RFC 5576 §4.2)");
            }
        }
        String[] msid = msid(endpointId, source).split(" ", -1);
        if (msid.length != 2 || !SdpTokens.token(msid[0]) || !SdpTokens.token(msid[1])) {
            throw new IllegalArgumentException(where + " has msid \"" + SdpTokens.abbreviate(msid(endpointId, source))
                    + "\", not \"<stream id> <track id>\" in token characters (RFC 8830 §2)");
        }
    }

    /**
     * Every source of one endpoint, in order, as the Colibri2 answer or the endpoint's answer gave
     * them, each as a receiver is offered it: a simulcast source only with its first layer's SSRC
     * and that SSRC's RTX, which the bridge forwards every layer on (as JVB does).
     */
    public static List<RemoteSource> of(String endpointId, Sources sources) {
        return sources.mediaSources().stream().map(s -> new RemoteSource(endpointId, received(s))).toList();
    }

    /** The source as a receiver sees it: without a {@code SIM} group (RFC 5576 §4.2), only its first SSRC and RTX. */
    static MediaSource received(MediaSource source) {
        SsrcGroup sim = source.ssrcGroups().stream().filter(g -> g.semantics().equals("SIM") && !g.sources().isEmpty())
                .findFirst().orElse(null);
        if (sim == null) {
            return source;
        }
        long primary = sim.sources().get(0);
        List<SsrcGroup> groups = source.ssrcGroups().stream()
                .filter(g -> g.semantics().equals("FID") && !g.sources().isEmpty() && g.sources().get(0) == primary)
                .toList();
        List<Long> kept = new ArrayList<>(List.of(primary));
        groups.forEach(g -> kept.addAll(g.sources().subList(1, g.sources().size())));
        List<Source> ssrcs = source.sources().stream().filter(s -> kept.contains(s.ssrc())).toList();
        return new MediaSource(source.type(), source.id(), ssrcs, groups);
    }

    /** The SSRCs of the source, in order. */
    public List<Long> ssrcs() {
        return source.sources().stream().map(Source::ssrc).toList();
    }

    /** The source's own msid when one of its SSRCs names one, else stream = endpoint id, track = source id. */
    public String msid() {
        return msid(endpointId, source);
    }

    /** What identifies the source across offers: its endpoint and source ids. */
    String key() {
        return endpointId + " " + source.id();
    }

    private static String msid(String endpointId, MediaSource source) {
        for (Source s : source.sources()) {
            String msid = s.parameters().get("msid");
            if (msid != null) {
                return msid;
            }
        }
        return endpointId + " " + source.id();
    }
}
