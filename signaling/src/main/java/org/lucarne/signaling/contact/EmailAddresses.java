package org.lucarne.signaling.contact;

import java.util.Locale;

/**
 * A family member's e-mail address, checked for what a person can mistype, not for every form the
 * RFCs allow: {@code local@domain}, the local part a dot-atom (RFC 5322 §3.4.1; letters of any
 * script allowed, RFC 6531 §3.3), the domain host names of letters, digits and hyphens with at least
 * one dot and a top-level label that is not all digits; no quoted local parts, comments, display names
 * or address literals. Sizes of RFC 5321 §4.5.3.1: 64 octets of local part, 255 of domain (we keep to
 * 253, a DNS name's) and 254 in all. The domain is kept in lower case (it is not case-sensitive); the
 * local part as typed (a server may treat its case as it likes).
 */
public final class EmailAddresses {
    /** RFC 5322 §3.2.3 atext besides letters and digits. */
    private static final String ATEXT = "!#$%&'*+/=?^_`{|}~-";

    private EmailAddresses() {
    }

    /**
     * @throws IllegalArgumentException saying what cannot be in an address
     */
    public static String normalize(String typed) {
        String t = typed.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("the e-mail address is empty");
        }
        if (t.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an e-mail address has no space in it: give the address alone,"
                    + " like jean.dupont@example.org");
        }
        int at = t.indexOf('@');
        if (at < 0 || at != t.lastIndexOf('@')) {
            throw new IllegalArgumentException("an e-mail address has one @, like jean.dupont@example.org");
        }
        String local = t.substring(0, at);
        String domain = t.substring(at + 1).toLowerCase(Locale.ROOT);
        checkLocal(local);
        checkDomain(domain);
        String address = local + "@" + domain;
        if (utf8Length(address) > 254) {
            throw new IllegalArgumentException("an e-mail address has at most 254 characters");
        }
        return address;
    }

    private static void checkLocal(String local) {
        if (local.isEmpty()) {
            throw new IllegalArgumentException("an e-mail address has a name before the @");
        }
        if (utf8Length(local) > 64) {
            throw new IllegalArgumentException("the part before the @ has at most 64 characters");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new IllegalArgumentException("the part before the @ cannot start or end with a dot, nor have"
                    + " two dots in a row");
        }
        local.codePoints().forEach(c -> {
            boolean ok = Character.isLetterOrDigit(c) || c == '.' || (c < 128 && ATEXT.indexOf(c) >= 0);
            if (!ok) {
                throw new IllegalArgumentException("the character '" + Character.toString(c) + "' cannot be in an"
                        + " e-mail address");
            }
        });
    }

    private static void checkDomain(String domain) {
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("an e-mail address has a domain after the @, like example.org");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || utf8Length(domain) > 253) {
            throw notDomain(domain);
        }
        for (String label : labels) {
            if (label.isEmpty() || utf8Length(label) > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                throw notDomain(domain);
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw notDomain(domain);
        }
    }

    private static IllegalArgumentException notDomain(String domain) {
        return new IllegalArgumentException("'" + domain + "' is not a domain name: after the @ come names of"
                + " letters, digits and hyphens separated by dots, like example.org");
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
