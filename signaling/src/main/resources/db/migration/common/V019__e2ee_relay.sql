-- The end-to-end encryption relay (docs/e2ee.md, "The server"): prekeys, the per-recipient-device queues of
-- envelopes, and photo chunks. Only public keys and ciphertext: nothing here decrypts anything. Portable between
-- SQLite and PostgreSQL; device and blob ids are 16 bytes as base64url without padding (22 characters), keys,
-- records, envelopes and chunks base64url too; times are epoch milliseconds. A device's rows go when it leaves
-- its circle (relay.RelayStore.forget), queued envelopes and blobs after e2ee.queue.days (retention).

-- A device's current signed prekey: its 108-byte record (spk_id, created, SPK, signature), replaced by the next.
CREATE TABLE e2ee_signed_prekey (
    device_id   TEXT PRIMARY KEY CHECK (length(device_id) = 22),
    spk_id      BIGINT NOT NULL CHECK (spk_id BETWEEN 0 AND 4294967295),
    created_at  BIGINT NOT NULL,
    record      TEXT NOT NULL CHECK (length(record) = 144),
    uploaded_at BIGINT NOT NULL
);

-- One-time prekeys (opk_id, OPK), at most 200 a device; each handed out once, deleted in the transaction that
-- hands it out.
CREATE TABLE e2ee_one_time_prekey (
    device_id   TEXT NOT NULL CHECK (length(device_id) = 22),
    opk_id      BIGINT NOT NULL CHECK (opk_id BETWEEN 1 AND 4294967295),
    public_key  TEXT NOT NULL CHECK (length(public_key) = 43),
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (device_id, opk_id)
);

-- The one-time prekeys handed out and not yet reported to their owner (e2ee_prekeys_state): it deletes their
-- private keys 31 days later if no message used them.
CREATE TABLE e2ee_prekey_handed_out (
    device_id      TEXT NOT NULL CHECK (length(device_id) = 22),
    opk_id         BIGINT NOT NULL CHECK (opk_id BETWEEN 1 AND 4294967295),
    handed_out_at  BIGINT NOT NULL,
    PRIMARY KEY (device_id, opk_id)
);
CREATE INDEX e2ee_prekey_handed_out_at ON e2ee_prekey_handed_out (handed_out_at);

-- Each recipient device's queue at a glance: how many envelopes and raw bytes wait (bounded: 10,000 and 64 MiB),
-- and the seq the next one gets. Its row is locked by the update that admits an envelope, so two senders at once
-- cannot both pass the bound.
CREATE TABLE e2ee_queue_size (
    device_id TEXT PRIMARY KEY CHECK (length(device_id) = 22),
    envelopes INTEGER NOT NULL CHECK (envelopes >= 0),
    bytes     BIGINT NOT NULL CHECK (bytes >= 0),
    next_seq  BIGINT NOT NULL CHECK (next_seq >= 1)
);

-- The envelopes waiting for a recipient device, in seq order; deleted on acknowledgement or expiry.
CREATE TABLE e2ee_queue (
    recipient_id TEXT NOT NULL CHECK (length(recipient_id) = 22),
    seq          BIGINT NOT NULL CHECK (seq >= 1),
    sender_id    TEXT NOT NULL CHECK (length(sender_id) = 22),
    bytes        INTEGER NOT NULL CHECK (bytes BETWEEN 1 AND 40960),
    envelope     TEXT NOT NULL,
    queued_at    BIGINT NOT NULL,
    PRIMARY KEY (recipient_id, seq)
);
CREATE INDEX e2ee_queue_expiry ON e2ee_queue (queued_at);

-- A photo's encrypted chunks (1 to 64 of 32 KiB and a tag each), stored once for every recipient, fetched only
-- by devices of the uploader's circle (the patient's id).
CREATE TABLE e2ee_blob (
    blob_id     TEXT PRIMARY KEY CHECK (length(blob_id) = 22),
    uploader_id TEXT NOT NULL CHECK (length(uploader_id) = 22),
    circle_id   TEXT NOT NULL REFERENCES patient (id),
    chunks      INTEGER NOT NULL CHECK (chunks BETWEEN 1 AND 64),
    created_at  BIGINT NOT NULL
);
CREATE INDEX e2ee_blob_expiry ON e2ee_blob (created_at);
CREATE INDEX e2ee_blob_uploader ON e2ee_blob (uploader_id);

CREATE TABLE e2ee_blob_chunk (
    blob_id TEXT NOT NULL REFERENCES e2ee_blob (blob_id),
    idx     INTEGER NOT NULL CHECK (idx BETWEEN 0 AND 63),
    data    TEXT NOT NULL,
    PRIMARY KEY (blob_id, idx)
);
