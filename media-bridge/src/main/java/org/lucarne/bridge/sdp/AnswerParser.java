package org.lucarne.bridge.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lucarne.bridge.colibri.Candidate;

/**
 * Reads a browser's SDP answer (RFC 8866 syntax) to an offer of {@link OfferBuilder}. The answer
 * comes from the network, so it is untrusted text: whatever it holds, the result is an
 * {@link EndpointAnswer} or an {@link InvalidAnswerException} whose message names the line (or the
 * m-section) and what is wrong. The parser is strict about what the bridge relies on and ignores
 * the legal lines it has no use for:
 *
 * <ul>
 *   <li>size: at most {@link #MAX_CHARS} characters, lines of at most {@link #MAX_LINE_CHARS},
 *       each {@code <letter>=<value>} without control characters (RFC 8866 §5);</li>
 *   <li>the offer's shape: as many m-sections, same media, same mids, directions the offer
 *       allows (RFC 3264 §6.1), all accepted mids in one BUNDLE group (RFC 8843 §7.3);</li>
 *   <li>the call's codec table: only offered payload types, and header-extension ids as offered
 *       (RFC 8829 §5.3.1);</li>
 *   <li>one ICE transport: {@code a=ice-ufrag}, {@code a=ice-pwd} (RFC 8839 §5.4), a fingerprint
 *       (RFC 8122 §5), {@code a=setup} active or passive (RFC 5763 §5), rtcp-mux (RFC 5761);</li>
 *   <li>SSRCs (RFC 5576 §4.1): numbers below 2^32, each in one m-section, none of them a remote
 *       source's; ssrc-groups only over listed SSRCs (RFC 5576 §4.2);</li>
 *   <li>simulcast: at most one {@code SIM} group, in the video m-section, of 2 to 3 different
 *       SSRCs (layers low → high), each {@code FID} pairing one of them with an RTX SSRC of its own.</li>
 * </ul>
 */
public final class AnswerParser {
    /** The most characters an answer may have. */
    public static final int MAX_CHARS = 64 * 1024;
    /** The most characters one line may have. */
    public static final int MAX_LINE_CHARS = 1024;
    private static final int MAX_CANDIDATES = 16;

    private AnswerParser() {
    }

    /**
     * @param sdp   the browser's answer, lines ending in CRLF or LF
     * @param offer the layout of the offer it answers
     */
    public static EndpointAnswer parse(String sdp, OfferLayout offer) throws InvalidAnswerException {
        if (sdp == null || sdp.isBlank()) {
            throw new InvalidAnswerException("the answer is empty");
        }
        if (sdp.length() > MAX_CHARS) {
            throw new InvalidAnswerException("the answer is " + sdp.length() + " characters, more than " + MAX_CHARS);
        }
        String[] lines = sdp.split("\r?\n", -1);
        if (!lines[0].equals("v=0")) {
            throw new InvalidAnswerException("line 1 is not v=0: this is not an SDP (RFC 8866 §5.1)");
        }
        AnswerSection session = new AnswerSection(-1, 1);
        List<AnswerSection> media = new ArrayList<>();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        AnswerSection current = session;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            String where = "line " + number;
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            if (line.length() > MAX_LINE_CHARS) {
                throw new InvalidAnswerException(where + " is " + line.length() + " characters, more than " + MAX_LINE_CHARS);
            }
            if (line.length() < 2 || line.charAt(0) < 'a' || line.charAt(0) > 'z' || line.charAt(1) != '='
                    || !line.chars().allMatch(c -> c >= 0x20 && c != 0x7F || c == '\t')) {
                throw new InvalidAnswerException(where + " is not <type>=<value> text: \"" + SdpTokens.abbreviate(line) + "\"");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (media.size() >= offer.sections().size()) {
                    throw new InvalidAnswerException(where + " is m-section " + media.size() + ", but the offer has "
                            + offer.sections().size() + " (RFC 3264 §6: as many as offered)");
                }
                current = mediaLine(value, media.size(), number);
                media.add(current);
            } else if (type == 'a') {
                int colon = value.indexOf(':');
                String name = colon < 0 ? value : value.substring(0, colon);
                String arg = colon < 0 ? "" : value.substring(colon + 1);
                if (name.equals("candidate")) {
                    candidate(arg, where, candidates);
                } else {
                    current.attribute(name, arg, number);
                }
            }
        }
        if (media.size() != offer.sections().size()) {
            throw new InvalidAnswerException("the answer has " + media.size() + " m-sections, the offer "
                    + offer.sections().size() + " (RFC 3264 §6: as many as offered)");
        }
        AnswerMatch.check(session, media, offer);
        return AnswerAssembly.answer(session, media, new ArrayList<>(candidates.values()), offer);
    }

    /** RFC 8866 §5.14: {@code m=<media> <port> <proto> <fmt> …}. */
    private static AnswerSection mediaLine(String value, int index, int number) throws InvalidAnswerException {
        String where = "line " + number;
        String[] f = value.split(" ", -1);
        if (f.length < 4) {
            throw new InvalidAnswerException(where + " is not \"m=<media> <port> <proto> <fmt> …\" (RFC 8866 §5.14)");
        }
        AnswerSection s = new AnswerSection(index, number);
        s.kind = f[0];
        s.rejected = CandidateLine.number(f[1], 0, 65535, where, "port") == 0; // RFC 3264 §6: port 0 rejects
        if (!s.rejected && !f[2].equals("UDP/TLS/RTP/SAVPF")) {
            throw new InvalidAnswerException(where + " has proto \"" + SdpTokens.abbreviate(f[2])
                    + "\", not the offered UDP/TLS/RTP/SAVPF (RFC 5764 §8)");
        }
        for (int i = 3; i < f.length; i++) {
            s.formats.add((int) CandidateLine.number(f[i], 0, 127, where, "payload type"));
        }
        return s;
    }

    private static void candidate(String arg, String where, Map<String, Candidate> candidates) throws InvalidAnswerException {
        Optional<Candidate> c = CandidateLine.parse(arg, where);
        if (c.isPresent()) {
            Candidate k = c.get();
            candidates.putIfAbsent(k.foundation() + " " + k.component() + " " + k.ip() + " " + k.port(), k);
            if (candidates.size() > MAX_CANDIDATES) {
                throw new InvalidAnswerException(where + ": more than " + MAX_CANDIDATES + " candidates");
            }
        }
    }
}
