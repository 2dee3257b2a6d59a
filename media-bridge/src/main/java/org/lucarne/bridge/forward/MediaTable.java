package org.lucarne.bridge.forward;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lucarne.bridge.colibri.Media;
import org.lucarne.bridge.colibri.PayloadType;
import org.lucarne.bridge.colibri.RtpHdrExt;
import org.lucarne.bridge.rtp.TransportCc;

/**
 * What an endpoint negotiated, immutable, in the shape the rewrite needs: header-extension id ↔
 * URI (RFC 8285 §5) and payload type ↔ codec key. A codec key is the encoding name in lower case
 * and the clock rate ({@code vp8/90000}); an RTX type adds the key of the codec its {@code apt}
 * names ({@code rtx/90000/vp8/90000}), so that each RTX type maps to the RTX of the same codec.
 */
final class MediaTable {
    static final MediaTable EMPTY = new MediaTable(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<Integer, String> uriById;
    private final Map<String, Integer> idByUri;
    private final Map<Integer, String> codecByPt;
    private final Map<String, Integer> ptByCodec;
    private final Map<Integer, Long> clockRateByPt;
    /** Looked up once: it is read on every packet. */
    private final int transportCcId;

    private MediaTable(Map<Integer, String> uriById, Map<String, Integer> idByUri,
                       Map<Integer, String> codecByPt, Map<String, Integer> ptByCodec,
                       Map<Integer, Long> clockRateByPt) {
        this.uriById = uriById;
        this.idByUri = idByUri;
        this.codecByPt = codecByPt;
        this.ptByCodec = ptByCodec;
        this.clockRateByPt = clockRateByPt;
        Integer tcc = idByUri.get(TransportCc.EXTENSION_URI);
        this.transportCcId = tcc == null ? 0 : tcc;
    }

    static MediaTable of(List<Media> medias) {
        Map<Integer, String> uriById = new HashMap<>();
        Map<String, Integer> idByUri = new HashMap<>();
        Map<Integer, PayloadType> types = new HashMap<>();
        for (Media media : medias) {
            for (RtpHdrExt ext : media.rtpHdrExts()) {
                uriById.putIfAbsent(ext.id(), ext.uri());
                idByUri.putIfAbsent(ext.uri(), ext.id());
            }
            for (PayloadType pt : media.payloadTypes()) {
                types.putIfAbsent(pt.id(), pt);
            }
        }
        Map<Integer, String> codecByPt = new HashMap<>();
        Map<String, Integer> ptByCodec = new HashMap<>();
        Map<Integer, Long> clockRates = new HashMap<>();
        types.values().stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).forEach(pt -> {
            String key = codecKey(pt, types);
            codecByPt.put(pt.id(), key);
            ptByCodec.putIfAbsent(key, pt.id());
            clockRates.put(pt.id(), pt.clockrate());
        });
        return new MediaTable(Map.copyOf(uriById), Map.copyOf(idByUri), Map.copyOf(codecByPt),
                Map.copyOf(ptByCodec), Map.copyOf(clockRates));
    }

    private static String codecKey(PayloadType pt, Map<Integer, PayloadType> all) {
        String key = pt.name().toLowerCase(Locale.ROOT) + "/" + pt.clockrate();
        String apt = pt.parameters().get("apt");
        if ("rtx".equalsIgnoreCase(pt.name()) && apt != null) {
            try {
                PayloadType associated = all.get(Integer.parseInt(apt.trim()));
                if (associated != null) {
                    key += "/" + associated.name().toLowerCase(Locale.ROOT) + "/" + associated.clockrate();
                }
            } catch (NumberFormatException e) {
                // RFC 4588 §8.6: apt is a payload type number; a bad one leaves a plain rtx key.
            }
        }
        return key;
    }

    boolean isEmpty() {
        return uriById.isEmpty() && codecByPt.isEmpty();
    }

    String extensionUri(int id) {
        return uriById.get(id);
    }

    static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /** The id negotiated for {@code uri}, or 0 when it was not. */
    int extensionId(String uri) {
        Integer id = idByUri.get(uri);
        return id == null ? 0 : id;
    }

    /** The id of the transport-wide sequence number extension, or 0 when not negotiated. */
    int transportCcId() {
        return transportCcId;
    }

    String codec(int payloadType) {
        return codecByPt.get(payloadType);
    }

    /** The payload type negotiated for {@code codec}, or -1. */
    int payloadType(String codec) {
        Integer pt = ptByCodec.get(codec);
        return pt == null ? -1 : pt;
    }

    /** The clock rate of {@code payloadType}, or 0 when unknown. */
    long clockRate(int payloadType) {
        Long rate = clockRateByPt.get(payloadType);
        return rate == null ? 0 : rate;
    }
}
