package org.lucarne.bridge.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.SsrcGroup;

/** What one m-section of an answer (or its session part, index −1) says, attribute by attribute. */
final class AnswerSection {
    static final int MAX_SSRCS = 16;
    private static final int MAX_FINGERPRINTS = 4;

    final int index;
    final int line;
    String kind;
    boolean rejected;
    final List<Integer> formats = new ArrayList<>();
    String mid;
    String direction;
    String ufrag;
    String pwd;
    final List<Fingerprint> fingerprints = new ArrayList<>();
    String setup;
    boolean rtcpMux;
    /** Each SSRC with the line that first named it. */
    final Map<Long, Integer> ssrcs = new LinkedHashMap<>();
    final List<SsrcGroup> groups = new ArrayList<>();
    /** extmap id → URI. */
    final Map<Integer, String> extmaps = new LinkedHashMap<>();
    /** rtpmap payload type → "name/clockrate". */
    final Map<Integer, String> rtpmaps = new LinkedHashMap<>();
    final Set<String> bundle = new LinkedHashSet<>();
    boolean hasBundle;

    AnswerSection(int index, int line) {
        this.index = index;
        this.line = line;
    }

    String name() {
        return index < 0 ? "the session part" : "m-section " + index + (mid == null ? "" : " (mid " + SdpTokens.abbreviate(mid) + ")");
    }

    /** The direction, sendrecv when none is given (RFC 3264 §5.1). */
    String direction() {
        return direction == null ? "sendrecv" : direction;
    }

    boolean sends() {
        return !rejected && (direction().equals("sendrecv") || direction().equals("sendonly"));
    }

    void attribute(String name, String arg, int lineNumber) throws InvalidAnswerException {
        String where = "line " + lineNumber;
        switch (name) {
            case "mid" -> mid = once(mid, token(arg, where, "a=mid"), where, "a=mid");
            case "sendrecv", "sendonly", "recvonly", "inactive" -> direction = once(direction, name, where, "direction");
            case "rtcp-mux" -> rtcpMux = true;
            case "ice-ufrag" -> ufrag = once(ufrag, iceChars(arg, 4, where, "a=ice-ufrag"), where, "a=ice-ufrag");
            case "ice-pwd" -> pwd = once(pwd, iceChars(arg, 22, where, "a=ice-pwd"), where, "a=ice-pwd");
            case "fingerprint" -> fingerprint(arg, where);
            case "setup" -> setup = once(setup, arg, where, "a=setup");
            case "ssrc" -> ssrc(arg, where, lineNumber);
            case "ssrc-group" -> group(arg, where);
            case "extmap" -> extmap(arg, where);
            case "rtpmap" -> rtpmap(arg, where);
            case "group" -> bundleGroup(arg);
            default -> { } // legal attributes the bridge has no use for (RFC 8866 §5.13: ignore unknown ones)
        }
    }

    private static String once(String previous, String value, String where, String what) throws InvalidAnswerException {
        if (previous != null) {
            throw new InvalidAnswerException(where + ": a second " + what + " in one section");
        }
        return value;
    }

    private static String token(String value, String where, String what) throws InvalidAnswerException {
        if (!SdpTokens.token(value)) {
            throw new InvalidAnswerException(where + ": " + what + " must be 1 to 64 token characters (RFC 8866 §9)");
        }
        return value;
    }

    private static String iceChars(String value, int min, String where, String what) throws InvalidAnswerException {
        if (!SdpTokens.iceChars(value, min)) {
            throw new InvalidAnswerException(where + ": " + what + " must be " + min + " to 256 ice-chars (RFC 8839 §5.4)");
        }
        return value;
    }

    /** RFC 8122 §5: {@code a=fingerprint:<hash> <hex pairs>}. */
    private void fingerprint(String arg, String where) throws InvalidAnswerException {
        String[] f = arg.split(" ", -1);
        if (f.length != 2 || !SdpTokens.hash(f[0]) || !SdpTokens.hexPairs(f[1])) {
            throw new InvalidAnswerException(where + ": a=fingerprint must be \"<sha-1|sha-224|sha-256|sha-384|sha-512>"
                    + " <hex pairs separated by colons>\" (RFC 8122 §5)");
        }
        if (fingerprints.size() >= MAX_FINGERPRINTS) {
            throw new InvalidAnswerException(where + ": more than " + MAX_FINGERPRINTS + " a=fingerprint lines in " + name());
        }
        fingerprints.add(new Fingerprint(f[0].toLowerCase(Locale.ROOT), f[1].toUpperCase(Locale.ROOT), null));
    }

