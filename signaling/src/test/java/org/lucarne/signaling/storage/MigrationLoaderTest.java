package org.lucarne.signaling.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationLoaderTest {

    private final Map<String, String> files = new HashMap<>();
    private final MigrationLoader.Resources resources = path -> Optional.ofNullable(files.get(path));

    @Test
    void bundledMigrationsLoadForBothDialects() {
        for (Dialect d : Dialect.values()) {
            List<Migration> bundled = Migrations.bundled(d);
            assertEquals("V001__init", bundled.get(0).label());
            for (int i = 1; i < bundled.size(); i++) {
                assertTrue(bundled.get(i).version() > bundled.get(i - 1).version());
            }
        }
    }

    @Test
    void indexListsEveryMigrationFileInTheDirectory() throws IOException, URISyntaxException {
        URL url = getClass().getClassLoader().getResource(Migrations.LOCATION);
        Path dir = Path.of(url.toURI());
        Pattern file = Pattern.compile("(V\\d+__[a-z0-9_]+)(\\.sqlite|\\.postgresql)?\\.sql");
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.equals("index.txt")) {
                    continue;
                }
                Matcher m = file.matcher(name);
                assertTrue(m.matches(), "unexpected file in " + Migrations.LOCATION + ": " + name);
                onDisk.add(m.group(1));
            }
        }
        Set<String> indexed = Migrations.bundled(Dialect.SQLITE).stream().map(Migration::label)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(onDisk, indexed, "db/migration/index.txt must list every migration file");
    }

    @Test
    void commonFileServesBothDialects() {
        files.put("m/index.txt", "# comment\n\nV001__init\r\n  V002__add_things  \n");
        files.put("m/V001__init.sql", "CREATE TABLE a (id TEXT)");
        files.put("m/V002__add_things.sqlite.sql", "sqlite flavour");
        files.put("m/V002__add_things.postgresql.sql", "postgresql flavour");
        List<Migration> sqlite = MigrationLoader.load(resources, "m", Dialect.SQLITE);
        List<Migration> pg = MigrationLoader.load(resources, "m", Dialect.POSTGRESQL);
        assertEquals(List.of("V001__init", "V002__add_things"), sqlite.stream().map(Migration::label).toList());
        assertEquals("m/V001__init.sql", pg.get(0).resource());
        assertEquals("sqlite flavour", sqlite.get(1).sql());
        assertEquals("m/V002__add_things.postgresql.sql", pg.get(1).resource());
        assertEquals("add_things", pg.get(1).name());
    }

    @Test
    void loadRefusedWhenIndexMissing() {
        assertBroken("m/index.txt is missing");
    }

    @Test
    void loadRefusedWhenNameMalformed() {
        files.put("m/index.txt", "V001__init\nV2-Add-Things\n");
        files.put("m/V001__init.sql", "x");
        assertBroken("m/index.txt line 2: 'V2-Add-Things' is not a migration name like V001__init");
    }

    @Test
    void loadRefusedWhenVersionsNotIncreasing() {
        files.put("m/index.txt", "V002__b\nV001__a\n");
        files.put("m/V002__b.sql", "x");
        assertBroken("m/index.txt line 2: V001__a is not newer than the line before it");
    }

    @Test
    void loadRefusedWhenBothCommonAndDialectFileExist() {
        files.put("m/index.txt", "V001__init\n");
        files.put("m/V001__init.sql", "x");
        files.put("m/V001__init.postgresql.sql", "y");
        assertEquals(1, MigrationLoader.load(resources, "m", Dialect.SQLITE).size());
        StorageException e = assertThrows(StorageException.class,
                () -> MigrationLoader.load(resources, "m", Dialect.POSTGRESQL));
        assertTrue(e.getMessage().contains("both m/V001__init.sql and m/V001__init.postgresql.sql exist"));
    }

    @Test
    void loadRefusedWhenDialectHasNoFile() {
        files.put("m/index.txt", "V001__init\n");
        files.put("m/V001__init.postgresql.sql", "y");
        assertBroken("V001__init has no file for sqlite: expected m/V001__init.sql or m/V001__init.sqlite.sql");
    }

    @Test
    void checksumIgnoresLineEndingsButNotContent() {
        Migration unix = new Migration(1, "a", "r", "CREATE TABLE a (id TEXT);\n");
        Migration windows = new Migration(1, "a", "r", "CREATE TABLE a (id TEXT);\r\n");
        Migration edited = new Migration(1, "a", "r", "CREATE TABLE a (id TEXT, x TEXT);\n");
        assertEquals(unix.checksum(), windows.checksum());
        assertNotEquals(unix.checksum(), edited.checksum());
        assertEquals(64, unix.checksum().length());
    }

    private void assertBroken(String expected) {
        StorageException e = assertThrows(StorageException.class,
                () -> MigrationLoader.load(resources, "m", Dialect.SQLITE));
        assertTrue(e.getMessage().startsWith("schema migrations are broken in this build: " + expected),
                e.getMessage());
    }
}
