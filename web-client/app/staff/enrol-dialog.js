// "Enrol a tablet": a member of staff approves the code the tablet shows on its pairing screen
// (POST /api/enrolments/approve, docs/staff-api.md "Enrolling tablets") for a bed of the ward, with a
// label; the tablet then fetches its certificate by itself. Opened from the Tablets view, or by the
// console's address /staff#enrol=12345678 (the pairing screen's QR code) with the code filled in.
// The dialog is built here with DOM calls (no markup from strings).
//
// DOM contract: #tablet-enrol-dialog with #tablet-enrol-form, #tablet-enrol-heading, #tablet-enrol-code,
// #tablet-enrol-bed, #tablet-enrol-label (a refused field: [aria-invalid] and its words in #<id>-error;
// `unknown_code` is said next to the code), #tablet-enrol-error, #tablet-enrol-save, #tablet-enrol-cancel.

import { closeDialog, openFormDialog } from './dialogs.js';
import { errorKey } from './api.js';
import { h, showMessage } from './dom.js';
import { clearFieldErrors, fieldProblem, showFieldError } from './field-errors.js';
import { enrolmentCode } from './rules.js';

/** docs/staff-api.md: a tablet's label is 1 to 64 characters. */
export const LABEL_MAX = 64;

/** A labelled field: `<div class="field"><label for=id>…</label>control hint?</div>`. */
export function field(id, label, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('p', { id: `${id}-hint`, class: 'field__hint' }, hint) : null);
}

/** The bed and label fields of an enrolment form whose ids start with `prefix`. */
export function bedAndLabel(prefix, t) {
  const bed = h('select', { id: `${prefix}-bed` });
  const label = h('input', {
    id: `${prefix}-label`, type: 'text', autocomplete: 'off', maxlength: String(LABEL_MAX), aria: { describedby: `${prefix}-label-hint` },
  });
  return {
    bed, label,
    fields: [field(bed.id, t('staff.enrolments.bed'), bed), field(label.id, t('staff.enrolments.label'), label, t('staff.enrolments.labelHint'))],
  };
}

/**
 * Opens `holder`'s dialog (`holder._el`: dialog, form, bed, error) for `ward`, its form emptied, and fills
 * the bed list with the ward's beds (GET /api/wards/{id}/beds) meanwhile; resolves as openFormDialog does.
 */
export async function openOnBeds(holder, ward, options) {
  const el = holder._el;
  clearFieldErrors(el.form);
  showMessage(el.error, '');
  el.form.reset();
  el.bed.replaceChildren();
  const opened = openFormDialog(holder, el.dialog, { ward, saved: null }, options);
  try {
    const beds = ward ? await holder._api.get(`/api/wards/${encodeURIComponent(ward.id)}/beds`) : [];
    el.bed.replaceChildren(...(beds || []).map((b) => h('option', { value: b.id }, b.label)));
    if (!el.bed.options.length) showMessage(el.error, holder._t('staff.enrolments.noBeds'));
  } catch (e) {
    if (e.code !== 'not_signed_in') showMessage(el.error, holder._t(errorKey(e)));
  }
  return opened;
}

/** What is wrong with the bed and label before asking the server: `[input, key]`, or null. */
export function bedAndLabelProblem(form, bed, label) {
  if (!bed.value) return [bed, `staff.problem.${form}.invalid_request.bed`];
  const text = label.value.trim();
  if (!text || [...text].length > LABEL_MAX) return [label, `staff.problem.${form}.invalid_request.label`];
  return null;
}

export class EnrolDialog {
  constructor(doc, { api, t }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._pending = null;
    this._busy = false;
    const code = h('input', {
      id: 'tablet-enrol-code', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', maxlength: '9',
      aria: { describedby: 'tablet-enrol-code-hint' },
    });
    const { bed, label, fields } = bedAndLabel('tablet-enrol', t);
    const error = h('p', { id: 'tablet-enrol-error', class: 'notice notice--problem', role: 'alert', hidden: true });
    const cancel = h('button', { id: 'tablet-enrol-cancel', class: 'button', type: 'button' }, t('staff.cancel'));
    const form = h('form', { id: 'tablet-enrol-form', class: 'form', novalidate: true },
      h('h2', { id: 'tablet-enrol-heading', class: 'dialog__heading' }, t('staff.enrolments.enrolHeading')),
      h('p', null, t('staff.enrolments.enrolIntro')),
      error,
      field(code.id, t('staff.enrolments.code'), code, t('staff.enrolments.codeHint')),
      ...fields,
      h('div', { class: 'actions' },
        h('button', { id: 'tablet-enrol-save', class: 'button button--primary', type: 'submit' }, t('staff.enrolments.approve')),
        cancel));
    this._el = { dialog: h('dialog', { id: 'tablet-enrol-dialog', class: 'dialog', aria: { labelledby: 'tablet-enrol-heading' } }, form), form, code, bed, label, error };
    doc.body.append(this._el.dialog);
    cancel.addEventListener('click', () => closeDialog(this._el.dialog));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._approve();
    });
  }

  /** Opens the dialog for `ward` (the code filled in when given); resolves with `{tablet, request, bedLabel}` once approved, or null. */
  open(ward, { code, opener } = {}) {
    const el = this._el;
    const opened = openOnBeds(this, ward, { opener, focus: code ? el.bed : el.code });
    el.code.value = code ? `${code.slice(0, 4)}-${code.slice(4)}` : '';
    return opened;
  }

  async _approve() {
    const pending = this._pending;
    if (!pending || this._busy) return;
    const el = this._el;
    const t = this._t;
    clearFieldErrors(el.form);
    showMessage(el.error, '');
    const code = enrolmentCode(el.code.value);
    if (!code) {
      showFieldError(el.code, t('staff.problem.enrolment.invalid_request.code'));
      return;
    }
    const problem = bedAndLabelProblem('enrolment', el.bed, el.label);
    if (problem) {
      showFieldError(problem[0], t(problem[1]));
      return;
    }
    this._busy = true;
    try {
      const answer = await this._api.post('/api/enrolments/approve', { code, bed: el.bed.value, label: el.label.value.trim() });
      pending.saved = { ...answer, bedLabel: el.bed.selectedOptions[0].textContent };
      closeDialog(el.dialog, 'saved');
    } catch (e) {
      if (e.code === 'not_signed_in') return;
      if (e.code === 'unknown_code') showFieldError(el.code, t('staff.enrolments.unknownCode'));
      else if (e.code === 'forbidden') showFieldError(el.bed, t('staff.enrolments.notYourWard'));
      else {
        const said = fieldProblem('enrolment', e);
        if (said.field) showFieldError({ code: el.code, bed: el.bed, label: el.label }[said.field], t(said.key));
        else showMessage(el.error, t(said.key));
      }
    } finally {
      this._busy = false;
    }
  }
}
