package org.lucarne.signaling.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.SecureFiles;

/**
 * The head of the chain as copied outside the database (docs/security.md, "The head outside the
 * database"): one line of JSON,
 * <pre>
 *   {"format":"lucarne-audit-head-v1","seq":120,"hash":"…","at":"2026-03-01T10:05:00Z","host":"node-a"}
 * </pre>
 * meaning "at {@code at}, host {@code host} saw the trail end at entry {@code seq}, whose hash is
 * {@code hash}". An empty trail is seq 0 with the genesis hash. Written atomically, owner-only.
 */
public record AuditHeadFile(long seq, String hash, Instant at, String host) {
    static final String FORMAT = "lucarne-audit-head-v1";
    static final int MAX_BYTES = 4_096;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> FIELDS = Set.of("format", "seq", "hash", "at", "host");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public AuditHeadFile {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(host, "host");
    }

    /** The head of a trail whose newest entry is {@code entry} (or none), as seen by {@code host} at {@code at}. */
    static AuditHeadFile of(Optional<AuditEntry> entry, Instant at, String host) {
        return new AuditHeadFile(entry.map(AuditEntry::seq).orElse(0L),
                entry.map(AuditEntry::hash).orElse(AuditCanonical.GENESIS), at, host);
    }

    /** The file's bytes: one line of JSON, fields in the documented order. */
    byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("seq", seq);
        o.put("hash", hash);
        o.put("at", at.toString());
        o.put("host", host);
        return (o + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces {@code file} whole (never half-written), readable by its owner only. */
    public void write(Path file) {
        try {
            SecureFiles.writeAtomically(file, toJson(), SecureFiles.OWNER_ONLY);
        } catch (CertificateStoreException e) {
            throw new AuditHeadException("cannot write the audit head file " + file + " (audit.head.file): "
                    + e.getMessage() + " Check that its directory exists and is writable by this user.", e);
        }
    }

    /**
     * The head recorded in {@code file}, or empty when there is no such file.
     *
     * @throws AuditHeadException when the file exists but cannot be read or is not a head file
     */
    public static Optional<AuditHeadFile> read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw refused(file, "it is a directory");
            }
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                throw refused(file, "it is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AuditHeadException("cannot read the audit head file " + file + ": " + e.getMessage()
                    + ". Check its owner and mode.", e);
        }
        if (bytes.length > MAX_BYTES) {
            throw refused(file, "it is larger than " + MAX_BYTES + " bytes");
        }
        return Optional.of(parse(bytes, file));
    }

    static AuditHeadFile parse(byte[] bytes, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw refused(file, "it is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw refused(file, "it is not JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw refused(file, "it is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw refused(file, "it has an unknown field " + name);
            }
        }
        for (String name : FIELDS) {
            if (!root.has(name)) {
                throw refused(file, "it has no " + name);
            }
        }
        if (!FORMAT.equals(root.get("format").textValue())) {
            throw refused(file, "its format is not " + FORMAT);
        }
        JsonNode seqNode = root.get("seq");
        if (!seqNode.isIntegralNumber() || !seqNode.canConvertToLong() || seqNode.longValue() < 0) {
            throw refused(file, "its seq is not a whole number from 0");
        }
        String hash = root.get("hash").textValue();
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw refused(file, "its hash is not 64 lower-case hexadecimal digits");
        }
        if (seqNode.longValue() == 0 && !hash.equals(AuditCanonical.GENESIS)) {
            throw refused(file, "seq 0 (an empty trail) must have the genesis hash (64 zeros)");
        }
        Instant at;
        try {
            at = Instant.parse(Objects.requireNonNullElse(root.get("at").textValue(), ""));
        } catch (DateTimeParseException e) {
            throw refused(file, "its at is not a UTC time like 2026-03-01T10:05:00Z");
        }
        String host = root.get("host").textValue();
        if (host == null || host.isBlank()) {
            throw refused(file, "its host is empty");
        }
        return new AuditHeadFile(seqNode.longValue(), hash, at, host);
    }

    private static AuditHeadException refused(Path file, String why) {
        return new AuditHeadException("the audit head file " + file + " cannot be used: " + why
                + ". It was damaged or replaced: keep it for the investigation, and see docs/operations.md,"
                + " \"Audit trail\".");
    }
}
