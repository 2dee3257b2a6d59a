package org.lucarne.signaling.personal;

import java.security.SecureRandom;
import org.lucarne.signaling.config.StaffSettings;

/**
 * Where the data keys live, outside the database: a key file in the data directory
 * ({@link KeyFile}, the default) or a PKCS#12 keystore the operator provides
 * ({@link Pkcs12KeyStore}). Both hold a current key and, while {@code ./lucarne keys rotate} runs,
 * a pending one; both are written atomically and owner-only.
 */
public sealed interface DataKeyStore permits KeyFile, Pkcs12KeyStore {

    /** The store chosen by the configuration: the keystore when {@code data.keys.keystore} is set. */
    static DataKeyStore of(StaffSettings.DataKeys keys) {
        if (keys.keystore().isPresent()) {
            return new Pkcs12KeyStore(keys.keystore().get(), keys.keystorePassword().orElseThrow().toCharArray());
        }
        return new KeyFile(keys.file());
    }

    /** What an operator reads in a message: "the data key file /srv/lucarne/data/keys/data-keys.json". */
    String describe();

    boolean exists();

    /**
     * @throws PersonalDataException when it is missing, readable by others, damaged or holds no Lucarne key
     */
    DataKeyRing load();

    /**
     * Reads the ring, or creates the store with one new key when there is none yet. Two processes
     * creating it at once both end with the one that was written first.
     */
    DataKeyRing loadOrCreate(SecureRandom random);

    /** Replaces the keys atomically: a reader sees the old ring or the new one, never a mix. */
    void save(DataKeyRing ring);
}
