package org.lucarne.certs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A keystore password kept in a file of its own: one line, owner-only (rw-------) on POSIX.
 * Generated passwords are 32 random bytes in unpadded base64url (43 characters).
 */
public final class PasswordFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordFile() {
    }

    public static char[] generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    /** The password in {@code file}, without its line ending. */
    public static char[] read(Path file) {
        String text = new String(SecureFiles.read(file), StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
        }
        if (text.isEmpty()) {
            throw new CertificateStoreException(SecureFiles.show(file) + " is empty; it must hold the keystore"
                    + " password on one line.");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new CertificateStoreException(SecureFiles.show(file) + " has more than one line; it must hold"
                    + " only the keystore password.");
        }
        return text.toCharArray();
    }

    /** Writes {@code password} and a newline atomically, owner-only. */
    public static void write(Path file, char[] password) {
        byte[] bytes = (new String(password) + "\n").getBytes(StandardCharsets.UTF_8);
        SecureFiles.writeAtomically(file, bytes, SecureFiles.OWNER_ONLY);
    }

    /** The password in {@code file}; if the file does not exist, a new password written to it. */
    public static char[] readOrCreate(Path file) {
        if (Files.exists(file)) {
            return read(file);
        }
        char[] password = generate();
        write(file, password);
        return password;
    }
}
