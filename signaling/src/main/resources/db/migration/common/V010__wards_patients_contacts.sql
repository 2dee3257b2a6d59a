-- Ward settings, and what booking visits needs to know of patients, family contacts, tablets and
-- visits (issue "Ward staff book visits in seconds"). Portable between SQLite and PostgreSQL;
-- times are epoch milliseconds; personal data columns hold sealed values (personal.SealedColumns).

-- A ward's booking rules. A ward without a row follows the defaults of ward.WardSettings.
CREATE TABLE ward_settings (
    ward_id                 TEXT PRIMARY KEY REFERENCES ward (id),
    time_zone               TEXT NOT NULL,
    -- allowed visit lengths in minutes, ascending, comma-separated: '15,30,45,60'
    visit_lengths           TEXT NOT NULL,
    cleaning_buffer_minutes INTEGER NOT NULL CHECK (cleaning_buffer_minutes BETWEEN 0 AND 240),
    daily_cap               INTEGER NOT NULL CHECK (daily_cap BETWEEN 1 AND 48),
    -- reminders, in minutes before a visit's start, descending, comma-separated: '1440,15' (may be empty)
    reminder_minutes        TEXT NOT NULL,
    updated_at              BIGINT NOT NULL,
    updated_by              TEXT
);

-- Visiting hours: any number of spans per weekday (1 = Monday … 7 = Sunday), in minutes from
-- midnight in the ward's time zone, [opens_at, closes_at). A ward with settings but no span
-- takes no visit; a ward without settings follows the defaults.
CREATE TABLE ward_visiting_hours (
    ward_id   TEXT NOT NULL REFERENCES ward (id),
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens_at  INTEGER NOT NULL CHECK (opens_at BETWEEN 0 AND 1439),
    closes_at INTEGER NOT NULL CHECK (closes_at BETWEEN 1 AND 1440),
    CHECK (opens_at < closes_at),
    PRIMARY KEY (ward_id, weekday, opens_at)
);

-- Patients: the language their tablet speaks, their identifiers (sealed; the hospital's own one
-- also has a blind index, to find a patient by it), the consent to the tablet answering by itself
-- (who recorded it, when), admission and discharge.
ALTER TABLE patient ADD COLUMN language TEXT NOT NULL DEFAULT 'fr';
ALTER TABLE patient ADD COLUMN ins TEXT;
ALTER TABLE patient ADD COLUMN hospital_id TEXT;
ALTER TABLE patient ADD COLUMN hospital_id_index TEXT;
ALTER TABLE patient ADD COLUMN auto_answer BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE patient ADD COLUMN consent_recorded_by TEXT;
ALTER TABLE patient ADD COLUMN consent_recorded_at BIGINT;
ALTER TABLE patient ADD COLUMN admitted_at BIGINT;
ALTER TABLE patient ADD COLUMN discharged_at BIGINT;
CREATE INDEX patient_hospital_id ON patient (hospital_id_index);

-- Family contacts: relationship, phone (E.164) and e-mail (sealed), the language of their
-- messages, the channel they prefer, whether they may be invited (allowed), and their removal
-- (a removed contact is kept for the visits and the trail that name it, without their details).
ALTER TABLE family_contact ADD COLUMN relationship TEXT;
ALTER TABLE family_contact ADD COLUMN phone TEXT;
ALTER TABLE family_contact ADD COLUMN email TEXT;
ALTER TABLE family_contact ADD COLUMN language TEXT NOT NULL DEFAULT 'fr';
ALTER TABLE family_contact ADD COLUMN channel TEXT NOT NULL DEFAULT 'email'
    CHECK (channel IN ('sms', 'email', 'none'));
ALTER TABLE family_contact ADD COLUMN allowed BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE family_contact ADD COLUMN removed_at BIGINT;

-- Tablets: the last cleaning, by whom (staff:<id>).
ALTER TABLE tablet ADD COLUMN cleaned_at BIGINT;
ALTER TABLE tablet ADD COLUMN cleaned_by TEXT;

-- Visits: who booked it (staff:<id>, system), and what happened in it, for its status
-- (completed when someone joined, no-show when nobody did).
ALTER TABLE visit ADD COLUMN booked_by TEXT;
ALTER TABLE visit ADD COLUMN first_joined_at BIGINT;
ALTER TABLE visit ADD COLUMN call_started_at BIGINT;
CREATE INDEX visit_starts ON visit (starts_at);
