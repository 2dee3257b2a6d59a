package org.lucarne.signaling.ws.protocol;

import java.util.List;

/**
 * The end-to-end encryption relay's messages (docs/protocol.md, "Messages"; docs/e2ee.md, "The server"): prekeys,
 * bundles, envelopes and their queue, photo chunks, and the link secret's value for the tablet. Every byte field is
 * base64url without padding, kept here as its text (so records compare by value); the codec checks each decodes to
 * the bytes the spec says. Record component names are the wire field names, in the order of the spec.
 */
public sealed interface RelayMessage extends Message
        permits RelayMessage.Prekeys, RelayMessage.PrekeysState, RelayMessage.BundleGet, RelayMessage.Bundle,
        RelayMessage.Send, RelayMessage.Sent, RelayMessage.Delivered, RelayMessage.Deliver, RelayMessage.Ack, RelayMessage.BlobPut,
        RelayMessage.BlobStored, RelayMessage.BlobGet, RelayMessage.BlobChunk, RelayMessage.LinkSecret {

    /** A device id or a blob id: 16 bytes. */
    int ID_BYTES = 16;
    /** An identity record: {@code IK_sig || IK_dh || id_sig}. */
    int IDENTITY_BYTES = 128;
    /** A signed prekey record: {@code spk_id || created || SPK || sig}. */
    int SIGNED_PREKEY_BYTES = 108;
    /** A one-time prekey record: {@code opk_id || OPK}. */
    int ONE_TIME_PREKEY_BYTES = 36;
    /** The most one-time prekeys one upload carries. */
    int MAX_ONE_TIME_UPLOAD = 100;
    /** The most one-time prekey ids one {@code e2ee_prekeys_state} reports. */
    int MAX_HANDED_OUT = 100;
    /** The largest envelope, raw bytes (e2ee.max.envelope.bytes may only lower it). */
    int MAX_ENVELOPE_BYTES = 40 * 1024;
    /** The most seqs one acknowledgement carries. */
    int MAX_ACK = 100;
    /** A photo's chunks: 1 to 64. */
    int MAX_CHUNKS = 64;
    /** A chunk: 32 KiB of the padded photo, encrypted, and the 16-byte AES-GCM tag. */
    int CHUNK_BYTES = 32 * 1024 + 16;
    /** The link secret's value, PSK. */
    int PSK_BYTES = 32;

    /**
     * Client → server: upload prekeys. {@code signedPrekey} (108 bytes) replaces the current one, when given;
     * {@code oneTime}: 0 to 100 one-time prekey records (36 bytes each).
     */
    record Prekeys(String signedPrekey, List<String> oneTime) implements RelayMessage {
        public Prekeys {
            oneTime = List.copyOf(oneTime);
        }

        @Override public Type type() { return Type.E2EE_PREKEYS; }
    }

    /**
     * Server → client: how many one-time prekeys the server holds for this device (upload more under 20), and the ids
     * of those handed out since it was last told (at most 100, oldest first).
     */
    record PrekeysState(int oneTimeLeft, List<Long> handedOut) implements RelayMessage {
        public PrekeysState {
            handedOut = List.copyOf(handedOut);
        }

        @Override public Type type() { return Type.E2EE_PREKEYS_STATE; }
    }

    /** Client → server: the prekey bundle of {@code device}, a device of this device's circle. */
    record BundleGet(String device) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_BUNDLE_GET; }
    }

    /** Server → client: a device's identity record, signed prekey and, while any is left, a one-time prekey. */
    record Bundle(String device, String identity, String signedPrekey, String oneTime) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_BUNDLE; }
    }

    /** Client → server: queue one envelope (docs/e2ee.md, "Envelope") for the recipient its clear part names. */
    record Send(String envelope) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_SEND; }
    }

    /**
     * Server → client, in the order of the {@code e2ee_send}s: the envelope is stored durably for {@code recipient}
     * (the device id of its clear part), as that device's {@code seq}.
     */
    record Sent(String recipient, long seq) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_SENT; }
    }

    /**
     * Server → the sender's open sockets: the recipient acknowledged the envelope the sender's {@code e2ee_sent} named
     * ({@code recipient}, {@code seq}). Only to sockets open then; never stored, nor sent again.
     */
    record Delivered(String recipient, long seq) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_DELIVERED; }
    }

    /** Server → client: one queued envelope, {@code seq} in this device's queue, queued {@code at} (ms). */
    record Deliver(long seq, long at, String envelope) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_DELIVER; }
    }

    /** Client → server: these envelopes are processed (1 to 100 seqs): delete them. */
    record Ack(List<Long> seqs) implements RelayMessage {
        public Ack {
            seqs = List.copyOf(seqs);
        }

        @Override public Type type() { return Type.E2EE_ACK; }
    }

    /** Client → server: chunk {@code index} of {@code count} of a photo's blob. */
    record BlobPut(String blob, int index, int count, String data) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_BLOB_PUT; }
    }

    /** Server → client: that chunk is stored. */
    record BlobStored(String blob, int index) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_BLOB_STORED; }
    }

    /** Client → server: send me chunk {@code index} of {@code blob}. */
    record BlobGet(String blob, int index) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_BLOB_GET; }
    }

    /** Server → client: chunk {@code index} of {@code count} of {@code blob}. */
    record BlobChunk(String blob, int index, int count, String data) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_BLOB_CHUNK; }
    }

    /**
     * Server → kiosk only: the value {@code psk} (32 bytes) of the link secret of an invite ({@code invite}: the hash of
     * its id, 64 hex digits) of contact {@code contact}, to keep until {@code until} (ms: the end of the invite's
     * visit).
     */
    record LinkSecret(String invite, String contact, String psk, long until) implements RelayMessage {
        @Override public Type type() { return Type.E2EE_LINK_SECRET; }
    }
}
