package org.lucarne.signaling.personal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.SecureFiles;

/**
 * The data keys in a file of the data directory ({@value #FILE_NAME} in {@code keys/}), owner-only
 * (0600 in a 0700 directory), written atomically. Created with one new key on first start. The
 * format (docs/security.md, "Keys"):
 * <pre>
 * {"format": "lucarne-data-keys/1", "current": "k1", "pending": null, "keys": {"k1": "&lt;base64 of 32 bytes&gt;"}}
 * </pre>
 */
public final class KeyFile implements DataKeyStore {
    public static final String FILE_NAME = "data-keys.json";
    static final String FORMAT = "lucarne-data-keys/1";
    private static final String NOTE = "Lucarne's data keys. Without this file the personal data in the database"
            + " (names, phone numbers, e-mail addresses, second-factor secrets) cannot be read: back it up, apart from"
            + " the database backups, and never share it.";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION) // a parse error never quotes a key
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path file;

    public KeyFile(Path file) {
        this.file = file;
    }

    /** The key file of a data directory. */
    public static KeyFile in(Path dataDir) {
        return new KeyFile(dataDir.resolve("keys").resolve(FILE_NAME));
    }

    public Path path() {
        return file;
    }

    @Override
    public String describe() {
        return "the data key file " + show();
    }

    @Override
    public boolean exists() {
        return Files.exists(file);
    }

    @Override
    public DataKeyRing loadOrCreate(SecureRandom random) {
        if (exists()) {
            return load();
        }
        DataKeyRing ring = DataKeyRing.generate(random);
        if (KeyStoreFiles.createNew(file, bytes(ring), SecureFiles.OWNER_ONLY, describe(), random)) {
            return ring;
        }
        return load(); // another process created it first: its key is the one
    }

    @Override
    public DataKeyRing load() {
        if (!exists()) {
            throw new PersonalDataException("the data key file " + show() + " does not exist. Restore it from your"
                    + " backup (docs/operations.md, \"Keys\")");
        }
        refuseOpenPermissions();
        byte[] bytes;
        try {
            bytes = SecureFiles.read(file);
        } catch (CertificateStoreException e) {
            throw new PersonalDataException(e.getMessage(), e);
        }
        try {
            return parse(JSON.readTree(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
            throw new PersonalDataException("the data key file " + show() + " is damaged (" + why
                    + "). Restore it from your backup (docs/operations.md, \"Keys\")", e);
        }
    }

    /** Writes the ring atomically, owner-only, creating the owner-only directory if needed. */
    @Override
    public void save(DataKeyRing ring) {
        KeyStoreFiles.replace(file, bytes(ring), SecureFiles.OWNER_ONLY, describe());
    }

    private static byte[] bytes(DataKeyRing ring) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("note", NOTE);
        root.put("current", ring.current());
        if (ring.pending().isPresent()) {
            root.put("pending", ring.pending().get());
        } else {
            root.putNull("pending");
        }
        ObjectNode keys = root.putObject("keys");
        ring.keys().forEach((id, k) -> keys.put(id, Base64.getEncoder().encodeToString(k.material())));
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private DataKeyRing parse(JsonNode root) {
        if (!root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("its format is not " + FORMAT);
        }
        Set<String> allowed = Set.of("format", "note", "current", "pending", "keys");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'");
            }
        }
        JsonNode keys = root.path("keys");
        if (!keys.isObject() || keys.isEmpty()) {
            throw new IllegalArgumentException("it holds no key");
        }
        Map<String, DataKey> ring = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("key " + e.getKey() + " is not base64 text");
            }
            ring.put(e.getKey(), new DataKey(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
        }
        JsonNode current = root.path("current");
        JsonNode pending = root.path("pending");
        if (!current.isTextual()) {
            throw new IllegalArgumentException("'current' names no key");
        }
        if (!(pending.isNull() || pending.isMissingNode() || pending.isTextual())) {
            throw new IllegalArgumentException("'pending' is neither null nor a key id");
        }
        return new DataKeyRing(current.asText(), pending.isTextual() ? Optional.of(pending.asText()) : Optional.empty(),
                ring);
    }

    private void refuseOpenPermissions() {
        if (!SecureFiles.isPosix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                throw new PersonalDataException("the data key file " + show() + " can be read by other users than its"
                        + " owner: run chmod 600 " + show() + " (and keep its directory 0700)");
            }
        } catch (IOException e) {
            throw new PersonalDataException("cannot check the permissions of " + show() + ": " + e.getMessage(), e);
        }
    }

    private String show() {
        return file.toAbsolutePath().normalize().toString();
    }
}
