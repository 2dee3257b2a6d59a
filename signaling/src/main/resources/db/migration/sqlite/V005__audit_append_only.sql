-- The audit trail is append-only: the database refuses to change or remove an entry.
-- (Someone holding the file can drop these triggers; the hash chain and the head kept outside
-- the database are what detect that: ./lucarne audit verify.)
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE on audit_entry refused');
END;

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE on audit_entry refused');
END;
