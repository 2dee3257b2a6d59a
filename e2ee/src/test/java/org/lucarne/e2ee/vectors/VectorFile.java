package org.lucarne.e2ee.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Ed25519;
import org.lucarne.e2ee.primitives.X25519;
import org.lucarne.e2ee.wire.Bytes;
import org.lucarne.e2ee.wire.EnvelopeException;
import org.lucarne.e2ee.wire.PlaintextException;

/**
 * One file of docs/e2ee/vectors: what the reference computes, compared with the file, or written to it with
 * {@code -De2ee.vectors.write=true}. Bytes are base64url without padding.
 */
final class VectorFile {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private VectorFile() {
    }

    /** A new file's root: its description and the conventions every file shares. */
    static ObjectNode root(String description) {
        ObjectNode o = JSON.createObjectNode();
        o.put("description", description);
        o.put("encoding", "every byte string is base64url without padding; integers are JSON numbers; "
                + "private keys are given raw and as PKCS#8 DER (RFC 8410)");
        o.put("inputs", "private keys and random values are inputs; each is SHA-256(\"Lucarne vector \" + its name), "
                + "given here as bytes; the name only says where it came from");
        return o;
    }

    /** Fails unless the file holds exactly {@code content}; writes it instead when e2ee.vectors.write is true. */
    static void check(String name, ObjectNode content) throws IOException {
        Path dir = Path.of(System.getProperty("e2ee.vectors.dir", "../docs/e2ee/vectors"));
        Path file = dir.resolve(name);
        String text = JSON.writer(PRETTY).writeValueAsString(content) + "\n";
        if (Boolean.getBoolean("e2ee.vectors.write")) {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), file + " is missing: run the e2ee tests with -De2ee.vectors.write=true");
        assertEquals(text, Files.readString(file, StandardCharsets.UTF_8), file + " differs from what the reference "
                + "computes: if the protocol changed on purpose, rewrite it with -De2ee.vectors.write=true and review the diff");
    }

    /** Something the reference may refuse. */
    interface Action {
        void run() throws Exception;
    }

    /** "ok", or the code of the protocol's refusal; any other failure fails the test. */
    static String outcome(Action action) {
        try {
            action.run();
            return "ok";
        } catch (E2eeException e) {
            return e.code();
        } catch (PlaintextException e) {
            return e.code();
        } catch (EnvelopeException e) {
            return e.code();
        } catch (Exception e) {
            throw new AssertionError("not a refusal of the protocol", e);
        }
    }

    static String b64(byte[] b) {
        return Bytes.b64(b);
    }

    /** An X25519 private key drawn by name: raw, PKCS#8, and its public key. */
    static ObjectNode x25519(String name) {
        byte[] k = TestKeys.value(name);
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("private", b64(k));
        o.put("pkcs8", b64(X25519.pkcs8(k)));
        o.put("public", b64(X25519.publicKey(k)));
        return o;
    }

    /** A device's identity: its two private keys and everything public made from them. */
    static ObjectNode identity(String name, IdentityKeys keys) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("sigSeed", b64(keys.sigSeed()));
        o.put("sigPkcs8", b64(Ed25519.pkcs8(keys.sigSeed())));
        o.put("dhPrivate", b64(keys.dhPrivate()));
        o.put("dhPkcs8", b64(X25519.pkcs8(keys.dhPrivate())));
        o.put("sigPublic", b64(keys.identity().sigKey()));
        o.put("dhPublic", b64(keys.identity().dhKey()));
        o.put("idSig", b64(keys.identity().idSig()));
        o.put("record", b64(keys.identity().record()));
        o.put("deviceId", b64(keys.deviceId()));
        return o;
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
