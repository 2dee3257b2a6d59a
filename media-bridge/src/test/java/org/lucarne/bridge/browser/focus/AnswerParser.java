package org.lucarne.bridge.browser.focus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.SsrcGroup;

/**
 * Reads a page's SDP answer (RFC 8866 syntax, unified plan, one BUNDLE transport) into what the
 * focus sends the bridge. The answer comes from a browser, so it is untrusted text: whatever it
 * holds, the result is a {@link PageAnswer} or an {@link InvalidAnswerException} naming the line.
 */
public final class AnswerParser {
    public static final int MAX_CHARS = 64 * 1024;
    private static final int MAX_CANDIDATES = 16;
    private static final int MAX_SSRCS = 16;
    private static final Pattern ICE_CHARS = Pattern.compile("[A-Za-z0-9+/]+"); // RFC 8839 §5.4
    private static final Pattern HEX_PAIRS = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){1,63}");
    private static final Set<String> HASHES = Set.of("sha-1", "sha-224", "sha-256", "sha-384", "sha-512");

    /** One m-section, or the session part before the first (index -1). */
    private static final class Section {
        final int index;
        String kind;
        boolean rejected;
        String mid;
        String direction = "sendrecv";
        String ufrag;
        String pwd;
        Fingerprint fingerprint;
        String setup;
        boolean rtcpMux;
        final Set<Long> ssrcs = new LinkedHashSet<>();
        final List<SsrcGroup> groups = new ArrayList<>();

        Section(int index) {
            this.index = index;
        }

        String name() {
            return index < 0 ? "the session part" : "m-section " + index + (mid == null ? "" : " (mid " + mid + ")");
        }

        boolean sends() {
            return !rejected && (direction.equals("sendrecv") || direction.equals("sendonly"));
        }
    }

    private AnswerParser() {
    }

    public static PageAnswer parse(String sdp) throws InvalidAnswerException {
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
        Section session = new Section(-1);
        List<Section> media = new ArrayList<>();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Section current = session;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1);
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !line.chars().allMatch(c -> c >= 0x20 && c != 0x7F || c == '\t')) {
                throw new InvalidAnswerException(where + " is not <type>=<value> text: \"" + CandidateLine.abbreviate(line) + "\"");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                current = mediaLine(value, media.size(), where);
                media.add(current);
            } else if (type == 'a') {
                attribute(current, value, where, candidates);
            }
        }
        return answer(session, media, new ArrayList<>(candidates.values()));
    }

    private static Section mediaLine(String value, int index, String where) throws InvalidAnswerException {
        String[] f = value.split(" ");
        if (f.length < 4) {
            throw new InvalidAnswerException(where + " is not \"m=<media> <port> <proto> <fmt> …\"");
        }
        Section s = new Section(index);
        s.kind = f[0];
        s.rejected = CandidateLine.number(f[1], 0, 65535, where, "port") == 0; // RFC 8829 §5.3.1: port 0 rejects
        return s;
    }

    private static void attribute(Section s, String value, String where, Map<String, Candidate> candidates)
            throws InvalidAnswerException {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        String arg = colon < 0 ? "" : value.substring(colon + 1);
        switch (name) {
            case "mid" -> s.mid = CandidateLine.abbreviate(arg);
            case "sendrecv", "sendonly", "recvonly", "inactive" -> s.direction = name;
            case "rtcp-mux" -> s.rtcpMux = true;
            case "ice-ufrag" -> s.ufrag = iceChars(arg, 4, where, "a=ice-ufrag");
            case "ice-pwd" -> s.pwd = iceChars(arg, 22, where, "a=ice-pwd");
            case "fingerprint" -> s.fingerprint = fingerprint(arg, where);
            case "setup" -> s.setup = arg;
            case "candidate" -> {
                Optional<Candidate> c = CandidateLine.parse(arg, where);
                if (c.isPresent()) {
                    Candidate k = c.get();
                    candidates.putIfAbsent(k.foundation() + " " + k.component() + " " + k.ip() + " " + k.port(), k);
                    if (candidates.size() > MAX_CANDIDATES) {
                        throw new InvalidAnswerException(where + ": more than " + MAX_CANDIDATES + " candidates");
                    }
                }
            }
            case "ssrc" -> ssrc(s, arg, where);
            case "ssrc-group" -> group(s, arg, where);
            default -> { } // everything else is the browser's business
        }
    }

    private static String iceChars(String value, int min, String where, String what) throws InvalidAnswerException {
        if (value.length() < min || value.length() > 256 || !ICE_CHARS.matcher(value).matches()) {
            throw new InvalidAnswerException(where + ": " + what + " must be " + min + " to 256 ice-chars (RFC 8839 §5.4)");
        }
        return value;
    }

    /** RFC 8122 §5: {@code a=fingerprint:<hash> <hex pairs>}. */
    private static Fingerprint fingerprint(String arg, String where) throws InvalidAnswerException {
        String[] f = arg.split(" ");
        if (f.length != 2 || !HASHES.contains(f[0].toLowerCase(Locale.ROOT)) || !HEX_PAIRS.matcher(f[1]).matches()) {
            throw new InvalidAnswerException(where + ": a=fingerprint must be \"<sha-1|sha-224|sha-256|sha-384|sha-512>"
                    + " <hex pairs separated by colons>\" (RFC 8122 §5)");
        }
        return new Fingerprint(f[0].toLowerCase(Locale.ROOT), f[1].toUpperCase(Locale.ROOT), null);
    }

    /** RFC 5576 §4.1: {@code a=ssrc:<ssrc> <attribute>[:<value>]}. */
    private static void ssrc(Section s, String arg, String where) throws InvalidAnswerException {
        int space = arg.indexOf(' ');
        long ssrc = CandidateLine.number(space < 0 ? arg : arg.substring(0, space), 0, 0xFFFF_FFFFL, where, "SSRC");
        s.ssrcs.add(ssrc);
        if (s.ssrcs.size() > MAX_SSRCS) {
            throw new InvalidAnswerException(where + ": " + s.name() + " has more than " + MAX_SSRCS + " SSRCs");
        }
    }

    /** RFC 5576 §4.2: {@code a=ssrc-group:<semantics> <ssrc> …}. */
    private static void group(Section s, String arg, String where) throws InvalidAnswerException {
        String[] f = arg.split(" ");
        if (f.length < 2 || !f[0].matches("[A-Za-z0-9-]{1,16}")) {
            throw new InvalidAnswerException(where + ": a=ssrc-group must be \"<semantics> <ssrc> …\" (RFC 5576 §4.2)");
        }
        if (s.groups.size() >= MAX_SSRCS) {
            throw new InvalidAnswerException(where + ": " + s.name() + " has more than " + MAX_SSRCS + " SSRC groups");
        }
        List<Long> ssrcs = new ArrayList<>();
        for (int i = 1; i < f.length && i <= MAX_SSRCS; i++) {
            ssrcs.add(CandidateLine.number(f[i], 0, 0xFFFF_FFFFL, where, "SSRC"));
        }
        s.groups.add(new SsrcGroup(f[0], ssrcs));
    }

    private static PageAnswer answer(Section session, List<Section> media, List<Candidate> candidates)
            throws InvalidAnswerException {
        Section first = media.stream().filter(m -> !m.rejected).findFirst()
                .orElseThrow(() -> new InvalidAnswerException("the answer accepts no m-section"));
        String ufrag = orSession(first.ufrag, session.ufrag, first, "a=ice-ufrag");
        String pwd = orSession(first.pwd, session.pwd, first, "a=ice-pwd");
        Fingerprint fp = first.fingerprint != null ? first.fingerprint : session.fingerprint;
        if (fp == null) {
            throw new InvalidAnswerException(first.name() + " has no a=fingerprint: DTLS could not be verified");
        }
        String setup = orSession(first.setup, session.setup, first, "a=setup");
        Fingerprint.Setup role = switch (setup) {
            case "active" -> Fingerprint.Setup.ACTIVE;
            case "passive" -> Fingerprint.Setup.PASSIVE;
            default -> throw new InvalidAnswerException(first.name() + " has a=setup:" + CandidateLine.abbreviate(setup)
                    + "; an answer must say active or passive (RFC 5763 §5)");
        };
        if (!first.rtcpMux) {
            throw new InvalidAnswerException(first.name() + " has no a=rtcp-mux: the bridge only does rtcp-mux (RFC 5761)");
        }
        for (Section m : media) {
            if (!m.rejected && m.ufrag != null && !m.ufrag.equals(ufrag)) {
                throw new InvalidAnswerException(m.name() + " has another a=ice-ufrag than " + first.name()
                        + ": a BUNDLE answer has one transport (RFC 8843 §7.1)");
            }
        }
        List<Long> audio = sending(media, "audio");
        List<Long> video = sending(media, "video");
        List<SsrcGroup> groups = media.stream().filter(m -> m.sends() && "video".equals(m.kind))
                .findFirst().map(m -> m.groups).orElse(List.of());
        for (SsrcGroup g : groups) {
            for (Long ssrc : g.sources()) {
                if (!video.contains(ssrc)) {
                    throw new InvalidAnswerException("a=ssrc-group:" + g.semantics() + " names SSRC " + ssrc
                            + ", which has no a=ssrc line in its m-section");
                }
            }
            if (g.semantics().equals("FID")) { // RFC 5576 §4.2: primary first, then its RTX
                video.remove(g.sources().get(0));
                video.add(0, g.sources().get(0));
            }
        }
        IceUdpTransport transport = new IceUdpTransport(ufrag, pwd, true,
                List.of(new Fingerprint(fp.hash(), fp.fingerprint(), role)), candidates);
        return new PageAnswer(transport, audio, video, groups);
    }

    private static List<Long> sending(List<Section> media, String kind) throws InvalidAnswerException {
        List<Section> senders = media.stream().filter(m -> m.sends() && kind.equals(m.kind)).toList();
        if (senders.size() > 1) {
            throw new InvalidAnswerException(senders.get(1).name() + " is a second sending " + kind
                    + " m-section; a page sends one " + kind + " source");
        }
        if (senders.isEmpty()) {
            return new ArrayList<>();
        }
        Section s = senders.get(0);
        if (s.ssrcs.isEmpty()) {
            throw new InvalidAnswerException(s.name() + " is " + s.direction + " but has no a=ssrc line: the bridge"
                    + " would drop its RTP");
        }
        return new ArrayList<>(s.ssrcs);
    }

    private static String orSession(String media, String session, Section first, String what) throws InvalidAnswerException {
        if (media != null) {
            return media;
        }
        if (session != null) {
            return session;
        }
        throw new InvalidAnswerException(first.name() + " has no " + what);
    }
}
