-- Staff accounts, their wards, second factors, sign-ins in progress and sessions
-- (docs/security.md, "Staff sign-in and sessions"). Portable between SQLite and PostgreSQL;
-- times are epoch milliseconds. Columns marked sealed hold AES-256-GCM values of
-- personal.PersonalData (registered in personal.SealedColumns); *_index columns hold blind
-- indexes (HMAC) for equality lookups, so a stolen database reveals no username.

CREATE TABLE staff_user (
    id                 TEXT PRIMARY KEY,
    -- sealed; the normalized username (NFKC, lower case), from which key rotation recomputes the index
    username           TEXT NOT NULL,
    -- blind index of the normalized username, purpose 'username'
    username_index     TEXT NOT NULL UNIQUE,
    -- sealed
    display_name       TEXT NOT NULL,
    role               TEXT NOT NULL CHECK (role IN ('nurse', 'ward_manager', 'admin')),
    active             BOOLEAN NOT NULL,
    -- Argon2id as a PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash); null: no local password (SSO only)
    password_hash      TEXT,
    -- a one-time password (new account, reset): it must be changed at the next sign-in
    password_one_time  BOOLEAN NOT NULL,
    -- sealed TOTP secret (base32); confirmed once a code from it was accepted
    totp_secret        TEXT,
    totp_confirmed_at  BIGINT,
    -- the newest accepted TOTP time step: a code of this step or older is a replay
    totp_last_step     BIGINT,
    -- sealed OpenID Connect subject ("iss sub") and its blind index, purpose 'oidc-subject'
    oidc_subject       TEXT,
    oidc_subject_index TEXT UNIQUE,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    CHECK ((oidc_subject IS NULL) = (oidc_subject_index IS NULL)),
    CHECK (totp_confirmed_at IS NULL OR totp_secret IS NOT NULL)
);

-- The wards a member of staff works on: the scope of the authorization policy.
CREATE TABLE staff_ward (
    user_id TEXT NOT NULL REFERENCES staff_user (id),
    ward_id TEXT NOT NULL REFERENCES ward (id),
    PRIMARY KEY (user_id, ward_id)
);
CREATE INDEX staff_ward_ward ON staff_ward (ward_id);

-- One-time recovery codes: only the SHA-256 (hex) of the normalized code is stored.
CREATE TABLE staff_recovery_code (
    user_id   TEXT NOT NULL REFERENCES staff_user (id),
    code_hash TEXT NOT NULL CHECK (length(code_hash) = 64),
    used_at   BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- A sign-in between the password and the second factor (cookie __Host-lucarne-signin), at most
-- 5 minutes from its last step. Only the SHA-256 (hex) of its token is stored.
CREATE TABLE staff_sign_in (
    token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id    TEXT NOT NULL REFERENCES staff_user (id),
    step       TEXT NOT NULL CHECK (step IN ('code', 'change_password', 'enrol')),
    created_at BIGINT NOT NULL
);
CREATE INDEX staff_sign_in_created ON staff_sign_in (created_at);

-- A session (cookie __Host-lucarne-session): only the SHA-256 (hex) of its token is stored. It is
-- open until ended_at is set; it ends after the idle timeout without activity (last_seen_at)
-- and at expires_at whatever happens.
CREATE TABLE staff_session (
    token_hash   TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id      TEXT NOT NULL REFERENCES staff_user (id),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    ended_at     BIGINT,
    end_reason   TEXT,
    CHECK (created_at < expires_at),
    CHECK ((ended_at IS NULL AND end_reason IS NULL) OR (ended_at IS NOT NULL AND end_reason IS NOT NULL))
);
CREATE INDEX staff_session_user ON staff_session (user_id);
-- The sweep's question: which open sessions are idle or past their end.
CREATE INDEX staff_session_open ON staff_session (last_seen_at) WHERE ended_at IS NULL;
