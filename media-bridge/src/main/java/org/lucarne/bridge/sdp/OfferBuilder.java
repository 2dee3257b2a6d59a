package org.lucarne.bridge.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.PayloadType;
import org.lucarne.bridge.colibri.RtcpFb;
import org.lucarne.bridge.colibri.RtpHdrExt;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;

/**
 * Writes the SDP offer an endpoint's browser answers (the bridge's side offers, as with Jitsi):
 * unified plan (RFC 8829), every m-section in one BUNDLE group on the bridge's one ICE transport
 * (RFC 8843), rtcp-mux (RFC 5761), the codecs and header-extension ids of {@link CallCodecs}, and
 * one m-section per remote source as {@link OfferLayout} places them.
 *
 * <p>Everything taken from the bridge's Colibri2 answer is checked before it is written, so a
 * broken or hostile bridge answer gives an {@link IllegalArgumentException} naming the field, never
 * an offer a browser would misread.
 */
public final class OfferBuilder {
    private static final String CRLF = "\r\n";

    private OfferBuilder() {
    }

    /**
     * The offer text, lines ending in CRLF (RFC 8866 §5).
     *
     * @param sessionId the o= line's session id, the same for every offer to one endpoint, 0 to 2^63 − 1
     * @param version   the o= line's version, one more than the previous offer's (RFC 8866 §5.2)
     * @param bridge    the bridge's transport for this endpoint, from its Colibri2 answer; a new ufrag
     *                  and pwd there make this offer an ICE restart (RFC 8839 §4.4.3.1.1)
     * @param layout    what each m-section carries
     * @throws IllegalArgumentException if the bridge's transport cannot be offered; the message names
     *                                  the Colibri2 field
     */
    public static String offer(long sessionId, long version, IceUdpTransport bridge, OfferLayout layout) {
        if (sessionId < 0 || version < 0) {
            throw new IllegalArgumentException("the o= line's session id and version must be 0 to 2^63 − 1");
        }
        List<Candidate> candidates = check(bridge);
        StringBuilder sdp = new StringBuilder(1024 + 1024 * layout.sections().size());
        line(sdp, "v=0");
        line(sdp, "o=- " + sessionId + " " + version + " IN IP4 0.0.0.0");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        line(sdp, "a=group:BUNDLE " + layout.sections().stream().map(OfferLayout.MSection::mid)
                .collect(Collectors.joining(" "))); // RFC 8843 §7.2: every m-section in one bundle
        line(sdp, "a=msid-semantic: WMS *");
        for (OfferLayout.MSection m : layout.sections()) {
            media(sdp, m, bridge, candidates);
        }
        return sdp.toString();
    }

    private static void media(StringBuilder sdp, OfferLayout.MSection m, IceUdpTransport bridge, List<Candidate> candidates) {
        List<PayloadType> types = CallCodecs.payloadTypes(m.type());
        line(sdp, "m=" + m.type().wireName() + " 9 UDP/TLS/RTP/SAVPF "
                + types.stream().map(t -> Integer.toString(t.id())).collect(Collectors.joining(" ")));
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
        line(sdp, "a=ice-ufrag:" + bridge.ufrag()); // RFC 8839 §5.4
        line(sdp, "a=ice-pwd:" + bridge.pwd());
        for (Fingerprint f : bridge.fingerprints()) {
            line(sdp, "a=fingerprint:" + f.hash().toLowerCase(java.util.Locale.ROOT) + " " + f.fingerprint()); // RFC 8122 §5
        }
        line(sdp, "a=setup:actpass"); // RFC 5763 §5: the offerer lets the answerer choose
        line(sdp, "a=mid:" + m.mid()); // RFC 5888 §4
        for (RtpHdrExt ext : CallCodecs.extensions(m.type())) {
            line(sdp, "a=extmap:" + ext.id() + " " + ext.uri()); // RFC 8285 §8
        }
        line(sdp, "a=" + m.direction());
        line(sdp, "a=rtcp-mux"); // RFC 5761 §5.1.3
        line(sdp, "a=rtcp-rsize"); // RFC 5506 §5
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
        if (m.remote() != null) {
            sources(sdp, m.remote());
        }
        for (Candidate c : candidates) {
            line(sdp, "a=candidate:" + candidate(c));
        }
        line(sdp, "a=end-of-candidates"); // RFC 8840 §9: the bridge has no more candidates to trickle
    }

