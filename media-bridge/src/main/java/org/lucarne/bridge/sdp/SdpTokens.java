package org.lucarne.bridge.sdp;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shapes of the values that go into or come out of SDP lines. Every value the offer writes is
 * checked here first, so that nothing from a bridge's answer or a source's name can break a line
 * or add one.
 */
final class SdpTokens {
    static final Pattern ICE_CHARS = Pattern.compile("[A-Za-z0-9+/]+"); // RFC 8839 §5.4
    static final Pattern HEX_PAIRS = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){1,63}"); // RFC 8122 §5
    static final Set<String> HASHES = Set.of("sha-1", "sha-224", "sha-256", "sha-384", "sha-512");
    /** RFC 8866 §9 token-char, which msid-id (RFC 8830 §2) and cname values use. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.0-9A-Z^_`a-z{|}~]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Za-z.:\\-]{1,253}");
    static final long MAX_SSRC = 0xFFFF_FFFFL;

    private SdpTokens() {
    }

    static boolean iceChars(String s, int min) {
        return s != null && s.length() >= min && s.length() <= 256 && ICE_CHARS.matcher(s).matches();
    }

    static boolean hash(String s) {
        return s != null && HASHES.contains(s.toLowerCase(Locale.ROOT));
    }

    static boolean hexPairs(String s) {
        return s != null && HEX_PAIRS.matcher(s).matches();
    }

    static boolean token(String s) {
        return s != null && TOKEN.matcher(s).matches();
    }

    static boolean address(String s) {
        return s != null && ADDRESS.matcher(s).matches();
    }

    static boolean ssrc(long ssrc) {
        return ssrc >= 0 && ssrc <= MAX_SSRC;
    }

    /**
     * At most 40 characters of untrusted text, for an error message: control and format characters
     * (C0 and C1 included) and unpaired surrogates become {@code ?}, so the message stays one line.
     */
    static String abbreviate(String s) {
        String cut = s.length() <= 40 ? s : s.substring(0, 40);
        StringBuilder safe = new StringBuilder(cut.length() + 1);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1));
            if (pair) {
                safe.append(c).append(cut.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                safe.append('?');
            } else {
                safe.append(c);
            }
        }
        return s.length() <= 40 ? safe.toString() : safe.append('…').toString();
    }
}
