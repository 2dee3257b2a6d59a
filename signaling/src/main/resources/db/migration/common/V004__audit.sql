-- The audit trail (docs/security.md, "Audit trail"): append-only and hash-chained. Entry seq
-- holds the SHA-256 of its canonical encoding, which includes the hash of entry seq - 1
-- (64 zeros for the first). Ids only: no names, phone numbers or message content. No foreign
-- keys: an entry outlives the rows it names.
CREATE TABLE audit_entry (
    seq        BIGINT PRIMARY KEY CHECK (seq >= 1),
    at         BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT,
    ward_id    TEXT,
    patient_id TEXT,
    address    TEXT,
    outcome    TEXT NOT NULL,
    detail     TEXT,
    prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash       TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_entry_at ON audit_entry (at);
CREATE INDEX audit_entry_actor ON audit_entry (actor, seq);
CREATE INDEX audit_entry_ward ON audit_entry (ward_id, seq);
CREATE INDEX audit_entry_patient ON audit_entry (patient_id, seq);
