package org.lucarne.bridge.colibri;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a parsed Colibri2 document into records (docs/colibri2.md). Every field Lucarne implements
 * is checked for type and range; fields it does not know are ignored, as JVB ignores them; the few
 * JVB features whose silent loss would make the bridge do something else than asked are refused in
 * requests.
 */
final class Colibri2Reader {
    private static final int ID = 256;
    private static final int NAME = 1024;
    private static final int MANY = 1000;
    /** An 8K picture's rows: taller wishes are not a screen's. */
    private static final int MAX_VIDEO_HEIGHT = 4320;
    /** Endpoints one endpoint can name in its video heights. */
    private static final int MAX_VIDEO_HEIGHTS = 64;
    /** RFC 8122 §5 hash function names that are still safe. */
    private static final Set<String> HASHES = Set.of("sha-1", "sha-224", "sha-256", "sha-384", "sha-512");
    /** Hex bytes separated by colons, 2 to 64 of them (RFC 8122 §5). */
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){1,63}");
    /** An IPv4 or IPv6 address, or a host name (mDNS candidates). */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Za-z.:%_-]{1,255}");

    private final boolean request;

    Colibri2Reader(boolean request) {
        this.request = request;
    }

    ConferenceModify conferenceModify(JsonIn in) throws Colibri2Exception {
        in.refuse("relays", "this bridge does not relay to other bridges");
        in.refuse("connects", "this bridge does not connect to transcribers or recorders");
        return new ConferenceModify(in.optString("meeting-id", 1, ID), in.optString("name", 1, NAME),
                in.flag("create"), in.flag("expire"), in.objects("endpoints", MANY, this::endpoint));
    }

    ConferenceModified conferenceModified(JsonIn in) throws Colibri2Exception {
        return new ConferenceModified(in.objects("endpoints", MANY, this::endpoint), sources(in, "sources"));
    }

    private Endpoint endpoint(JsonIn in) throws Colibri2Exception {
        JsonIn transport = in.optObject("transport");
        return new Endpoint(in.string("id", 1, ID), in.flag("create"), in.flag("expire"),
                in.objects("medias", 16, this::media),
                transport == null ? null : transport(transport),
                sources(in, "sources"),
                in.array("capabilities", 64, (v, at) -> JsonIn.text(v, at, 1, 64)),
                in.has(Endpoint.VIDEO_HEIGHTS) ? in.integerMap(Endpoint.VIDEO_HEIGHTS, MAX_VIDEO_HEIGHTS, ID, MAX_VIDEO_HEIGHT) : null);
    }

    private Media media(JsonIn in) throws Colibri2Exception {
        return new Media(in.enumValue("type", MediaType.class),
                in.objects("payload-types", 64, this::payloadType),
                in.objects("rtp-hdrexts", 32, this::rtpHdrExt),
                in.flag("extmap-allow-mixed"));
    }

    private PayloadType payloadType(JsonIn in) throws Colibri2Exception {
        Long channels = in.optInteger("channels", 1, 255);
        return new PayloadType((int) in.integer("id", 0, 127), in.string("name", 1, 64),
                in.integer("clockrate", 1, Integer.MAX_VALUE),
                channels == null ? null : channels.intValue(),
                in.stringMap("parameters", 64, NAME),
                in.objects("rtcp-fbs", 32, fb -> new RtcpFb(fb.string("type", 1, 64), fb.optString("subtype", 1, 64))));
    }

    private RtpHdrExt rtpHdrExt(JsonIn in) throws Colibri2Exception {
        // RFC 8285 §4.2/§4.3: ids 1–14 in one-byte headers, 1–255 in two-byte ones.
        return new RtpHdrExt((int) in.integer("id", 1, 255), in.string("uri", 1, NAME));
    }

    private Transport transport(JsonIn in) throws Colibri2Exception {
        if (request) {
            in.refuse("sctp", "this bridge has no data channels");
        }
        JsonIn iceUdp = in.optObject("transport");
        return new Transport(in.flag("ice-controlling"), in.flag("use-unique-port"),
                iceUdp == null ? null : iceUdp(iceUdp));
    }

    private IceUdpTransport iceUdp(JsonIn in) throws Colibri2Exception {
        String xmlns = in.string("xmlns", 1, NAME);
        if (!xmlns.equals(IceUdpTransport.NAMESPACE)) {
            throw new Colibri2Exception(in.path("xmlns"), "must be " + IceUdpTransport.NAMESPACE);
        }
        // RFC 8445 §5.3: ufrag at least 4 characters, pwd at least 22; both at most 256.
        return new IceUdpTransport(in.optString("ufrag", 4, 256), in.optString("pwd", 22, 256),
                in.flag("rtcp-mux"), in.objects("fingerprints", 8, this::fingerprint),
                in.objects("candidates", 64, this::candidate));
    }

    private Fingerprint fingerprint(JsonIn in) throws Colibri2Exception {
        String hash = in.string("hash", 1, 16);
        if (!HASHES.contains(hash.toLowerCase(Locale.ROOT))) {
            throw new Colibri2Exception(in.path("hash"), "must be one of sha-1, sha-224, sha-256, sha-384, sha-512");
        }
        String fingerprint = in.string("fingerprint", 5, 191);
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new Colibri2Exception(in.path("fingerprint"), "must be hex bytes separated by colons");
        }
        return new Fingerprint(hash, fingerprint, in.optEnum("setup", Fingerprint.Setup.class));
    }

    private Candidate candidate(JsonIn in) throws Colibri2Exception {
        Long generation = in.optInteger("generation", 0, Integer.MAX_VALUE);
        Long network = in.optInteger("network", 0, Integer.MAX_VALUE);
        Long relPort = in.optInteger("rel-port", 0, 65535);
        String relAddr = in.optString("rel-addr", 1, 255);
        Candidate.Protocol protocol = in.enumValue("protocol", Candidate.Protocol.class);
        Candidate.TcpType tcpType = in.optEnum("tcptype", Candidate.TcpType.class);
        if (tcpType != null && protocol != Candidate.Protocol.TCP) {
            throw new Colibri2Exception(in.path("tcptype"), "is only for a candidate whose protocol is tcp");
        }
        return new Candidate((int) in.integer("component", 1, 256), in.string("foundation", 1, 32),
                generation == null ? null : generation.intValue(), in.optString("id", 1, ID),
                address(in, "ip", in.string("ip", 1, 255)),
                network == null ? null : network.intValue(),
                (int) in.integer("port", 0, 65535), in.integer("priority", 0, 0xFFFF_FFFFL),
                protocol, in.enumValue("type", Candidate.Type.class),
                relAddr == null ? null : address(in, "rel-addr", relAddr),
                relPort == null ? null : relPort.intValue(), tcpType);
    }

    private static String address(JsonIn in, String field, String value) throws Colibri2Exception {
        if (!ADDRESS.matcher(value).matches()) {
            throw new Colibri2Exception(in.path(field), "must be an IP address or a host name");
        }
        return value;
    }

    private Sources sources(JsonIn in, String field) throws Colibri2Exception {
        return in.has(field) ? new Sources(in.objects(field, 64, this::mediaSource)) : null;
    }

    private MediaSource mediaSource(JsonIn in) throws Colibri2Exception {
        return new MediaSource(in.enumValue("type", MediaType.class), in.string("id", 1, ID),
                in.array("sources", 64, this::source),
                in.objects("ssrc-groups", 64, this::ssrcGroup));
    }

    /** A bare SSRC, or an object with one (JVB's two forms, see {@link Source}). */
    private Source source(JsonNode value, String path) throws Colibri2Exception {
        if (!value.isObject()) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                throw new Colibri2Exception(path, "must be an SSRC or an object with one");
            }
            return Source.of(ssrc(value, path));
        }
        JsonIn in = JsonIn.object(value, path);
        JsonNode ssrc = value.get("ssrc");
        if (ssrc == null) {
            throw new Colibri2Exception(in.path("ssrc"), "is required");
        }
        return new Source(ssrc(ssrc, in.path("ssrc")), in.optString("name", 1, ID), in.optString("video-type", 1, 32),
                in.optString("rid", 1, 32), in.stringMap("parameters", 16, NAME));
    }

    private static long ssrc(JsonNode value, String path) throws Colibri2Exception {
        return JsonIn.integer(value, path, 0, 0xFFFF_FFFFL); // RFC 3550 §5.1: 32 bits
    }

    private SsrcGroup ssrcGroup(JsonIn in) throws Colibri2Exception {
        String semantics = in.string("semantics", 1, 32);
        List<Long> ssrcs = in.requiredArray("sources", 16, Colibri2Reader::ssrc);
        if (ssrcs.isEmpty()) {
            throw new Colibri2Exception(in.path("sources"), "must list at least one SSRC");
        }
        return new SsrcGroup(semantics, ssrcs);
    }
}
