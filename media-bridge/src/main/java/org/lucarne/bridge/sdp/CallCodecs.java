package org.lucarne.bridge.sdp;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lucarne.bridge.colibri.Media;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.PayloadType;
import org.lucarne.bridge.colibri.RtcpFb;
import org.lucarne.bridge.colibri.RtpHdrExt;
import org.lucarne.bridge.rtp.TransportCc;

/**
 * The one table of codecs and RTP header extensions of a call. Every endpoint gets the same
 * payload types and extension ids, in every m-section of its offer and in its Colibri2
 * {@code medias}, so the bridge forwards RTP between endpoints unchanged. An extension URI has
 * one id for audio and video alike (RFC 8285 §6: ids are unique within a BUNDLE transport).
 */
public final class CallCodecs {
    public static final int OPUS = 111;
    public static final int VP8 = 100;
    public static final int VP8_RTX = 96;

    public static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String ABS_SEND_TIME_URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** The transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2). */
    public static final String TRANSPORT_CC_URI = TransportCc.EXTENSION_URI;

    /**
     * Audio: ssrc-audio-level (RFC 6464), abs-send-time (receivers' REMB needs it), sdes:mid
     * (RFC 8843 §15), transport-cc (the bridge ends each sender's leg with its feedback).
     */
    public static final List<RtpHdrExt> AUDIO_EXTENSIONS = List.of(
            new RtpHdrExt(1, AUDIO_LEVEL_URI), new RtpHdrExt(2, ABS_SEND_TIME_URI), new RtpHdrExt(3, MID_URI),
            new RtpHdrExt(4, TRANSPORT_CC_URI));
    public static final List<RtpHdrExt> VIDEO_EXTENSIONS = List.of(
            new RtpHdrExt(2, ABS_SEND_TIME_URI), new RtpHdrExt(3, MID_URI), new RtpHdrExt(4, TRANSPORT_CC_URI));

    /** Opus with transport-cc feedback, as Chromium and JVB offer it. */
    public static final PayloadType OPUS_TYPE = new PayloadType(OPUS, "opus", 48_000, 2,
            ordered("minptime", "10", "useinbandfec", "1"), List.of(new RtcpFb("transport-cc", null)));
    /** VP8: goog-remb stays beside transport-cc, for the receivers' REMB (docs/media-bridge.md, Bandwidth). */
    public static final PayloadType VP8_TYPE = new PayloadType(VP8, "VP8", 90_000, null, Map.of(), List.of(
            new RtcpFb("goog-remb", null), new RtcpFb("transport-cc", null), new RtcpFb("ccm", "fir"),
            new RtcpFb("nack", null), new RtcpFb("nack", "pli")));
    /** RFC 4588 §8.6: rtx with apt naming the protected payload type. */
    public static final PayloadType VP8_RTX_TYPE = new PayloadType(VP8_RTX, "rtx", 90_000, null,
            Map.of("apt", Integer.toString(VP8)), List.of());

    static {
        Map<Integer, String> uriById = new HashMap<>();
        for (RtpHdrExt ext : concat(AUDIO_EXTENSIONS, VIDEO_EXTENSIONS)) {
            String other = uriById.putIfAbsent(ext.id(), ext.uri());
            if (other != null && !other.equals(ext.uri())) {
                throw new ExceptionInInitializerError("extension id " + ext.id() + " names both " + other + " and " + ext.uri());
            }
        }
    }

    private CallCodecs() {
    }

    /** The endpoint's {@code medias} for a Colibri2 request: the same table as its offer. */
    public static List<Media> medias() {
        return List.of(
                new Media(MediaType.AUDIO, payloadTypes(MediaType.AUDIO), AUDIO_EXTENSIONS, false),
                new Media(MediaType.VIDEO, payloadTypes(MediaType.VIDEO), VIDEO_EXTENSIONS, false));
    }

    /** The payload types of an m-section of this type, in the m= line's order of preference. */
    public static List<PayloadType> payloadTypes(MediaType type) {
        return type == MediaType.AUDIO ? List.of(OPUS_TYPE) : List.of(VP8_TYPE, VP8_RTX_TYPE);
    }

    /** The header extensions of an m-section of this type. */
    public static List<RtpHdrExt> extensions(MediaType type) {
        return type == MediaType.AUDIO ? AUDIO_EXTENSIONS : VIDEO_EXTENSIONS;
    }

    static Optional<PayloadType> payloadType(MediaType type, int id) {
        return payloadTypes(type).stream().filter(t -> t.id() == id).findFirst();
    }

    static Optional<RtpHdrExt> extension(MediaType type, int id) {
        return extensions(type).stream().filter(e -> e.id() == id).findFirst();
    }

    private static List<RtpHdrExt> concat(List<RtpHdrExt> a, List<RtpHdrExt> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
