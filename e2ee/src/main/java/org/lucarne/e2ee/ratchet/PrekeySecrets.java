package org.lucarne.e2ee.ratchet;

/** What a responder looks up to accept a prekey message: its prekeys' private keys and its PSKs, or null. */
public interface PrekeySecrets {
    /** The private key of signed prekey {@code id}, or null when it is unknown or deleted. */
    byte[] signedPrekey(long id);

    /** The private key of one-time prekey {@code id}, or null when it is unknown or used. */
    byte[] oneTimePrekey(long id);

    /** The PSK of a live invite with this psk id, or null. */
    byte[] psk(byte[] pskId);
}
