package org.lucarne.signaling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the migrations listed in {@code <location>/index.txt}, one name per line in order
 * ({@code #} starts a comment). Listing a classpath directory inside a jar is unreliable,
 * so the index is the source of truth; a test checks that it matches the directory.
 *
 * <p>For each name {@code V001__init} the loader takes either the common file
 * {@code V001__init.sql} or the dialect's own {@code V001__init.sqlite.sql} /
 * {@code V001__init.postgresql.sql}; having both for one dialect is an error, as is having
 * neither.
 */
final class MigrationLoader {

    static final Pattern NAME = Pattern.compile("V(\\d{3,})__([a-z0-9]+(?:_[a-z0-9]+)*)");

    /** Reads a resource by path, empty when absent. */
    @FunctionalInterface
    interface Resources {
        Optional<String> read(String path);
    }

    private MigrationLoader() {
    }

    static Resources classpath(ClassLoader loader) {
        return path -> {
            try (InputStream in = loader.getResourceAsStream(path)) {
                return in == null ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        };
    }

    static List<Migration> load(Resources resources, String location, Dialect dialect) {
        String indexPath = location + "/index.txt";
        String index = resources.read(indexPath).orElseThrow(() -> broken(indexPath + " is missing"));
        List<Migration> migrations = new ArrayList<>();
        int previous = 0;
        String[] lines = index.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(line);
            if (!m.matches()) {
                throw broken(indexPath + " line " + (n + 1) + ": '" + line
                        + "' is not a migration name like V001__init");
            }
            int version = Integer.parseInt(m.group(1));
            if (version <= previous) {
                throw broken(indexPath + " line " + (n + 1) + ": " + line
                        + " is not newer than the line before it; keep versions strictly increasing");
            }
            previous = version;
            migrations.add(resolve(resources, location, line, version, m.group(2), dialect));
        }
        return List.copyOf(migrations);
    }

    private static Migration resolve(Resources resources, String location, String label, int version,
            String name, Dialect dialect) {
        String common = location + "/" + label + ".sql";
        String specific = location + "/" + label + "." + dialect.id() + ".sql";
        Optional<String> commonSql = resources.read(common);
        Optional<String> specificSql = resources.read(specific);
        if (commonSql.isPresent() && specificSql.isPresent()) {
            throw broken("both " + common + " and " + specific + " exist: keep one");
        }
        if (commonSql.isPresent()) {
            return new Migration(version, name, common, commonSql.get());
        }
        return new Migration(version, name, specific, specificSql.orElseThrow(
                () -> broken(label + " has no file for " + dialect.id() + ": expected " + common + " or " + specific)));
    }

    private static StorageException broken(String what) {
        return new StorageException("schema migrations are broken in this build: " + what);
    }
}
