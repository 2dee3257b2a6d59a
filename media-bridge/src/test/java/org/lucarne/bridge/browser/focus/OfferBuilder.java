package org.lucarne.bridge.browser.focus;

import java.util.List;
import java.util.stream.Collectors;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.PayloadType;
import org.lucarne.bridge.colibri.RtcpFb;
import org.lucarne.bridge.colibri.RtpHdrExt;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;

/**
 * Builds the SDP offer a page answers (Jitsi's model: the bridge's side offers, the browser
 * answers), unified plan, everything BUNDLEd on the bridge's one ICE transport.
 *
 * <p>Slot 0 is the page's own audio and video (mids 0 and 1): the page sends on them and receives
 * one remote participant there. Every further slot k (mids 2k and 2k+1) only carries a remote
 * participant to the page. A free slot stays in the offer (m-sections are never removed, RFC 8829
 * §5.2.2) as {@code recvonly} (slot 0) or {@code inactive}.
 */
public final class OfferBuilder {
    private static final String CRLF = "\r\n";

    private OfferBuilder() {
    }

    /**
     * @param sessionId the o= line's session id, the same for every offer to one page
     * @param version   one more than the last offer's (RFC 8866 §5.2)
     * @param bridge    the bridge's transport for this page's endpoint, from the Colibri2 answer
     * @param slots     a remote participant per slot, null for a free slot; at least slot 0
     */
    public static String offer(long sessionId, long version, IceUdpTransport bridge, List<RemoteEndpoint> slots) {
        check(bridge);
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least slot 0, the page's own audio and video");
        }
        StringBuilder sdp = new StringBuilder(2048);
        line(sdp, "v=0");
        line(sdp, "o=- " + sessionId + " " + version + " IN IP4 0.0.0.0");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        StringBuilder mids = new StringBuilder();
        for (int i = 0; i < 2 * slots.size(); i++) {
            mids.append(' ').append(i);
        }
        line(sdp, "a=group:BUNDLE" + mids); // RFC 8843 §7.1
        line(sdp, "a=msid-semantic: WMS *");
        for (int slot = 0; slot < slots.size(); slot++) {
            RemoteEndpoint remote = slots.get(slot);
            String direction = remote != null ? (slot == 0 ? "sendrecv" : "sendonly") : (slot == 0 ? "recvonly" : "inactive");
            media(sdp, MediaType.AUDIO, 2 * slot, direction, bridge, remote);
            media(sdp, MediaType.VIDEO, 2 * slot + 1, direction, bridge, remote);
        }
        return sdp.toString();
    }

    private static void media(StringBuilder sdp, MediaType type, int mid, String direction, IceUdpTransport bridge,
                              RemoteEndpoint remote) {
        List<PayloadType> types = CallCodecs.payloadTypes(type);
        line(sdp, "m=" + type.wireName() + " 9 UDP/TLS/RTP/SAVPF "
                + types.stream().map(t -> Integer.toString(t.id())).collect(Collectors.joining(" ")));
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
        line(sdp, "a=ice-ufrag:" + bridge.ufrag());
        line(sdp, "a=ice-pwd:" + bridge.pwd());
        for (Fingerprint f : bridge.fingerprints()) {
            line(sdp, "a=fingerprint:" + f.hash() + " " + f.fingerprint()); // RFC 8122 §5
        }
        line(sdp, "a=setup:actpass"); // RFC 5763 §5: the offerer lets the answerer choose
        line(sdp, "a=mid:" + mid);
        for (RtpHdrExt ext : CallCodecs.extensions(type)) {
            line(sdp, "a=extmap:" + ext.id() + " " + ext.uri()); // RFC 8285 §8
        }
        line(sdp, "a=" + direction);
        line(sdp, "a=rtcp-mux"); // RFC 5761 §5.1.3
        line(sdp, "a=rtcp-rsize");
        for (PayloadType t : types) {
            line(sdp, "a=rtpmap:" + t.id() + " " + t.name() + "/" + t.clockrate()
                    + (t.channels() == null ? "" : "/" + t.channels()));
            for (RtcpFb fb : t.rtcpFbs()) {
                line(sdp, "a=rtcp-fb:" + t.id() + " " + fb.type() + (fb.subtype() == null ? "" : " " + fb.subtype()));
            }
            if (!t.parameters().isEmpty()) {
                line(sdp, "a=fmtp:" + t.id() + " " + t.parameters().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")));
            }
        }
        if (remote != null) {
            sources(sdp, remote, remote.source(type));
        }
        for (Candidate c : bridge.candidates()) {
            line(sdp, "a=candidate:" + candidate(c));
        }
        line(sdp, "a=end-of-candidates"); // the bridge has no more candidates to trickle
    }

    /** The remote participant's SSRCs and groups (RFC 5576 §4.1, §4.2) and its msid (RFC 8830 §2). */
    private static void sources(StringBuilder sdp, RemoteEndpoint remote, MediaSource source) {
        String msid = msid(remote.id(), source);
        line(sdp, "a=msid:" + msid);
        for (SsrcGroup group : source.ssrcGroups()) {
            line(sdp, "a=ssrc-group:" + group.semantics() + " "
                    + group.sources().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
        for (Source s : source.sources()) {
            line(sdp, "a=ssrc:" + s.ssrc() + " cname:" + remote.id());
            line(sdp, "a=ssrc:" + s.ssrc() + " msid:" + msid);
        }
    }

    /** The source's own msid when it has one, else stream = endpoint id, track = source id. */
    static String msid(String endpointId, MediaSource source) {
        for (Source s : source.sources()) {
            String msid = s.parameters().get("msid");
            if (msid != null) {
                return msid;
            }
        }
        return endpointId + " " + source.id();
    }

    /** RFC 8839 §5.1 candidate-attribute. */
    private static String candidate(Candidate c) {
        StringBuilder s = new StringBuilder()
                .append(c.foundation()).append(' ').append(c.component()).append(' ')
                .append(c.protocol().wireName()).append(' ').append(c.priority()).append(' ')
                .append(c.ip()).append(' ').append(c.port()).append(" typ ").append(c.type().wireName());
        if (c.relAddr() != null && c.relPort() != null) {
            s.append(" raddr ").append(c.relAddr()).append(" rport ").append(c.relPort());
        }
        if (c.generation() != null) {
            s.append(" generation ").append(c.generation());
        }
        return s.toString();
    }

    private static void check(IceUdpTransport bridge) {
        if (bridge == null) {
            throw new IllegalArgumentException("the bridge's transport is missing from its Colibri2 answer");
        }
        if (bridge.ufrag() == null) {
            throw new IllegalArgumentException("the bridge's transport.transport.ufrag is missing");
        }
        if (bridge.pwd() == null) {
            throw new IllegalArgumentException("the bridge's transport.transport.pwd is missing");
        }
        if (bridge.fingerprints().isEmpty()) {
            throw new IllegalArgumentException("the bridge's transport.transport.fingerprints is empty: DTLS cannot be verified");
        }
        if (bridge.candidates().isEmpty()) {
            throw new IllegalArgumentException("the bridge's transport.transport.candidates is empty: the page cannot reach it");
        }
        if (!bridge.rtcpMux()) {
            throw new IllegalArgumentException("the bridge's transport.transport.rtcp-mux is not true: pages only do rtcp-mux");
        }
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append(CRLF);
    }
}
