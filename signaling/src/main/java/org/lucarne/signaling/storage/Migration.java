package org.lucarne.signaling.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One schema migration as this build knows it, already resolved for one dialect.
 *
 * @param version  positive, strictly increasing across migrations
 * @param name     what it does, lower-case words joined by {@code _}
 * @param resource where the SQL came from, for messages
 * @param sql      statements separated by {@code ;}
 */
public record Migration(int version, String name, String resource, String sql) {

    public Migration {
        if (version <= 0) {
            throw new IllegalArgumentException("migration version must be positive: " + version);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(sql, "sql");
    }

    /** {@code V001__init}: the file name without dialect and extension. */
    public String label() {
        return String.format("V%03d__%s", version, name);
    }

    /**
     * SHA-256 (hex) of the SQL with line endings normalised to {@code \n}, so a checkout that
     * converts line endings does not look like an edited migration.
     */
    public String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
