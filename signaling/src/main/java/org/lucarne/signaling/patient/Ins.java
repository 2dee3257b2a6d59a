package org.lucarne.signaling.patient;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A patient's INS (identité nationale de santé): the matricule INS, that is the 13 characters of the
 * person's NIR (or of their NIA, a number given while waiting for one) followed by its 2-digit key,
 * and the OID of the authority that assigned it.
 *
 * <p>The rules, as the references state them:
 * <ul>
 *   <li>the key is 97 − (the 13 characters as a number, mod 97), from 01 to 97 (INSEE's rule for the
 *       NIR);</li>
 *   <li>people born in Corsica have department {@code 2A} or {@code 2B} in positions 6–7; for the key
 *       these count as 19 and 18 (INSEE's rule);</li>
 *   <li>the OID says which kind of matricule it is (ANS, "Guide d'implémentation de l'identité INS
 *       dans les logiciels"; HL7 France FR Core, profile {@code fr-core-patient-ins}, identifier slices):
 *       {@code 1.2.250.1.213.1.4.8} INS-NIR, {@code .9} INS-NIA, {@code .10} INS-NIR of test identities,
 *       {@code .11} INS-NIR of demonstration identities. Any other OID (the retired INS-C, {@code .2},
 *       a hospital's own) is not an INS.</li>
 * </ul>
 * Stored sealed as one text, {@link #stored()}: {@code <matricule>|<oid>}.
 *
 * @param matricule the 15 characters: 13 of the NIR or NIA, then the key
 */
public record Ins(String matricule, Authority authority) {

    /** The assigning authorities of an INS, by OID. */
    public enum Authority {
        NIR("1.2.250.1.213.1.4.8", "INS-NIR"),
        NIA("1.2.250.1.213.1.4.9", "INS-NIA"),
        NIR_TEST("1.2.250.1.213.1.4.10", "INS-NIR-TEST"),
        NIR_DEMO("1.2.250.1.213.1.4.11", "INS-NIR-DEMO");

        private final String oid;
        private final String kind;

        Authority(String oid, String kind) {
            this.oid = oid;
            this.kind = kind;
        }

        public String oid() {
            return oid;
        }

        /** How FR Core names it: {@code INS-NIR}, {@code INS-NIA}, {@code INS-NIR-TEST}, {@code INS-NIR-DEMO}. */
        public String kind() {
            return kind;
        }

        /** @throws IllegalArgumentException listing the OIDs accepted */
        public static Authority of(String oid) {
            for (Authority a : values()) {
                if (a.oid.equals(oid)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("'" + oid + "' is not the OID of an INS: it is one of " + list());
        }

        static String list() {
            return Arrays.stream(values()).map(a -> a.oid + " (" + a.kind + ")").collect(Collectors.joining(", "));
        }
    }

    public Ins {
        Objects.requireNonNull(matricule, "matricule");
        Objects.requireNonNull(authority, "authority");
    }

    /**
     * The INS as staff type it: spaces in the matricule are ignored, letters may be in either case.
     *
     * @throws IllegalArgumentException saying what is wrong with the matricule or the OID
     */
    public static Ins parse(String typedMatricule, String oid) {
        return new Ins(matricule(typedMatricule), Authority.of(oid));
    }

    /**
     * The matricule in its one form, its key checked.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String matricule(String typed) {
        String m = typed.replace(" ", "").toUpperCase(Locale.ROOT);
        if (m.length() != 15) {
            throw new IllegalArgumentException("a matricule INS has 15 characters: the 13 of the NIR (or NIA) and"
                    + " its 2-digit key; this one has " + m.length());
        }
        for (int i = 0; i < 15; i++) {
            char c = m.charAt(i);
            boolean department = i == 5 || i == 6;
            if (!(c >= '0' && c <= '9') && !(department && Character.isLetter(c))) {
                throw new IllegalArgumentException("a matricule INS is digits only, except 2A or 2B for Corsica in"
                        + " positions 6 and 7; character " + (i + 1) + " is not a digit");
            }
        }
        String department = m.substring(5, 7);
        if (!department.chars().allMatch(Character::isDigit) && !department.equals("2A") && !department.equals("2B")) {
            throw new IllegalArgumentException("positions 6 and 7 of a matricule INS are digits, or 2A or 2B for"
                    + " Corsica, not " + department);
        }
        if (!key(m.substring(0, 13)).equals(m.substring(13))) {
            throw new IllegalArgumentException("the key " + m.substring(13) + " does not match the 13 characters"
                    + " before it: one of them was mistyped");
        }
        return m;
    }

    /** The 2-digit key of the 13 characters of a NIR or NIA: 97 − (number mod 97), 2A and 2B as 19 and 18. */
    static String key(String thirteen) {
        String department = switch (thirteen.substring(5, 7)) {
            case "2A" -> "19";
            case "2B" -> "18";
            default -> thirteen.substring(5, 7);
        };
        long number = Long.parseLong(thirteen.substring(0, 5) + department + thirteen.substring(7));
        return String.format(Locale.ROOT, "%02d", 97 - number % 97);
    }

    /** The one text stored (sealed): {@code <matricule>|<oid>}. */
    public String stored() {
        return matricule + "|" + authority.oid();
    }

    /** @throws IllegalArgumentException for a text {@link #stored()} did not write */
    public static Ins fromStored(String text) {
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("a stored INS is <matricule>|<oid>");
        }
        return new Ins(matricule(text.substring(0, bar)), Authority.of(text.substring(bar + 1)));
    }

    /** No matricule in a log. */
    @Override
    public String toString() {
        return "Ins[" + authority.kind() + "]";
    }
}
