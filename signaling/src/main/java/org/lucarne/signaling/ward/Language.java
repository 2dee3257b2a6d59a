package org.lucarne.signaling.ward;

import java.util.Optional;

/** The languages Lucarne speaks to a patient (their tablet) and to a family (their messages). */
public enum Language {
    FR("fr"),
    EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The stored and wire form: an ISO 639-1 code. */
    public String code() {
        return code;
    }

    public static Optional<Language> of(String code) {
        for (Language l : values()) {
            if (l.code.equals(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
