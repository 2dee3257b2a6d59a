package org.lucarne.signaling.ws.protocol;

import static org.lucarne.signaling.ws.protocol.JsonText.number;
import static org.lucarne.signaling.ws.protocol.JsonText.numbers;
import static org.lucarne.signaling.ws.protocol.JsonText.optionalString;
import static org.lucarne.signaling.ws.protocol.JsonText.string;
import static org.lucarne.signaling.ws.protocol.JsonText.strings;
import static org.lucarne.signaling.ws.protocol.ProtocolCodec.MAX_SAFE_INTEGER;
import static org.lucarne.signaling.ws.protocol.RelayMessage.CHUNK_BYTES;
import static org.lucarne.signaling.ws.protocol.RelayMessage.ID_BYTES;
import static org.lucarne.signaling.ws.protocol.RelayMessage.MAX_CHUNKS;

/**
 * The relay's messages of docs/protocol.md ("Messages"): decoding in the order of the spec's fields, encoding in the
 * same order. {@link ProtocolCodec} checks the envelope and calls this. Byte fields must be canonical base64url of
 * the spec's lengths; what they hold (an envelope's clear part, a prekey's signature) is checked by the relay.
 */
final class RelayCodec {
    /** One-time prekey ids are 32-bit, from 1. */
    static final long MAX_PREKEY_ID = 0xFFFF_FFFFL;

    private RelayCodec() {
    }

    /** A client's relay message, or null when {@code type} is not one. */
    static RelayMessage decodeFromClient(FieldReader f) throws ProtocolException {
        return switch (f.type()) {
            case "e2ee_prekeys" -> f.finish(new RelayMessage.Prekeys(
                    f.has("signedPrekey") ? f.bytes("signedPrekey", RelayMessage.SIGNED_PREKEY_BYTES,
                            RelayMessage.SIGNED_PREKEY_BYTES) : null,
                    f.byteArrays("oneTime", 0, RelayMessage.MAX_ONE_TIME_UPLOAD, RelayMessage.ONE_TIME_PREKEY_BYTES)));
            case "e2ee_bundle_get" -> f.finish(new RelayMessage.BundleGet(id(f, "device")));
            case "e2ee_send" -> f.finish(new RelayMessage.Send(envelope(f)));
            case "e2ee_ack" -> f.finish(new RelayMessage.Ack(f.longs("seqs", 1, RelayMessage.MAX_ACK, 1, MAX_SAFE_INTEGER)));
            case "e2ee_blob_put" -> {
                String blob = id(f, "blob");
                int index = index(f);
                int count = f.intBetween("count", 1, MAX_CHUNKS);
                yield f.finish(new RelayMessage.BlobPut(blob, index, count, chunk(f)));
            }
            case "e2ee_blob_get" -> f.finish(new RelayMessage.BlobGet(id(f, "blob"), index(f)));
            default -> null;
        };
    }

    /** A server's relay message, or null when {@code type} is not one. */
    static RelayMessage decodeFromServer(FieldReader f) throws ProtocolException {
        return switch (f.type()) {
            case "e2ee_prekeys_state" -> f.finish(new RelayMessage.PrekeysState(
                    f.intBetween("oneTimeLeft", 0, 200),
                    f.longs("handedOut", 0, RelayMessage.MAX_HANDED_OUT, 1, MAX_PREKEY_ID)));
            case "e2ee_bundle" -> f.finish(new RelayMessage.Bundle(id(f, "device"),
                    f.bytes("identity", RelayMessage.IDENTITY_BYTES, RelayMessage.IDENTITY_BYTES),
                    f.bytes("signedPrekey", RelayMessage.SIGNED_PREKEY_BYTES, RelayMessage.SIGNED_PREKEY_BYTES),
                    f.has("oneTime") ? f.bytes("oneTime", RelayMessage.ONE_TIME_PREKEY_BYTES,
                            RelayMessage.ONE_TIME_PREKEY_BYTES) : null));
            case "e2ee_sent" -> f.finish(new RelayMessage.Sent(id(f, "recipient"), seq(f)));
            case "e2ee_delivered" -> f.finish(new RelayMessage.Delivered(id(f, "recipient"), seq(f)));
            case "e2ee_deliver" -> f.finish(new RelayMessage.Deliver(seq(f), f.uint("at", MAX_SAFE_INTEGER), envelope(f)));
            case "e2ee_blob_stored" -> f.finish(new RelayMessage.BlobStored(id(f, "blob"), index(f)));
            case "e2ee_blob_chunk" -> {
                String blob = id(f, "blob");
                int index = index(f);
                int count = f.intBetween("count", 1, MAX_CHUNKS);
                yield f.finish(new RelayMessage.BlobChunk(blob, index, count, chunk(f)));
            }
            case "e2ee_link_secret" -> f.finish(new RelayMessage.LinkSecret(inviteHash(f),
                    f.id("contact"), f.bytes("psk", RelayMessage.PSK_BYTES, RelayMessage.PSK_BYTES),
                    f.uint("until", MAX_SAFE_INTEGER)));
            default -> null;
        };
    }

