package org.lucarne.bridge.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lucarne.bridge.colibri.PayloadType;
import org.lucarne.bridge.colibri.RtpHdrExt;

/** The answer's m-sections against the offer's: same media and mids, allowed directions, the call's codec table. */
final class AnswerMatch {
    private AnswerMatch() {
    }

    static void check(AnswerSection session, List<AnswerSection> media, OfferLayout offer) throws InvalidAnswerException {
        boolean anyAccepted = false;
        for (int i = 0; i < media.size(); i++) {
            AnswerSection answer = media.get(i);
            OfferLayout.MSection offered = offer.sections().get(i);
            if (!offered.type().wireName().equals(answer.kind)) {
                throw new InvalidAnswerException("line " + answer.line + ": " + answer.name() + " is \""
                        + SdpTokens.abbreviate(answer.kind) + "\", the offer's is " + offered.type().wireName()
                        + " (RFC 3264 §6)");
            }
            if (answer.rejected) {
                continue;
            }
            anyAccepted = true;
            if (!offered.mid().equals(answer.mid)) {
                throw new InvalidAnswerException(answer.name() + " has " + (answer.mid == null ? "no a=mid" : "a=mid:" + SdpTokens.abbreviate(answer.mid))
                        + ", the offer's is " + offered.mid() + " (RFC 8843 §7.3)");
            }
            if (!session.hasBundle || !session.bundle.contains(answer.mid)) {
                throw new InvalidAnswerException(answer.name() + " is not in the answer's a=group:BUNDLE: the bridge has"
                        + " one transport for every m-section (RFC 8843 §7.3)");
            }
            direction(answer, offered);
            codecs(answer, offered);
            extensions(answer, offered);
        }
        if (!anyAccepted) {
            throw new InvalidAnswerException("the answer accepts no m-section");
        }
    }

    /** RFC 3264 §6.1: recvonly is answered sendonly or inactive, sendonly recvonly or inactive, inactive inactive. */
    private static void direction(AnswerSection answer, OfferLayout.MSection offered) throws InvalidAnswerException {
        String got = answer.direction();
        boolean allowed = switch (offered.direction()) {
            case "recvonly" -> got.equals("sendonly") || got.equals("inactive");
            case "sendonly" -> got.equals("recvonly") || got.equals("inactive");
            default -> got.equals("inactive");
        };
        if (!allowed) {
            throw new InvalidAnswerException(answer.name() + " answers " + got + " to an offered " + offered.direction()
                    + " (RFC 3264 §6.1)");
        }
    }

    /** Only offered payload types, and each rtpmap as offered (the bridge forwards RTP unchanged). */
    private static void codecs(AnswerSection answer, OfferLayout.MSection offered) throws InvalidAnswerException {
        for (Integer pt : answer.formats) {
            Optional<PayloadType> type = CallCodecs.payloadType(offered.type(), pt);
            if (type.isEmpty()) {
                throw new InvalidAnswerException("line " + answer.line + ": " + answer.name() + " has payload type " + pt
                        + ", which the offer does not have (RFC 3264 §6.1)");
            }
        }
        for (Map.Entry<Integer, String> rtpmap : answer.rtpmaps.entrySet()) {
            Optional<PayloadType> type = CallCodecs.payloadType(offered.type(), rtpmap.getKey());
            String expected = type.map(t -> t.name().toLowerCase(java.util.Locale.ROOT) + "/" + t.clockrate()).orElse(null);
            if (answer.formats.contains(rtpmap.getKey()) && !rtpmap.getValue().equals(expected)) {
                throw new InvalidAnswerException(answer.name() + " maps payload type " + rtpmap.getKey() + " to "
                        + SdpTokens.abbreviate(rtpmap.getValue()) + ", the offer to " + expected + " (RFC 3264 §6.1)");
            }
        }
    }

    /** RFC 8829 §5.3.1: an answer uses the offered extension ids; the bridge relies on one table for every endpoint. */
    private static void extensions(AnswerSection answer, OfferLayout.MSection offered) throws InvalidAnswerException {
        for (Map.Entry<Integer, String> ext : answer.extmaps.entrySet()) {
            Optional<RtpHdrExt> table = CallCodecs.extension(offered.type(), ext.getKey());
            if (table.isEmpty() || !table.get().uri().equals(ext.getValue())) {
                throw new InvalidAnswerException(answer.name() + " maps extension id " + ext.getKey() + " to "
                        + SdpTokens.abbreviate(ext.getValue()) + ", which the offer does not (RFC 8829 §5.3.1)");
            }
        }
    }
}
