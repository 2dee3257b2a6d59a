-- Tablet enrolment: a tablet asks with its own key's certificate request, staff approve it with the code the
-- tablet shows; every certificate issued to a tablet is recorded, so that the CRL can list those of a revoked
-- tablet. Portable between SQLite and PostgreSQL; times are epoch milliseconds.

-- Every tablet certificate issued (serial in lowercase hex), however: from an enrolment request, a renewal,
-- an MDM package, or the demo's.
CREATE TABLE tablet_certificate (
    serial    TEXT PRIMARY KEY CHECK (length(serial) BETWEEN 1 AND 40),
    tablet_id TEXT NOT NULL REFERENCES tablet (id),
    issued_at BIGINT NOT NULL,
    not_after BIGINT NOT NULL,
    how       TEXT NOT NULL CHECK (how IN ('enrolment', 'renewal', 'mdm', 'demo')),
    CHECK (issued_at < not_after)
);
-- The CRL: the certificates of revoked tablets that have not expired.
CREATE INDEX tablet_certificate_tablet ON tablet_certificate (tablet_id, not_after);

-- A tablet's request to be enrolled. Only hashes of its code (hex SHA-256) and of its poll token are kept. The
-- device name comes from an unauthenticated tablet: bounded, and only ever shown as text. A pending request past
-- expires_at is marked expired; rows are purged a day after they expire.
CREATE TABLE tablet_enrolment (
    id              TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    code_hash       TEXT NOT NULL CHECK (length(code_hash) = 64),
    poll_hash       TEXT NOT NULL CHECK (length(poll_hash) = 64),
    csr             TEXT NOT NULL CHECK (length(csr) <= 16384),
    device_name     TEXT CHECK (device_name IS NULL OR length(device_name) BETWEEN 1 AND 64),
    from_address    TEXT NOT NULL CHECK (length(from_address) <= 64),
    key_fingerprint TEXT NOT NULL CHECK (length(key_fingerprint) = 95),
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused', 'expired')),
    decided_by      TEXT,
    decided_at      BIGINT,
    tablet_id       TEXT REFERENCES tablet (id),
    certificate     TEXT,
    CHECK (created_at < expires_at),
    CHECK (state <> 'approved' OR (tablet_id IS NOT NULL AND certificate IS NOT NULL AND decided_at IS NOT NULL))
);
-- A code names at most one pending request.
CREATE UNIQUE INDEX tablet_enrolment_pending_code ON tablet_enrolment (code_hash) WHERE state = 'pending';
-- The pending requests (the console's list, the count bound) and the purge, by expiry.
CREATE INDEX tablet_enrolment_state_expiry ON tablet_enrolment (state, expires_at);
CREATE INDEX tablet_enrolment_expiry ON tablet_enrolment (expires_at);
