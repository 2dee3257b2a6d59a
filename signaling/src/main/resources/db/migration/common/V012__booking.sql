-- Booking (issue "Ward staff book visits in seconds"): the booking rules count a patient's visits of a
-- day (the daily cap, free slots): patient_id = ? AND starts_at >= ? AND starts_at < ?. This index
-- reads that range alone, where visit_patient (patient_id) read every visit the patient ever had
-- (docs/benchmarks.md, "Booking"); it also serves every look-up by patient_id alone, so it replaces it.
CREATE INDEX visit_patient_starts ON visit (patient_id, starts_at);
DROP INDEX visit_patient;
