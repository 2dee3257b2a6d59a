package org.lucarne.signaling.storage;

/** The two databases Lucarne runs on, told apart by the JDBC URL. */
public enum Dialect {
    /** An embedded file, {@code jdbc:sqlite:<path>}: the zero set-up default. */
    SQLITE("sqlite", "jdbc:sqlite:"),
    /** A server, {@code jdbc:postgresql://host[:port]/database}: for deployments and several nodes. */
    POSTGRESQL("postgresql", "jdbc:postgresql://");

    /** The words an operator sees when the URL is wrong. */
    static final String ACCEPTED_FORMS =
            "jdbc:sqlite:/path/to/lucarne.db or jdbc:postgresql://host[:port]/database";

    private final String id;
    private final String urlPrefix;

    Dialect(String id, String urlPrefix) {
        this.id = id;
        this.urlPrefix = urlPrefix;
    }

    /** Lower-case name used in migration file names, e.g. {@code V001__init.postgresql.sql}. */
    public String id() {
        return id;
    }

    /**
     * The dialect a JDBC URL speaks.
     *
     * @throws StorageException naming the setting and the accepted forms when the URL is neither
     */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl != null) {
            for (Dialect d : values()) {
                if (jdbcUrl.startsWith(d.urlPrefix) && jdbcUrl.length() > d.urlPrefix.length()) {
                    return d;
                }
            }
        }
        throw new StorageException("database URL (LUCARNE_DB_URL / db.url) is not supported: '"
                + DatabaseSettings.redact(jdbcUrl) + "'. Use " + ACCEPTED_FORMS);
    }
}
