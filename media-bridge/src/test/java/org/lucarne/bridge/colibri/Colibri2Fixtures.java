package org.lucarne.bridge.colibri;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The JSON documents under src/test/resources/colibri2/, in JVB's documented shapes. */
final class Colibri2Fixtures {
    record Fixture(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Colibri2Fixtures() {
    }

    static List<Fixture> requests() {
        return in("requests");
    }

    static List<Fixture> responses() {
        return in("responses");
    }

    static String text(String path) {
        try {
            return Files.readString(dir(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Fixture> in(String folder) {
        try (Stream<Path> files = Files.list(dir(folder))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> new Fixture(folder + "/" + f.getFileName(), text(folder + "/" + f.getFileName())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir(String relative) {
        try {
            var url = Colibri2Fixtures.class.getResource("/colibri2/" + relative);
            if (url == null) {
                throw new IllegalStateException("no test resource colibri2/" + relative);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
