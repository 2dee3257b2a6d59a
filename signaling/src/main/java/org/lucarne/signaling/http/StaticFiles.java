package org.lucarne.signaling.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The browser apps, read once at start from the web-client and bedside-kiosk jars into memory.
 * A request can only ever get a file of this map by its exact path: no file system walk,
 * so no traversal.
 */
public final class StaticFiles {
    /** The classpath roots the two front-end modules package their apps under. */
    public static final String WEB_CLIENT_ROOT = "lucarne-web-client/";
    public static final String KIOSK_ROOT = "lucarne-bedside-kiosk/";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "json", "application/json;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "webmanifest", "application/manifest+json");

    /** One file: its bytes, its media type and a strong ETag. */
    public record File(byte[] bytes, String contentType, String etag) { }

    private final Map<String, File> files;

    private StaticFiles(Map<String, File> files) {
        this.files = Map.copyOf(files);
    }

    /** Loads every file under the given classpath roots; a missing root is a packaging error. */
    public static StaticFiles load(String... roots) {
        Map<String, File> files = new HashMap<>();
        try (ResourceFactory.Closeable factory = ResourceFactory.closeable()) {
            for (String root : roots) {
                Resource base = factory.newClassLoaderResource(root);
                if (base == null || !base.exists()) {
                    throw new IllegalStateException("the web apps are missing from the classpath (" + root
                            + "); rebuild with ./lucarne build");
                }
                collect(base, "", files);
            }
        }
        return new StaticFiles(files);
    }

    private static void collect(Resource dir, String prefix, Map<String, File> into) {
        for (Resource r : dir.list()) {
            String name = r.getFileName();
            if (r.isDirectory()) {
                collect(r, prefix + name + "/", into);
                continue;
            }
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String type = TYPES.get(extension);
            if (type == null) {
                continue; // READMEs, sources of tests: not served
            }
            try (InputStream in = r.newInputStream()) {
                byte[] bytes = in.readAllBytes();
                into.put(prefix + name, new File(bytes, type, etag(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + r, e);
            }
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file at a relative path such as {@code shared/signaling.js}. */
    public Optional<File> get(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public int size() {
        return files.size();
    }
}
