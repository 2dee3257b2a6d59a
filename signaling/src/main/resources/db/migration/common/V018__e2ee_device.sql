-- The device directory of end-to-end encrypted messages (docs/e2ee.md, "Identity", "Binding a link to a
-- browser"): each device's identity record, whom it belongs to, and its binding's state. Public keys only.
-- Portable between SQLite and PostgreSQL; times are epoch milliseconds; byte fields are base64url text.
--
-- A tablet's device belongs to the stay of the patient in its bed when the kiosk published it (patient_id);
-- a family device to a contact (hence a patient), bound through one of their invites (the first bound, or
-- the one it waited with). state: 'bound' (a member while its contact is not removed and has a live invite;
-- a device let in by the patient or staff is 'bound' too), 'waiting' (someone else opened a link already
-- bound: the patient or staff decide), 'refused', 'removed' (a reset, or a tablet's later identity).
-- decided_by: who set the state last (family:<contact>, tablet:<tablet>, staff:<user>), for the console.
CREATE TABLE e2ee_device (
    device_id      TEXT PRIMARY KEY CHECK (length(device_id) = 22),
    identity       TEXT NOT NULL CHECK (length(identity) = 171),
    patient_id     TEXT NOT NULL REFERENCES patient (id),
    kind           TEXT NOT NULL CHECK (kind IN ('tablet', 'family')),
    tablet_id      TEXT REFERENCES tablet (id),
    contact_id     TEXT REFERENCES family_contact (id),
    invite_id_hash TEXT REFERENCES invite (id_hash),
    state          TEXT NOT NULL CHECK (state IN ('bound', 'waiting', 'refused', 'removed')),
    decided_by     TEXT,
    created_at     BIGINT NOT NULL,
    changed_at     BIGINT NOT NULL,
    CHECK ((kind = 'tablet' AND tablet_id IS NOT NULL AND contact_id IS NULL AND invite_id_hash IS NULL)
        OR (kind = 'family' AND contact_id IS NOT NULL AND invite_id_hash IS NOT NULL AND tablet_id IS NULL))
);
-- A circle's members and a contact's devices: patient_id = ? AND state = ?, contact_id = ? AND state = ?.
CREATE INDEX e2ee_device_patient ON e2ee_device (patient_id, state);
CREATE INDEX e2ee_device_contact ON e2ee_device (contact_id, state);
-- A tablet's devices, the older ones removed when its kiosk publishes a new identity.
CREATE INDEX e2ee_device_tablet ON e2ee_device (tablet_id, state);
