-- Which data key the personal data in this database is sealed with (docs/security.md, "Keys").
-- One row: the key's id and a check value (HMAC-SHA-256 of a fixed text under that key), so a
-- server started with another key file stops with a clear message instead of reading garbage.
CREATE TABLE data_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    key_id      TEXT NOT NULL,
    check_value TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