    /** RFC 5576 §4.1: {@code a=ssrc:<ssrc-id> <attribute>[:<value>]}. */
    private void ssrc(String arg, String where, int lineNumber) throws InvalidAnswerException {
        int space = arg.indexOf(' ');
        if (space < 0 || space == arg.length() - 1) {
            throw new InvalidAnswerException(where + ": a=ssrc must be \"<ssrc> <attribute>[:<value>]\" (RFC 5576 §4.1)");
        }
        long ssrc = CandidateLine.number(arg.substring(0, space), 0, SdpTokens.MAX_SSRC, where, "SSRC");
        ssrcs.putIfAbsent(ssrc, lineNumber);
        if (ssrcs.size() > MAX_SSRCS) {
            throw new InvalidAnswerException(where + ": " + name() + " has more than " + MAX_SSRCS + " SSRCs");
        }
    }

    /** RFC 5576 §4.2: {@code a=ssrc-group:<semantics> <ssrc> …}. */
    private void group(String arg, String where) throws InvalidAnswerException {
        String[] f = arg.split(" ", -1);
        if (f.length < 2 || f.length > MAX_SSRCS + 1 || !f[0].matches("[A-Za-z0-9-]{1,16}")) {
            throw new InvalidAnswerException(where + ": a=ssrc-group must be \"<semantics> <ssrc> …\" with at most "
                    + MAX_SSRCS + " SSRCs (RFC 5576 §4.2)");
        }
        if (groups.size() >= MAX_SSRCS) {
            throw new InvalidAnswerException(where + ": " + name() + " has more than " + MAX_SSRCS + " SSRC groups");
        }
        List<Long> members = new ArrayList<>();
        for (int i = 1; i < f.length; i++) {
            members.add(CandidateLine.number(f[i], 0, SdpTokens.MAX_SSRC, where, "SSRC"));
        }
        groups.add(new SsrcGroup(f[0], members));
    }

    /** RFC 8285 §8: {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]}. */
    private void extmap(String arg, String where) throws InvalidAnswerException {
        String[] f = arg.split(" ", -1);
        if (f.length < 2 || f[1].isEmpty()) {
            throw new InvalidAnswerException(where + ": a=extmap must be \"<id>[/<direction>] <uri>\" (RFC 8285 §8)");
        }
        String id = f[0].contains("/") ? f[0].substring(0, f[0].indexOf('/')) : f[0];
        int n = (int) CandidateLine.number(id, 1, 255, where, "extension id");
        if (extmaps.put(n, f[1]) != null) {
            throw new InvalidAnswerException(where + ": extension id " + n + " is mapped twice in " + name() + " (RFC 8285 §6)");
        }
    }

    /** RFC 8866 §6.6: {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<parameters>]}. */
    private void rtpmap(String arg, String where) throws InvalidAnswerException {
        String[] f = arg.split(" ", -1);
        String[] encoding = f.length == 2 ? f[1].split("/", -1) : new String[0];
        if (encoding.length < 2) {
            throw new InvalidAnswerException(where + ": a=rtpmap must be \"<payload type> <name>/<clock rate>\" (RFC 8866 §6.6)");
        }
        int pt = (int) CandidateLine.number(f[0], 0, 127, where, "payload type");
        rtpmaps.put(pt, encoding[0].toLowerCase(Locale.ROOT) + "/" + encoding[1]);
    }

    /** RFC 5888 §5: {@code a=group:BUNDLE <mid> …}; other group semantics are not the bridge's business. */
    private void bundleGroup(String arg) {
        String[] f = arg.split(" ", -1);
        if (f[0].equals("BUNDLE")) {
            hasBundle = true;
            for (int i = 1; i < f.length; i++) {
                bundle.add(f[i]);
            }
        }
    }
}
