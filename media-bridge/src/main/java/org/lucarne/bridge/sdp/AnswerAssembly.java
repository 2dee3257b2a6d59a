package org.lucarne.bridge.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.SsrcGroup;

/** Turns the checked sections of an answer into its one transport and the endpoint's own SSRCs. */
final class AnswerAssembly {
    /** The most simulcast layers an answer may have (Chromium sends at most three, JVB takes three). */
    static final int MAX_LAYERS = 3;

    private AnswerAssembly() {
    }

    static EndpointAnswer answer(AnswerSection session, List<AnswerSection> media, List<Candidate> candidates,
                                 OfferLayout offer) throws InvalidAnswerException {
        AnswerSection first = media.stream().filter(m -> !m.rejected).findFirst().orElseThrow();
        String ufrag = orSession(first.ufrag, session.ufrag, first, "a=ice-ufrag");
        String pwd = orSession(first.pwd, session.pwd, first, "a=ice-pwd");
        List<Fingerprint> fingerprints = first.fingerprints.isEmpty() ? session.fingerprints : first.fingerprints;
        if (fingerprints.isEmpty()) {
            throw new InvalidAnswerException(first.name() + " has no a=fingerprint: DTLS could not be verified (RFC 8122 §5)");
        }
        String setup = orSession(first.setup, session.setup, first, "a=setup");
        Fingerprint.Setup role = switch (setup) {
            case "active" -> Fingerprint.Setup.ACTIVE;
            case "passive" -> Fingerprint.Setup.PASSIVE;
            default -> throw new InvalidAnswerException(first.name() + " has a=setup:" + SdpTokens.abbreviate(setup)
                    + "; an answer must say active or passive (RFC 5763 §5)");
        };
        if (!first.rtcpMux) {
            throw new InvalidAnswerException(first.name() + " has no a=rtcp-mux: the bridge only does rtcp-mux (RFC 5761 §5.1.3)");
        }
        for (AnswerSection m : media) {
            if (!m.rejected && (m.ufrag != null && !m.ufrag.equals(ufrag) || m.pwd != null && !m.pwd.equals(pwd))) {
                throw new InvalidAnswerException(m.name() + " has another a=ice-ufrag or a=ice-pwd than " + first.name()
                        + ": a BUNDLE answer has one transport (RFC 8843 §7.3)");
            }
        }
        uniqueSsrcs(media, offer.remoteSsrcs());
        List<Long> audio = sending(media, "audio");
        List<Long> video = sending(media, "video");
        List<SsrcGroup> groups = new ArrayList<>();
        for (AnswerSection m : media) {
            if (m.sends()) {
                groups.addAll(groups(m, m.kind.equals("audio") ? audio : video));
            }
        }
        List<Fingerprint> withRole = fingerprints.stream().map(f -> new Fingerprint(f.hash(), f.fingerprint(), role)).toList();
        IceUdpTransport transport = new IceUdpTransport(ufrag, pwd, true, withRole, candidates);
        return new EndpointAnswer(transport, audio, video, groups);
    }

    /** One BUNDLE group is one RTP session (RFC 8843 §9.1): an SSRC names one stream in it. */
    private static void uniqueSsrcs(List<AnswerSection> media, Set<Long> remote) throws InvalidAnswerException {
        Map<Long, AnswerSection> owner = new HashMap<>();
        for (AnswerSection m : media) {
            if (m.rejected) {
                continue;
            }
            for (Map.Entry<Long, Integer> e : m.ssrcs.entrySet()) {
                AnswerSection other = owner.putIfAbsent(e.getKey(), m);
                if (other != null) {
                    throw new InvalidAnswerException("line " + e.getValue() + ": SSRC " + e.getKey() + " of " + m.name()
                            + " is " + other.name() + "'s too (RFC 8843 §9.1)");
                }
                if (remote.contains(e.getKey())) {
                    throw new InvalidAnswerException("line " + e.getValue() + ": SSRC " + e.getKey() + " of " + m.name()
                            + " is a remote source's in the offer (RFC 8843 §9.1)");
                }
            }
        }
    }

