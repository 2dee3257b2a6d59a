package org.lucarne.bridge.sdp;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lucarne.bridge.colibri.Candidate;

/** One {@code a=candidate} value of a browser's answer (RFC 8839 §5.1), as a Colibri2 candidate. */
final class CandidateLine {
    private static final Pattern FOUNDATION = Pattern.compile("[A-Za-z0-9+/]{1,32}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private CandidateLine() {
    }

    /**
     * The candidate, or empty for one the bridge cannot use and that is skipped on purpose: TCP
     * candidates (a browser's are active, port 9: it connects to the bridge's passive one, which
     * then learns it from its checks) and mDNS host names ({@code <uuid>.local}), which only the
     * browser can resolve.
     */
    static Optional<Candidate> parse(String value, String where) throws InvalidAnswerException {
        String[] f = value.trim().split(" +");
        if (f.length < 8 || !f[6].equals("typ")) {
            throw new InvalidAnswerException(where + " is not \"foundation component transport priority address port"
                    + " typ type\"");
        }
        if (!FOUNDATION.matcher(f[0]).matches()) {
            throw new InvalidAnswerException(where + " has a foundation that is not 1 to 32 ice-chars");
        }
        int component = (int) number(f[1], 1, 256, where, "component");
        String transport = f[2].toLowerCase(Locale.ROOT);
        long priority = number(f[3], 0, 0xFFFF_FFFFL, where, "priority");
        int port = (int) number(f[5], 0, 65535, where, "port");
        Candidate.Type type = type(f[7], where);
        if (!transport.equals("udp") || port == 0 || !ip(f[4])) {
            return Optional.empty();
        }
        String relAddr = null;
        Integer relPort = null;
        for (int i = 8; i + 1 < f.length; i += 2) {
            if (f[i].equals("raddr")) {
                relAddr = f[i + 1];
            } else if (f[i].equals("rport")) {
                relPort = (int) number(f[i + 1], 0, 65535, where, "rport");
            }
        }
        if (relAddr != null && !ip(relAddr)) {
            relAddr = null; // Chrome writes 0.0.0.0 or an mDNS name here; neither helps the bridge
            relPort = null;
        }
        return Optional.of(new Candidate(component, f[0], 0, null, f[4], null, port, priority,
                Candidate.Protocol.UDP, type, relAddr, relAddr == null ? null : relPort));
    }

    /** A literal IPv4 or IPv6 address: the bridge cannot resolve names. */
    private static boolean ip(String s) {
        return IPV4.matcher(s).matches() || s.contains(":") && IPV6.matcher(s).matches();
    }

    private static Candidate.Type type(String word, String where) throws InvalidAnswerException {
        for (Candidate.Type t : Candidate.Type.values()) {
            if (t.wireName().equals(word)) {
                return t;
            }
        }
        throw new InvalidAnswerException(where + " has type \"" + abbreviate(word) + "\", not host, srflx, prflx or relay");
    }

    static long number(String text, long min, long max, String where, String what) throws InvalidAnswerException {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidAnswerException(where + " has " + what + " \"" + abbreviate(text) + "\", not a number");
        }
        long n = Long.parseLong(text);
        if (n < min || n > max) {
            throw new InvalidAnswerException(where + " has " + what + " " + n + ", outside " + min + " to " + max);
        }
        return n;
    }

    static String abbreviate(String s) {
        return SdpTokens.abbreviate(s);
    }
}
