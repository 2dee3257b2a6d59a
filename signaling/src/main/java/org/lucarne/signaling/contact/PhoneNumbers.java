package org.lucarne.signaling.contact;

import java.util.Map;

/**
 * A family member's mobile number, as they or the ward type it, in its one stored form: E.164
 * ({@code +33612345678}; ITU-T E.164 §6: a country code and a national number, 15 digits at most).
 *
 * <p>French forms are read as the French numbering plan has them (ARCEP): ten digits from a 0, of
 * which {@code 06} and {@code 07} are mobiles; the mobiles of the overseas departments keep their
 * national {@code 06} form but have a country code of their own ({@code 0690}, {@code 0691}
 * Guadeloupe +590; {@code 0694} French Guiana +594; {@code 0696}, {@code 0697} Martinique +596;
 * {@code 0692}, {@code 0693} Réunion and {@code 0639} Mayotte +262). A number given with its country
 * code ({@code +} or {@code 00}) is checked as a mobile for France and those departments; elsewhere
 * only its length is (a text to a landline abroad fails at the gateway, which says so).
 */
public final class PhoneNumbers {
    /** Overseas mobiles: the first four national digits → the country code. */
    private static final Map<String, String> OVERSEAS = Map.of("0690", "590", "0691", "590", "0694", "594",
            "0696", "596", "0697", "596", "0692", "262", "0693", "262", "0639", "262");
    /** Country codes whose mobiles we know: the national numbers that are mobiles start with these. */
    private static final Map<String, String[]> MOBILE_PREFIXES = Map.of("33", new String[] {"6", "7"},
            "590", new String[] {"690", "691"}, "594", new String[] {"694"}, "596", new String[] {"696", "697"},
            "262", new String[] {"692", "693", "639"});

    private PhoneNumbers() {
    }

    /**
     * The number in E.164.
     *
     * @throws IllegalArgumentException saying why it cannot be a mobile number, and how to write one
     */
    public static String normalize(String typed) {
        String t = typed.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("the phone number is empty");
        }
        // "+33 (0)6 …": the national 0 written beside the country code.
        t = t.replace("(0)", "");
        StringBuilder digits = new StringBuilder();
        boolean plus = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && i == 0) {
                plus = true;
            } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '/') {
                throw new IllegalArgumentException("a phone number holds digits, with spaces, dots or dashes between"
                        + " them and a + before the country code; '" + c + "' cannot be in one");
            }
        }
        String d = digits.toString();
        if (!plus && d.startsWith("00")) {
            plus = true;
            d = d.substring(2);
        }
        if (plus) {
            return international(d);
        }
        if (!d.startsWith("0")) {
            throw new IllegalArgumentException("write a French mobile number with its 0 (06 12 34 56 78), and any"
                    + " other with its country code (+32 470 12 34 56)");
        }
        if (d.length() != 10) {
            throw new IllegalArgumentException("a French number has 10 digits (06 12 34 56 78); this one has "
                    + d.length());
        }
        String overseas = OVERSEAS.get(d.substring(0, 4));
        if (overseas != null) {
            return "+" + overseas + d.substring(1);
        }
        if (d.charAt(1) != '6' && d.charAt(1) != '7') {
            throw notMobile("French mobile numbers start with 06 or 07");
        }
        return "+33" + d.substring(1);
    }

    private static String international(String d) {
        if (d.isEmpty() || d.startsWith("0")) {
            throw new IllegalArgumentException("after the + comes the country code (33 for France), which does not"
                    + " start with 0");
        }
        for (Map.Entry<String, String[]> e : MOBILE_PREFIXES.entrySet()) {
            String cc = e.getKey();
            if (!d.startsWith(cc)) {
                continue;
            }
            String national = d.substring(cc.length());
            if (national.startsWith("0")) {
                // "+33 06 …": the national 0 kept after the country code.
                national = national.substring(1);
            }
            if (national.length() != 9) {
                throw new IllegalArgumentException("after +" + cc + " come 9 digits (+" + cc + " 6 12 34 56 78);"
                        + " this number has " + national.length());
            }
            for (String prefix : e.getValue()) {
                if (national.startsWith(prefix)) {
                    return "+" + cc + national;
                }
            }
            throw notMobile("mobile numbers of +" + cc + " start with " + String.join(" or ", e.getValue()));
        }
        if (d.length() < 8 || d.length() > 15) {
            throw new IllegalArgumentException("a number with its country code has 8 to 15 digits; this one has "
                    + d.length());
        }
        return "+" + d;
    }

    private static IllegalArgumentException notMobile(String rule) {
        return new IllegalArgumentException("this looks like a landline or a service number, which cannot receive"
                + " text messages (" + rule + "): give a mobile number, or an e-mail address instead");
    }
}
