-- Sign-ins with the hospital's SSO (OpenID Connect) in progress, from the redirect to the
-- provider until its answer comes back (docs/security.md, "SSO"). A row lives at most 10
-- minutes and is deleted when used, so an answer is taken once. state_hash is the SHA-256 (hex)
-- of the state sent to the provider, which the browser also holds in its __Host-lucarne-sso
-- cookie; the state itself is not stored. The nonce and the PKCE code verifier are of no use
-- without the one-time code that only the browser receives.
CREATE TABLE sso_login (
    state_hash    TEXT PRIMARY KEY CHECK (length(state_hash) = 64),
    nonce         TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX sso_login_created ON sso_login (created_at);
