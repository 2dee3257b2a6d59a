package org.lucarne.signaling.notify;

import java.text.Normalizer;

/**
 * Text messages as phones count them (3GPP TS 23.038, §6.2.1): in the GSM 7-bit alphabet a message
 * of up to 160 characters is one segment, a longer one is cut in segments of 153 (the rest carries
 * the concatenation header, 3GPP TS 23.040 §9.2.3.24.1), and characters of the extension table
 * ({@code € [ ] { } ~ ^ \ |}) count twice. One character outside that alphabet makes the whole
 * message UCS-2: 70 characters, or 67 a segment. Lucarne's messages keep to the GSM alphabet, so
 * that two segments hold 306 characters: {@link #gsm} turns the accents the alphabet lacks (ê, ç,
 * œ…) into plain letters, as phones used to.
 */
final class SmsText {
    /** The GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1), except the escape: one septet each. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Its extension table (§6.2.1.1): an escape and the character, two septets each. */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    static final int SINGLE_GSM = 160;
    static final int SEGMENT_GSM = 153;
    static final int SINGLE_UCS2 = 70;
    static final int SEGMENT_UCS2 = 67;

    private SmsText() {
    }

    /** Whether every character of {@code text} is in the GSM alphabet or its extension. */
    static boolean isGsm(String text) {
        return text.codePoints().allMatch(c -> c < 0x10000 && (BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0));
    }

    /** Septets in the GSM alphabet (extension characters count two); only for {@link #isGsm} text. */
    static int septets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return n;
    }

    /** How many segments a phone network bills for {@code text}. */
    static int segments(String text) {
        if (isGsm(text)) {
            int n = septets(text);
            return n <= SINGLE_GSM ? 1 : (n + SEGMENT_GSM - 1) / SEGMENT_GSM;
        }
        int units = text.length(); // UTF-16 code units, as UCS-2 counts them
        return units <= SINGLE_UCS2 ? 1 : (units + SEGMENT_UCS2 - 1) / SEGMENT_UCS2;
    }

    /**
     * {@code text} in the GSM alphabet: typographic quotes, dashes and spaces as their plain forms, œ as
     * oe, accented letters the alphabet lacks as their base letter (ç → c, ê → e), and anything else
     * left over as {@code ?}.
     */
    static String gsm(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(gsmFor(c)));
        return out.toString();
    }

    private static String gsmFor(int c) {
        String s = new String(Character.toChars(c));
        if (isGsm(s)) {
            return s;
        }
        switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u2032' -> {
                return "'";
            }
            case '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB' -> {
                return "\"";
            }
            case '\u2013', '\u2014', '\u2212', '\u2010', '\u2011' -> {
                return "-";
            }
            case '\u00A0', '\u202F', '\u2009', '\t' -> {
                return " ";
            }
            case '\u2026' -> {
                return "...";
            }
            case '\u0153' -> {
                return "oe";
            }
            case '\u0152' -> {
                return "OE";
            }
            default -> {
                // Drop the accents (NFD: the letter, then its combining marks) and keep what the alphabet has.
                String base = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
                return !base.isEmpty() && isGsm(base) ? base : "?";
            }
        }
    }
}
