-- Messages to families (issue "Ward staff book visits in seconds": invites by SMS, e-mail or the
-- outbox, reminders, retries, delivery status). Portable between SQLite and PostgreSQL; times are
-- epoch milliseconds; personal data columns hold sealed values (personal.SealedColumns).

-- An invite's link, https://HOST/v/{id}#{secret}, sealed (INVITE_LINK): the invite table keeps only
-- the id's hash, yet reminders and a resend must carry the link again. Deleted as soon as the visit
-- is over or cancelled, or the invite revoked.
CREATE TABLE invite_link (
    invite_id_hash TEXT PRIMARY KEY REFERENCES invite (id_hash),
    link           TEXT NOT NULL
);

-- One message to one family contact about one visit, and what became of it. Queued in the booking's
-- transaction; sent when due by whichever node claims it first (pending -> sending, with a claim that
-- runs out if that node dies), tried again after a passing failure, at most notify.retry.max.attempts
-- times. error_code and error say why it failed, in words without any personal data.
CREATE TABLE notify_message (
    id              TEXT PRIMARY KEY,
    visit_id        TEXT NOT NULL REFERENCES visit (id),
    contact_id      TEXT NOT NULL REFERENCES family_contact (id),
    -- the invite whose link it carries (a cancellation carries none, but names the invite it withdraws)
    invite_id_hash  TEXT REFERENCES invite (id_hash),
    kind            TEXT NOT NULL CHECK (kind IN ('invite', 'reminder', 'rescheduled', 'cancelled')),
    channel         TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'outbox')),
    status          TEXT NOT NULL
        CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled')),
    due_at          BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- while sending: the claim's end, after which another node may take the message back
    claimed_until   BIGINT,
    error_code      TEXT,
    error           TEXT,
    -- the SMS gateway's id for the message, when it gave one
    gateway_id      TEXT,
    -- outbox messages only: what the family would have received, sealed (NOTIFY_BODY), until the visit is over
    body            TEXT,
    created_at      BIGINT NOT NULL,
    -- staff:<id> or system
    created_by      TEXT NOT NULL,
    sent_at         BIGINT,
    delivered_at    BIGINT,
    updated_at      BIGINT NOT NULL
);
-- The dispatcher's question: status = 'pending' AND next_attempt_at <= now.
CREATE INDEX notify_message_due ON notify_message (status, next_attempt_at);
CREATE INDEX notify_message_visit ON notify_message (visit_id);
CREATE INDEX notify_message_invite ON notify_message (invite_id_hash);
