package org.lucarne.signaling.personal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.SecureFiles;

/**
 * The data keys in a PKCS#12 keystore the operator provides ({@code data.keys.keystore} and
 * {@code data.keys.keystore.password}), as AES-256 secret-key entries, each protected by the
 * keystore's password:
 * <ul>
 *   <li>{@code lucarne-data-k1}: the current key (exactly one entry without a suffix)</li>
 *   <li>{@code lucarne-data-k2-pending}: the key a rotation is moving to (at most one)</li>
 * </ul>
 * Other entries are left as they are. A keystore made with
 * {@code keytool -genseckey -alias lucarne-data-k1 -keyalg AES -keysize 256 -storetype PKCS12} works;
 * a keystore that does not exist yet is created with a new key, owner-only. Rewriting it (a
 * rotation) keeps its permissions.
 */
public final class Pkcs12KeyStore implements DataKeyStore {
    static final String PREFIX = "lucarne-data-";
    static final String PENDING = "-pending";
    private static final Pattern ALIAS = Pattern.compile(Pattern.quote(PREFIX) + "(k[1-9][0-9]{0,8})("
            + Pattern.quote(PENDING) + ")?");
    private static final String TYPE = "PKCS12";

    private final Path file;
    private final char[] password;

    public Pkcs12KeyStore(Path file, char[] password) {
        this.file = file;
        this.password = password.clone();
    }

    public Path path() {
        return file;
    }

    @Override
    public String describe() {
        return "the keystore " + show() + " (data.keys.keystore)";
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
        if (KeyStoreFiles.createNew(file, bytes(empty(), ring), SecureFiles.OWNER_ONLY, describe(), random)) {
            return ring;
        }
        return load();
    }

    @Override
    public DataKeyRing load() {
        KeyStore ks = read();
        Map<String, DataKey> keys = new LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        Optional<String> pending = Optional.empty();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                Matcher m = ALIAS.matcher(alias.toLowerCase(java.util.Locale.ROOT));
                if (!m.matches()) {
                    continue;
                }
                String id = m.group(1);
                if (keys.containsKey(id)) {
                    throw damaged("it holds data key " + id + " twice");
                }
                keys.put(id, key(ks, alias, id));
                if (m.group(2) == null) {
                    current.add(id);
                } else if (pending.isPresent()) {
                    throw damaged("it holds two pending data keys, " + pending.get() + " and " + id);
                } else {
                    pending = Optional.of(id);
                }
            }
        } catch (GeneralSecurityException e) {
            throw damaged(e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new PersonalDataException(describe() + " holds no Lucarne data key: add an AES-256 secret key entry "
                    + PREFIX + "k1 (keytool -genseckey -alias " + PREFIX + "k1 -keyalg AES -keysize 256 -storetype"
                    + " PKCS12 -keystore " + show() + "), or point data.keys.keystore at the keystore that holds"
                    + " Lucarne's keys (docs/operations.md, \"Keys\")");
        }
        if (current.size() != 1) {
            throw damaged(current.isEmpty() ? "it holds only a pending data key" : "it holds " + current.size()
                    + " current data keys " + current + "; one is expected");
        }
        return new DataKeyRing(current.get(0), pending, keys);
    }

    private DataKey key(KeyStore ks, String alias, String id) throws GeneralSecurityException {
        if (!ks.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
            throw damaged("entry " + alias + " is not a secret key");
        }
        KeyStore.Entry entry;
        try {
            entry = ks.getEntry(alias, new KeyStore.PasswordProtection(password));
        } catch (UnrecoverableKeyException e) {
            throw new PersonalDataException("the password (data.keys.keystore.password) does not open entry " + alias
                    + " of " + describe() + ": protect it with the keystore's password");
        }
        SecretKey key = ((KeyStore.SecretKeyEntry) entry).getSecretKey();
        if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw damaged("entry " + alias + " is a " + key.getAlgorithm() + " key, not AES");
        }
        byte[] material = key.getEncoded();
        try {
            if (material == null || material.length != DataKey.BYTES) {
                throw damaged("entry " + alias + " is not a 256-bit key (keytool -keysize 256)");
            }
            return new DataKey(id, material);
        } finally {
            if (material != null) {
                Arrays.fill(material, (byte) 0);
            }
        }
    }

    @Override
    public void save(DataKeyRing ring) {
        KeyStore ks = exists() ? read() : empty();
        Set<PosixFilePermission> permissions = SecureFiles.OWNER_ONLY;
        try {
            if (exists() && SecureFiles.isPosix(file)) {
                permissions = Files.getPosixFilePermissions(file);
            }
            for (String alias : Collections.list(ks.aliases())) {
                if (ALIAS.matcher(alias.toLowerCase(java.util.Locale.ROOT)).matches()) {
                    ks.deleteEntry(alias);
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new PersonalDataException("cannot write " + describe() + ": " + e.getMessage(), e);
        }
        KeyStoreFiles.replace(file, bytes(ks, ring), permissions, describe());
    }

    private byte[] bytes(KeyStore ks, DataKeyRing ring) {
        try {
            for (DataKey k : ring.keys().values()) {
                String alias = PREFIX + k.id() + (ring.pending().filter(k.id()::equals).isPresent() ? PENDING : "");
                byte[] material = k.material();
                try {
                    ks.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(material, "AES")),
                            new KeyStore.PasswordProtection(password));
                } finally {
                    Arrays.fill(material, (byte) 0);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new PersonalDataException("cannot write " + describe() + ": " + e.getMessage(), e);
        }
    }

    private KeyStore read() {
        if (!exists()) {
            throw new PersonalDataException(describe() + " does not exist. Restore it from your backup"
                    + " (docs/operations.md, \"Keys\")");
        }
        refuseWorldReadable();
        byte[] bytes;
        try {
            bytes = SecureFiles.read(file);
        } catch (CertificateStoreException e) {
            throw new PersonalDataException(e.getMessage(), e);
        }
        try {
            KeyStore ks = KeyStore.getInstance(TYPE);
            ks.load(new ByteArrayInputStream(bytes), password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new PersonalDataException("the password (data.keys.keystore.password) does not open "
                        + describe() + ": set the keystore's password", e);
            }
            throw damaged("not a PKCS#12 keystore: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw damaged(e.getMessage());
        }
    }

    private void refuseWorldReadable() {
        if (!SecureFiles.isPosix(file)) {
            return;
        }
        try {
            if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                throw new PersonalDataException(describe() + " can be read by every user of this machine: run chmod"
                        + " o-rwx " + show());
            }
        } catch (IOException e) {
            throw new PersonalDataException("cannot check the permissions of " + show() + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore empty() {
        try {
            KeyStore ks = KeyStore.getInstance(TYPE);
            ks.load(null, null);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("PKCS12 is required of every Java runtime", e);
        }
    }

    private PersonalDataException damaged(String why) {
        return new PersonalDataException(describe() + " is damaged (" + why + "). Restore it from your backup"
                + " (docs/operations.md, \"Keys\")");
    }

    private String show() {
        return file.toAbsolutePath().normalize().toString();
    }
}
