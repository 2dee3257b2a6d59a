// The patient form, in a dialog: admit a patient to a ward (POST /api/wards/{id}/patients) or change
// one (PATCH /api/patients/{id}, only what changed): name, bed (the ward's beds; one taken by another
// patient cannot be chosen), the language of their tablet, the INS (matricule and kind) and the
// hospital's identifier. The server checks each; a refusal is said next to its field.
//
// DOM contract: #patient-form-dialog with #patient-form, #patient-form-heading, #patient-form-name,
// #patient-form-bed, #patient-form-language, #patient-form-ins, #patient-form-ins-oid,
// #patient-form-hospital-id (a field the server refused: [aria-invalid] and its words in
// #<field id>-error), #patient-form-error, #patient-form-save, #patient-form-cancel.

import { closeDialog, openFormDialog } from './dialogs.js';
import { h, isDirty, setText, showMessage } from './dom.js';
import { clearFieldErrors, fieldProblem, showFieldError } from './field-errors.js';

/** docs/staff-api.md, "Patients": the kinds of INS, by OID. */
export const INS_OIDS = Object.freeze({
  '1.2.250.1.213.1.4.8': 'INS-NIR', '1.2.250.1.213.1.4.9': 'INS-NIA', '1.2.250.1.213.1.4.10': 'INS-NIR-TEST',
  '1.2.250.1.213.1.4.11': 'INS-NIR-DEMO',
});

const FIELDS = Object.freeze({
  name: 'patient-form-name', bed: 'patient-form-bed', language: 'patient-form-language', ins: 'patient-form-ins',
  'ins.matricule': 'patient-form-ins', 'ins.oid': 'patient-form-ins-oid', hospitalId: 'patient-form-hospital-id',
  visits: 'patient-form-bed',
});

/**
 * What to send for the form's values: the whole patient to admit, or what changed of `before`.
 * An INS or identifier cleared is `null` (removed); an INS is sent whole, matricule without spaces.
 */
export function patientChanges(before, values) {
  const ins = values.insMatricule.replace(/\s+/g, '') ? { matricule: values.insMatricule.trim(), oid: values.insOid } : null;
  const hospitalId = values.hospitalId.trim() || null;
  const wanted = { name: values.name.trim(), bed: values.bed, language: values.language, ins, hospitalId };
  if (!before) {
    const body = { name: wanted.name, bed: wanted.bed, language: wanted.language };
    if (ins) body.ins = ins;
    if (hospitalId) body.hospitalId = hospitalId;
    return body;
  }
  const out = {};
  if (wanted.name !== before.name) out.name = wanted.name;
  if (wanted.bed !== before.bedId) out.bed = wanted.bed;
  if (wanted.language !== before.language) out.language = wanted.language;
  const had = before.ins || null;
  if (JSON.stringify(ins && { m: ins.matricule.replace(/\s+/g, ''), o: ins.oid }) !== JSON.stringify(had && { m: had.matricule, o: had.oid })) {
    out.ins = ins;
  }
  if (hospitalId !== (before.hospitalId || null)) out.hospitalId = hospitalId;
  return out;
}

export class PatientForm {
  constructor(doc, { api, t }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      dialog: $('patient-form-dialog'), form: $('patient-form'), heading: $('patient-form-heading'),
      name: $('patient-form-name'), bed: $('patient-form-bed'), language: $('patient-form-language'), ins: $('patient-form-ins'),
      oid: $('patient-form-ins-oid'), hospitalId: $('patient-form-hospital-id'), error: $('patient-form-error'),
      cancel: $('patient-form-cancel'),
    };
    this._el.cancel.addEventListener('click', () => closeDialog(this._el.dialog));
    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._save();
    });
    this._pending = null;
    this._busy = false;
  }

  get dirty() {
    return this._el.dialog.open && isDirty(this._el.form);
  }

  /**
   * Admits a patient to `ward` (`patient` null) or changes one. Resolves with the server's
   * `<patient>` once saved, null if cancelled.
   */
  async open(ward, patient, opener) {
    const el = this._el;
    const t = this._t;
    el.form.reset();
    clearFieldErrors(el.form);
    showMessage(el.error, '');
    setText(el.heading, patient ? t('staff.patients.editHeading', { name: patient.name }) : t('staff.patients.admitHeading', { ward: ward.name }));
    let beds = [];
    try {
      beds = await this._api.get(`/api/wards/${encodeURIComponent(ward.id)}/beds`);
    } catch (e) {
      if (e.code === 'not_signed_in') return null;
    }
    const mine = patient ? patient.bedId : null;
    el.bed.replaceChildren(...beds.map((b) => {
      const taken = b.patientId && b.patientId !== (patient && patient.id);
      const option = h('option', { value: b.id }, taken ? t('staff.patients.bedTaken', { bed: b.label }) : b.label);
      option.disabled = Boolean(taken);
      option.defaultSelected = b.id === mine;
      return option;
    }));
    if (!mine) {
      const free = [...el.bed.options].find((o) => !o.disabled);
      if (free) free.defaultSelected = true;
    }
    set(el.name, patient ? patient.name : '');
    for (const option of el.language.options) option.defaultSelected = option.value === (patient ? patient.language : 'fr');
    set(el.ins, patient && patient.ins ? patient.ins.matricule : '');
    for (const option of el.oid.options) option.defaultSelected = option.value === (patient && patient.ins ? patient.ins.oid : '1.2.250.1.213.1.4.8');
    set(el.hospitalId, patient && patient.hospitalId ? patient.hospitalId : '');
    el.form.reset(); // every field back to the defaults just set
    return openFormDialog(this, el.dialog, { ward, patient, saved: null }, { opener, focus: el.name });
  }

  async _save() {
    const pending = this._pending;
    if (!pending || this._busy) return;
    const el = this._el;
    clearFieldErrors(el.form);
    showMessage(el.error, '');
    if (!el.name.value.trim()) {
      showFieldError(el.name, this._t('staff.problem.patient.invalid_request.name'));
      return;
    }
    const body = patientChanges(pending.patient, {
      name: el.name.value, bed: el.bed.value, language: el.language.value, insMatricule: el.ins.value, insOid: el.oid.value,
      hospitalId: el.hospitalId.value,
    });
    if (pending.patient && Object.keys(body).length === 0) {
      pending.saved = pending.patient;
      closeDialog(el.dialog, 'saved');
      return;
    }
    this._busy = true;
    try {
      pending.saved = pending.patient
        ? await this._api.patch(`/api/patients/${encodeURIComponent(pending.patient.id)}`, body)
        : await this._api.post(`/api/wards/${encodeURIComponent(pending.ward.id)}/patients`, body);
      closeDialog(el.dialog, 'saved');
    } catch (e) {
      if (e.code === 'not_signed_in') return;
      const problem = fieldProblem('patient', e);
      if (problem.field) showFieldError(this._doc.getElementById(FIELDS[problem.field]), this._t(problem.key));
      else showMessage(el.error, this._t(problem.key));
    } finally {
      this._busy = false;
    }
  }
}

function set(input, value) {
  input.defaultValue = value;
  input.value = value;
}
