-- Ended staff sessions are deleted by the retention purge (docs/security.md, "Retention"): those whose absolute
-- end (expires_at) is more than retention.days ago, ended or not. Read through this index
-- (retention.RetentionPurge.STAFF_SESSIONS), so that the purge does not read every session ever opened.
CREATE INDEX staff_session_expires ON staff_session (expires_at);
