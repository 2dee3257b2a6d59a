package org.lucarne.signaling.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;
import org.lucarne.signaling.ward.Language;

/**
 * Family contacts in the staff API's JSON (docs/staff-api.md, "Family contacts"): a request's fields
 * read and checked, each refusal naming its field; {@code <contact>} answered.
 */
public final class ContactJson {
    static final String[] FIELDS = {"name", "relationship", "phone", "email", "language", "channel", "allowed"};
    static final int MAX_NAME = 100;
    static final int MAX_RELATIONSHIP = 64;

    private ContactJson() {
    }

    /** {@code <contact>}: every detail, for the staff of the patient's ward. */
    public static ObjectNode contact(ContactRow row) {
        ContactDetails d = row.details().orElseThrow(() -> new IllegalStateException("a removed contact has no details"));
        return Json.object().put("id", row.id()).put("name", d.name()).put("relationship", d.relationship().orElse(null))
                .put("phone", d.phone().orElse(null)).put("email", d.email().orElse(null))
                .put("language", d.language().code()).put("channel", d.channel().code()).put("allowed", d.allowed())
                .put("createdAt", row.createdAt().toEpochMilli());
    }

    /** A new contact's details; {@code language} and {@code channel} default as documented. */
    static ContactDetails created(JsonBody b, Language patientLanguage) {
        b.only(FIELDS);
        String name = name(b.string("name", 0, 1000));
        Optional<String> relationship = clearable(b, "relationship", 1000, ContactJson::relationship).flatMap(v -> v);
        Optional<String> phone = clearable(b, "phone", 1000, v -> checked("phone", v, PhoneNumbers::normalize))
                .flatMap(v -> v);
        Optional<String> email = clearable(b, "email", 1000, v -> checked("email", v, EmailAddresses::normalize))
                .flatMap(v -> v);
        Language language = b.optionalString("language", 0, 16).map(ContactJson::language).orElse(patientLanguage);
        Channel channel = b.optionalString("channel", 0, 16).map(ContactJson::channel)
                .orElseGet(() -> ContactDetails.defaultChannel(phone, email));
        boolean allowed = b.optionalBoolean("allowed").orElse(true);
        return details(name, relationship, phone, email, language, channel, allowed);
    }

    /** {@code before} with a {@code PATCH}'s fields applied; at least one field is required. */
    static ContactDetails changed(JsonBody b, ContactDetails before) {
        b.only(FIELDS);
        boolean any = false;
        for (String f : FIELDS) {
            any |= b.has(f);
        }
        if (!any) {
            throw ApiException.invalid("send at least one of " + String.join(", ", FIELDS));
        }
        if (b.isNull("name")) {
            throw ApiException.invalid("name", "a contact keeps a name; remove the contact instead");
        }
        String name = b.optionalString("name", 0, 1000).map(ContactJson::name).orElse(before.name());
        Optional<String> relationship = clearable(b, "relationship", 1000, ContactJson::relationship)
                .orElse(before.relationship());
        Optional<String> phone = clearable(b, "phone", 1000, v -> checked("phone", v, PhoneNumbers::normalize))
                .orElse(before.phone());
        Optional<String> email = clearable(b, "email", 1000, v -> checked("email", v, EmailAddresses::normalize))
                .orElse(before.email());
        Language language = b.optionalString("language", 0, 16).map(ContactJson::language).orElse(before.language());
        Channel channel = b.optionalString("channel", 0, 16).map(ContactJson::channel).orElse(before.channel());
        boolean allowed = b.optionalBoolean("allowed").orElse(before.allowed());
        return details(name, relationship, phone, email, language, channel, allowed);
    }

    /** What changed, by field name, for the audit trail (never the values). */
    static String changes(ContactDetails before, ContactDetails after) {
        StringBuilder s = new StringBuilder();
        add(s, "name", before.name().equals(after.name()));
        add(s, "relationship", before.relationship().equals(after.relationship()));
        add(s, "phone", before.phone().equals(after.phone()));
        add(s, "email", before.email().equals(after.email()));
        add(s, "language", before.language() == after.language());
        add(s, "channel", before.channel() == after.channel());
        add(s, "allowed", before.allowed() == after.allowed());
        return "changed=" + (s.length() == 0 ? "none" : s.toString())
                + (before.allowed() == after.allowed() ? "" : " allowed=" + after.allowed())
                + (before.channel() == after.channel() ? "" : " channel=" + after.channel().code());
    }

    private static void add(StringBuilder s, String name, boolean same) {
        if (!same) {
            s.append(s.length() == 0 ? "" : ",").append(name);
        }
    }

    private static ContactDetails details(String name, Optional<String> relationship, Optional<String> phone,
                                          Optional<String> email, Language language, Channel channel, boolean allowed) {
        try {
            return new ContactDetails(name, relationship, phone, email, language, channel, allowed);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("channel", e.getMessage());
        }
    }

    /** Absent: empty; {@code null} or an empty text: cleared; else the value, through {@code check}. */
    private static Optional<Optional<String>> clearable(JsonBody b, String field, int max, UnaryOperator<String> check) {
        if (!b.has(field)) {
            return Optional.empty();
        }
        if (b.isNull(field)) {
            return Optional.of(Optional.empty());
        }
        String typed = b.optionalString(field, 0, max).orElseThrow();
        return Optional.of(typed.isBlank() ? Optional.empty() : Optional.of(check.apply(typed)));
    }

    private static String checked(String field, String typed, UnaryOperator<String> normalize) {
        try {
            return normalize.apply(typed);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
    }

    private static String name(String typed) {
        return text("name", typed, MAX_NAME, "a name");
    }

    private static String relationship(String typed) {
        return text("relationship", typed, MAX_RELATIONSHIP, "a relationship (daughter, neighbour…)");
    }

    private static String text(String field, String typed, int max, String what) {
        String s = typed.strip();
        if (s.isEmpty() || s.codePointCount(0, s.length()) > max || s.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(field, what + " is 1 to " + max + " characters, without control characters");
        }
        return s;
    }

    private static Language language(String typed) {
        return Language.of(typed).orElseThrow(() -> ApiException.invalid("language", "the language is fr or en"));
    }

    private static Channel channel(String typed) {
        return Channel.of(typed).orElseThrow(() -> ApiException.invalid("channel", "the channel is sms, email or none"));
    }
}