    /** The section's groups, each over its own SSRCs; with FID (RFC 5576 §4.2) the primary goes first. */
    private static List<SsrcGroup> groups(AnswerSection m, List<Long> ssrcs) throws InvalidAnswerException {
        for (SsrcGroup g : m.groups) {
            for (Long ssrc : g.sources()) {
                if (!ssrcs.contains(ssrc)) {
                    throw new InvalidAnswerException(m.name() + ": a=ssrc-group:" + g.semantics() + " names SSRC " + ssrc
                            + ", which has no a=ssrc line in its m-section (RFC 5576 §4.2)");
                }
            }
            if (g.semantics().equals("FID")) {
                if (g.sources().size() != 2) {
                    throw new InvalidAnswerException(m.name() + ": a=ssrc-group:FID names " + g.sources().size()
                            + " SSRCs, not a primary and its RTX (RFC 5576 §4.2)");
                }
                ssrcs.remove(g.sources().get(0));
                ssrcs.add(0, g.sources().get(0));
            }
        }
        simulcast(m, ssrcs);
        return m.groups;
    }

    /**
     * A simulcast answer (the page adds it, as lib-jitsi-meet does): one {@code SIM} group of 2 to
     * {@value #MAX_LAYERS} video SSRCs, layers low → high, each at most once, none an RTX, every
     * {@code FID} protecting one of them. Its first SSRC goes first: receivers get every layer on it.
     */
    private static void simulcast(AnswerSection m, List<Long> ssrcs) throws InvalidAnswerException {
        List<SsrcGroup> sims = m.groups.stream().filter(g -> g.semantics().equals("SIM")).toList();
        if (sims.isEmpty()) {
            return;
        }
        SsrcGroup sim = sims.get(0);
        if (sims.size() > 1 || !m.kind.equals("video")) {
            throw new InvalidAnswerException(m.name() + " has " + (sims.size() > 1 ? "more than one a=ssrc-group:SIM"
                    : "an a=ssrc-group:SIM in a " + m.kind + " m-section") + ": one simulcast camera per endpoint");
        }
        List<Long> layers = sim.sources();
        if (layers.size() < 2 || layers.size() > MAX_LAYERS || new HashSet<>(layers).size() != layers.size()) {
            throw new InvalidAnswerException(m.name() + ": a=ssrc-group:SIM must name 2 to " + MAX_LAYERS
                    + " different SSRCs, one per layer (RFC 5576 §4.2)");
        }
        for (SsrcGroup g : m.groups) {
            if (g.semantics().equals("FID") && (!layers.contains(g.sources().get(0)) || layers.contains(g.sources().get(1)))) {
                throw new InvalidAnswerException(m.name() + ": a=ssrc-group:FID " + g.sources().get(0) + " "
                        + g.sources().get(1) + " does not pair a simulcast layer with an RTX SSRC of its own");
            }
        }
        ssrcs.remove(layers.get(0));
        ssrcs.add(0, layers.get(0));
    }

    private static List<Long> sending(List<AnswerSection> media, String kind) throws InvalidAnswerException {
        List<AnswerSection> senders = media.stream().filter(m -> m.sends() && kind.equals(m.kind)).toList();
        if (senders.size() > 1) {
            throw new InvalidAnswerException(senders.get(1).name() + " is a second sending " + kind
                    + " m-section; an endpoint sends one " + kind + " source");
        }
        if (senders.isEmpty()) {
            return new ArrayList<>();
        }
        AnswerSection s = senders.get(0);
        if (s.ssrcs.isEmpty()) {
            throw new InvalidAnswerException(s.name() + " is " + s.direction() + " but has no a=ssrc line: the bridge"
                    + " would drop its RTP");
        }
        return new ArrayList<>(s.ssrcs.keySet());
    }

    private static String orSession(String media, String session, AnswerSection first, String what)
            throws InvalidAnswerException {
        if (media != null) {
            return media;
        }
        if (session != null) {
            return session;
        }
        throw new InvalidAnswerException(first.name() + " has no " + what);
    }
}
