-- Video visits: one booked slot of a patient on a bedside tablet, and the family invites
-- that admit to it. Portable between SQLite and PostgreSQL; times are epoch milliseconds.

-- A visit is open until ended_at is set (someone ended it, it was declined or cancelled)
-- or ends_at has passed. Two open visits of one tablet never overlap: Visits checks it
-- under a lock on the tablet row.
CREATE TABLE visit (
    id          TEXT PRIMARY KEY,
    patient_id  TEXT NOT NULL REFERENCES patient (id),
    tablet_id   TEXT NOT NULL REFERENCES tablet (id),
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL,
    auto_answer BOOLEAN NOT NULL,
    created_at  BIGINT NOT NULL,
    ended_at    BIGINT,
    end_reason  TEXT,
    CHECK (starts_at < ends_at),
    CHECK ((ended_at IS NULL AND end_reason IS NULL) OR (ended_at IS NOT NULL AND end_reason IS NOT NULL))
);
-- The visits of a tablet overlapping an instant or a slot: tablet_id = ? AND ends_at > ?.
CREATE INDEX visit_tablet_ends ON visit (tablet_id, ends_at);
CREATE INDEX visit_patient ON visit (patient_id);

-- An invite admits to exactly one visit (the primary key); a visit has any number of invites.
CREATE TABLE visit_invite (
    invite_id_hash TEXT PRIMARY KEY REFERENCES invite (id_hash),
    visit_id       TEXT NOT NULL REFERENCES visit (id)
);
CREATE INDEX visit_invite_visit ON visit_invite (visit_id);
