package org.lucarne.signaling.storage;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the database is and how to log in.
 *
 * @param jdbcUrl  {@code jdbc:sqlite:<path>} or {@code jdbc:postgresql://host[:port]/database}
 * @param user     PostgreSQL user, or null (SQLite ignores it)
 * @param password PostgreSQL password, or null; never shown by {@link #toString()}
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");

    /** The default embedded database inside the server's data directory. */
    public static DatabaseSettings sqlite(Path dataDir) {
        return new DatabaseSettings("jdbc:sqlite:" + dataDir.resolve("lucarne.db"), null, null);
    }

    /** The URL with any {@code password=} parameter masked, safe for logs and error messages. */
    public String safeUrl() {
        return redact(jdbcUrl);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + safeUrl() + ", user=" + user
                + ", password=" + (password == null ? "null" : "***") + "]";
    }

    static String redact(String url) {
        return url == null ? null : PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    }
}
