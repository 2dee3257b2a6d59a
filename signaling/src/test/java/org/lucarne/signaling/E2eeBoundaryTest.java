package org.lucarne.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server relays ciphertext and must not be able to decrypt it (docs/e2ee.md "Implementation layout"):
 * of module e2ee, signaling's classes use only {@code org.lucarne.e2ee.wire}, the envelope's clear part.
 * Reads the names each compiled class refers to (its constant pool) and refuses any other e2ee package.
 */
class E2eeBoundaryTest {
    private static final Pattern E2EE_REFERENCE = Pattern.compile("org/lucarne/e2ee/([a-z0-9_]+)/");

    @Test
    void signalingClassesUseOnlyTheEnvelopeWirePackageOfE2ee() throws Exception {
        Path classes = Path.of(LucarneServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(files.size() > 100, "signaling's main classes found in " + classes + ": " + files.size());
        List<String> offending = new ArrayList<>();
        for (Path file : files) {
            for (String pkg : e2eePackagesUsed(Files.readAllBytes(file))) {
                if (!pkg.equals("wire")) {
                    offending.add(classes.relativize(file) + " uses org.lucarne.e2ee." + pkg);
                }
            }
        }
        assertEquals(List.of(), offending, "the server must not use the reference implementation's crypto");
    }

    @Test
    void theScanSeesAnE2eePackageInAClassThatUsesIt() throws IOException {
        try (InputStream in = org.lucarne.e2ee.wire.EnvelopeHeader.class.getResourceAsStream("EnvelopeHeader.class")) {
            assertTrue(e2eePackagesUsed(in.readAllBytes()).contains("wire"));
        }
        byte[] forged = "\u0001\u0000\u001bLorg/lucarne/e2ee/ratchet/Ratchet;".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("ratchet"), e2eePackagesUsed(forged));
    }

    /** The e2ee packages named in a class file (class names and descriptors sit in its constant pool as text). */
    private static List<String> e2eePackagesUsed(byte[] classFile) {
        Matcher m = E2EE_REFERENCE.matcher(new String(classFile, StandardCharsets.ISO_8859_1));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            if (!found.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return found;
    }
}