    private static String id(FieldReader f, String name) throws ProtocolException {
        return f.bytes(name, ID_BYTES, ID_BYTES);
    }

    private static String envelope(FieldReader f) throws ProtocolException {
        return f.bytes("envelope", 1, RelayMessage.MAX_ENVELOPE_BYTES);
    }

    private static String chunk(FieldReader f) throws ProtocolException {
        return f.bytes("data", CHUNK_BYTES, CHUNK_BYTES);
    }

    private static int index(FieldReader f) throws ProtocolException {
        return f.intBetween("index", 0, MAX_CHUNKS - 1);
    }

    private static long seq(FieldReader f) throws ProtocolException {
        return f.longBetween("seq", 1, MAX_SAFE_INTEGER);
    }

    /** An invite's hash: SHA-256 of its id, 64 lower-case hex digits (as the staff API names invites). */
    private static String inviteHash(FieldReader f) throws ProtocolException {
        String s = f.string("invite", 64, 64);
        if (!s.matches("[0-9a-f]{64}")) {
            throw f.invalid("invite", "an invite's hash: 64 lower-case hex digits");
        }
        return s;
    }

    static void encode(StringBuilder b, RelayMessage message) {
        switch (message.type()) {
            case E2EE_PREKEYS -> {
                var m = (RelayMessage.Prekeys) message;
                optionalString(b, "signedPrekey", m.signedPrekey());
                strings(b, "oneTime", m.oneTime());
            }
            case E2EE_PREKEYS_STATE -> {
                var m = (RelayMessage.PrekeysState) message;
                number(b, "oneTimeLeft", m.oneTimeLeft());
                numbers(b, "handedOut", m.handedOut());
            }
            case E2EE_BUNDLE_GET -> string(b, "device", ((RelayMessage.BundleGet) message).device());
            case E2EE_BUNDLE -> {
                var m = (RelayMessage.Bundle) message;
                string(b, "device", m.device());
                string(b, "identity", m.identity());
                string(b, "signedPrekey", m.signedPrekey());
                optionalString(b, "oneTime", m.oneTime());
            }
            case E2EE_SEND -> string(b, "envelope", ((RelayMessage.Send) message).envelope());
            case E2EE_SENT -> {
                var m = (RelayMessage.Sent) message;
                string(b, "recipient", m.recipient());
                number(b, "seq", m.seq());
            }
            case E2EE_DELIVERED -> {
                var m = (RelayMessage.Delivered) message;
                string(b, "recipient", m.recipient());
                number(b, "seq", m.seq());
            }
            case E2EE_DELIVER -> {
                var m = (RelayMessage.Deliver) message;
                number(b, "seq", m.seq());
                number(b, "at", m.at());
                string(b, "envelope", m.envelope());
            }
            case E2EE_ACK -> numbers(b, "seqs", ((RelayMessage.Ack) message).seqs());
            case E2EE_BLOB_PUT -> {
                var m = (RelayMessage.BlobPut) message;
                chunk(b, m.blob(), m.index(), m.count(), m.data());
            }
            case E2EE_BLOB_STORED -> {
                var m = (RelayMessage.BlobStored) message;
                string(b, "blob", m.blob());
                number(b, "index", m.index());
            }
            case E2EE_BLOB_GET -> {
                var m = (RelayMessage.BlobGet) message;
                string(b, "blob", m.blob());
                number(b, "index", m.index());
            }
            case E2EE_BLOB_CHUNK -> {
                var m = (RelayMessage.BlobChunk) message;
                chunk(b, m.blob(), m.index(), m.count(), m.data());
            }
            case E2EE_LINK_SECRET -> {
                var m = (RelayMessage.LinkSecret) message;
                string(b, "invite", m.invite());
                string(b, "contact", m.contact());
                string(b, "psk", m.psk());
                number(b, "until", m.until());
            }
            default -> throw new IllegalArgumentException("not a relay message: " + message.type());
        }
    }

    private static void chunk(StringBuilder b, String blob, int index, int count, String data) {
        string(b, "blob", blob);
        number(b, "index", index);
        number(b, "count", count);
        string(b, "data", data);
    }
}
