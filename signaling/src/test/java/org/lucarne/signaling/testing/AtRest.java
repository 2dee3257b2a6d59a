package org.lucarne.signaling.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.Dialect;

/**
 * What a thief of the files finds: a scan of the bytes at rest for texts that must not be there
 * (names, phone numbers, e-mail addresses), in UTF-8, UTF-16LE and UTF-16BE.
 */
public final class AtRest {
    private static final List<Charset> FORMS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE);

    private AtRest() {
    }

    /**
     * Fails, naming the file, the text and its byte form, when any text appears in any file of
     * {@code paths}: a directory is scanned whole (every file under it); a file is scanned with its
     * SQLite companions ({@code -wal}, {@code -shm}, {@code -journal}) when they exist.
     *
     * @return the files scanned, so a test can check it scanned what it meant to
     */
    public static List<Path> assertNoneOf(Path path, String... texts) {
        List<Path> files = files(path);
        assertTrue(!files.isEmpty(), "nothing to scan at " + path);
        for (Path f : files) {
            byte[] content = read(f);
            for (String text : texts) {
                for (Charset form : FORMS) {
                    int at = indexOf(content, text.getBytes(form));
                    if (at >= 0) {
                        fail(f + " holds '" + text + "' in " + form + " at byte " + at);
                    }
                }
            }
        }
        return files;
    }

    /**
     * Fails, naming the file and the offset, when any of {@code needles} (raw bytes: windows of a picture, say)
     * appears in any file of {@code path}, scanned as {@link #assertNoneOf} does.
     */
    public static List<Path> assertNoBytes(Path path, List<byte[]> needles) {
        List<Path> files = files(path);
        assertTrue(!files.isEmpty(), "nothing to scan at " + path);
        for (Path f : files) {
            byte[] content = read(f);
            for (int n = 0; n < needles.size(); n++) {
                int at = indexOf(content, needles.get(n));
                if (at >= 0) {
                    fail(f + " holds the bytes of window " + n + " at byte " + at);
                }
            }
        }
        return files;
    }

    /** The database file and those of its companions that exist: what a copy of the database takes. */
    public static List<Path> sqliteFiles(Path databaseFile) {
        List<Path> all = new ArrayList<>();
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path p = databaseFile.resolveSibling(databaseFile.getFileName() + suffix);
            if (Files.isRegularFile(p)) {
                all.add(p);
            }
        }
        return all;
    }

    /**
     * Fails when any column of any table of the database's schema holds one of {@code texts},
     * whatever the column's type. On PostgreSQL this is what a non-superuser can check: its data
     * directory (old row versions, WAL segments) is the server's, readable only by its own user.
     */
    public static void assertNoTableHolds(Database db, String... texts) {
        String find = db.dialect() == Dialect.POSTGRESQL ? "strpos" : "instr";
        db.inTransaction(c -> {
            for (String[] column : columns(c)) {
                for (String text : texts) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + quote(column[0]) + " WHERE "
                            + find + "(CAST(" + quote(column[1]) + " AS TEXT), ?) > 0")) {
                        ps.setString(1, text);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                fail(column[0] + "." + column[1] + " holds '" + text + "'");
                            }
                        }
                    }
                }
            }
            return null;
        });
    }

    private static List<String[]> columns(Connection c) throws SQLException {
        List<String[]> all = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), "%", "%")) {
            while (rs.next()) {
                all.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
            }
        }
        assertTrue(all.size() > 10, "the schema's columns are listed: " + all.size());
        return all;
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static List<Path> files(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                return walk.filter(Files::isRegularFile).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sqliteFiles(path);
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@code needle} first is in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
