-- Tablet health and "do not disturb" (docs/staff-api.md, "Tablets"; docs/protocol.md, "Tablet"). Portable
-- between SQLite and PostgreSQL; times are epoch milliseconds. The tablet's health (battery, app version,
-- last seen) stays in each node's memory; "do not disturb" is stored, so that it survives a restart.

-- A tablet's "do not disturb", while it is on: no visit rings the tablet before until_at, nor after the start
-- of a booked visit of the tablet later than set_at (the start of a visit ends it). Turning it off, or its end
-- found by the server's sweep, deletes the row. set_by is who turned it on (staff:<id> or tablet:<id>).
CREATE TABLE tablet_do_not_disturb (
    tablet_id TEXT PRIMARY KEY REFERENCES tablet (id),
    until_at  BIGINT NOT NULL,
    set_at    BIGINT NOT NULL,
    set_by    TEXT NOT NULL,
    CHECK (until_at > set_at)
);

-- The visits of a tablet starting in a range (the next visit, a visit that started since): tablet_id = ? AND
-- starts_at > ?.
CREATE INDEX visit_tablet_starts ON visit (tablet_id, starts_at);
