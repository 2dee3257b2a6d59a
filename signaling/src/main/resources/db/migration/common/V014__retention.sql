-- Reports and retention (issue "Ward staff book visits in seconds"). Portable between SQLite and PostgreSQL;
-- times are epoch milliseconds. docs/security.md, "Retention", says what the purge wipes and what it keeps.

-- When retention wiped a discharged patient's name, INS and hospital identifier (the row and its id stay, for
-- the visits, reports and audit trail that name it).
ALTER TABLE patient ADD COLUMN purged_at BIGINT;

-- The purge's questions, each read through an index of the rows it may still have work on, so that it does not
-- read every contact, patient or message ever stored at each run:
-- contacts not removed, oldest first (retention.RetentionPurge.CONTACTS);
CREATE INDEX family_contact_kept ON family_contact (created_at) WHERE removed_at IS NULL;
-- discharged patients not yet purged (PATIENTS);
CREATE INDEX patient_discharged_kept ON patient (discharged_at) WHERE purged_at IS NULL;
-- messages still holding the SMS gateway's id (GATEWAY_IDS).
CREATE INDEX notify_message_gateway_kept ON notify_message (visit_id) WHERE gateway_id IS NOT NULL;