    /** The remote source's msid (RFC 8830 §2), groups (RFC 5576 §4.2) and SSRCs (RFC 5576 §4.1). */
    private static void sources(StringBuilder sdp, RemoteSource remote) {
        String msid = remote.msid();
        line(sdp, "a=msid:" + msid);
        for (SsrcGroup group : remote.source().ssrcGroups()) {
            line(sdp, "a=ssrc-group:" + group.semantics() + " "
                    + group.sources().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
        for (Source s : remote.source().sources()) {
            line(sdp, "a=ssrc:" + s.ssrc() + " cname:" + remote.endpointId());
            line(sdp, "a=ssrc:" + s.ssrc() + " msid:" + msid);
        }
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
        if (c.tcpType() != null) {
            s.append(" tcptype ").append(c.tcpType().wireName()); // RFC 6544 §4.5
        }
        if (c.generation() != null) {
            s.append(" generation ").append(c.generation());
        }
        return s.toString();
    }

    /** The bridge's transport as an offer needs it; returns the candidates a browser can use (UDP, passive TCP). */
    private static List<Candidate> check(IceUdpTransport bridge) {
        String field = "the bridge's transport.transport";
        if (bridge == null) {
            throw new IllegalArgumentException("the bridge's transport is missing from its Colibri2 answer");
        }
        if (bridge.ufrag() == null) {
            throw new IllegalArgumentException(field + ".ufrag is missing");
        }
        if (!SdpTokens.iceChars(bridge.ufrag(), 4)) {
            throw new IllegalArgumentException(field + ".ufrag must be 4 to 256 ice-chars (RFC 8839 §5.4)");
        }
        if (bridge.pwd() == null) {
            throw new IllegalArgumentException(field + ".pwd is missing");
        }
        if (!SdpTokens.iceChars(bridge.pwd(), 22)) {
            throw new IllegalArgumentException(field + ".pwd must be 22 to 256 ice-chars (RFC 8839 §5.4)");
        }
        if (bridge.fingerprints().isEmpty()) {
            throw new IllegalArgumentException(field + ".fingerprints is empty: DTLS cannot be verified");
        }
        for (Fingerprint f : bridge.fingerprints()) {
            if (!SdpTokens.hash(f.hash()) || !SdpTokens.hexPairs(f.fingerprint())) {
                throw new IllegalArgumentException(field + ".fingerprints has \"" + SdpTokens.abbreviate(f.hash())
                        + "\" with a value that is not a sha-1/224/256/384/512 hash in hex pairs (RFC 8122 §5)");
            }
        }
        if (!bridge.rtcpMux()) {
            throw new IllegalArgumentException(field + ".rtcp-mux is not true: browsers here only do rtcp-mux");
        }
        List<Candidate> usable = new ArrayList<>();
        for (Candidate c : bridge.candidates()) {
            if (c.protocol() == Candidate.Protocol.TCP && c.tcpType() != Candidate.TcpType.PASSIVE) {
                continue; // a browser can only connect to a passive TCP candidate (RFC 6544 §4.5)
            }
            if (!SdpTokens.iceChars(c.foundation(), 1) || c.foundation().length() > 32 || !SdpTokens.address(c.ip())
                    || c.port() < 1 || c.port() > 65535 || c.component() < 1 || c.component() > 256
                    || c.priority() < 1 || c.priority() > 0xFFFF_FFFFL
                    || c.relAddr() != null && !SdpTokens.address(c.relAddr())
                    || c.relPort() != null && (c.relPort() < 0 || c.relPort() > 65535)
                    || c.generation() != null && c.generation() < 0) {
                throw new IllegalArgumentException(field + ".candidates has a candidate that is not valid SDP (RFC 8839 §5.1):"
                        + " foundation " + SdpTokens.abbreviate(c.foundation()) + ", address " + SdpTokens.abbreviate(c.ip()));
            }
            usable.add(c);
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException(field + ".candidates has no UDP or passive TCP candidate: the browser"
                    + " cannot reach the bridge");
        }
        return usable;
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append(CRLF);
    }
}
