-- Wards, beds, patients, bedside tablets, family contacts and their invites.
-- Portable between SQLite and PostgreSQL. Ids are random TEXT identifiers;
-- times are epoch milliseconds (BIGINT).

CREATE TABLE ward (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE bed (
    id      TEXT PRIMARY KEY,
    ward_id TEXT NOT NULL REFERENCES ward (id),
    label   TEXT NOT NULL,
    UNIQUE (ward_id, label)
);

CREATE TABLE patient (
    id           TEXT PRIMARY KEY,
    bed_id       TEXT NOT NULL REFERENCES bed (id),
    display_name TEXT NOT NULL
);
CREATE INDEX patient_bed ON patient (bed_id);

CREATE TABLE tablet (
    id          TEXT PRIMARY KEY,
    bed_id      TEXT NOT NULL REFERENCES bed (id),
    label       TEXT NOT NULL,
    enrolled_at BIGINT NOT NULL,
    revoked_at  BIGINT,
    CHECK (revoked_at IS NULL OR revoked_at >= enrolled_at)
);
CREATE INDEX tablet_bed ON tablet (bed_id);

CREATE TABLE family_contact (
    id           TEXT PRIMARY KEY,
    patient_id   TEXT NOT NULL REFERENCES patient (id),
    display_name TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX family_contact_patient ON family_contact (patient_id);

-- id_hash is the SHA-256 (hex) of the invite id: the id itself is never stored,
-- so a stolen database cannot be used to join a call.
CREATE TABLE invite (
    id_hash    TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
    contact_id TEXT NOT NULL REFERENCES family_contact (id),
    created_at BIGINT NOT NULL,
    not_before BIGINT NOT NULL,
    not_after  BIGINT NOT NULL,
    revoked_at BIGINT,
    CHECK (not_before < not_after)
);
CREATE INDEX invite_contact ON invite (contact_id);
