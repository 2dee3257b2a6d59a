package org.lucarne.signaling.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements at {@code ;}, ignoring semicolons inside
 * {@code '…'} strings, {@code "…"} identifiers and {@code --} / {@code /* *}{@code /} comments.
 * PostgreSQL dollar-quoted bodies ({@code $$…$$}) are not understood: write such a
 * statement without inner semicolons, or teach this class first.
 */
final class SqlScript {

    private SqlScript() {
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean meaningful = false;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char ch = script.charAt(i);
            if (ch == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                current.append('\n');
            } else if (ch == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated /* comment");
                }
                i = end + 2;
                current.append(' ');
            } else if (ch == '\'' || ch == '"') {
                int end = closingQuote(script, i, ch);
                current.append(script, i, end + 1);
                meaningful = true;
                i = end + 1;
            } else if (ch == ';') {
                flush(current, meaningful, out);
                current.setLength(0);
                meaningful = false;
                i++;
            } else {
                current.append(ch);
                meaningful |= !Character.isWhitespace(ch);
                i++;
            }
        }
        flush(current, meaningful, out);
        return out;
    }

    /** Index of the quote closing the one at {@code start}; a doubled quote is an escaped one. */
    private static int closingQuote(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote starting at offset " + start);
    }

    private static void flush(StringBuilder current, boolean meaningful, List<String> out) {
        if (meaningful) {
            out.add(current.toString().strip());
        }
    }
}
