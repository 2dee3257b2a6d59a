// A family contact, in a dialog: add one to a patient (POST /api/patients/{id}/contacts) or change one
// (PATCH /api/contacts/{id}, only what changed): name, relationship, mobile number, e-mail address,
// language of their messages, how they get them, whether they may be invited. The server reads the
// number and the address (docs/staff-api.md, "Family contacts"); a refusal is said next to its field.
//
// DOM contract: #contact-dialog with #contact-form, #contact-form-heading, #contact-name,
// #contact-relationship, #contact-phone, #contact-email, #contact-language, #contact-channel,
// #contact-allowed (a field the server refused: [aria-invalid] and its words in #<field id>-error),
// #contact-form-error, #contact-save, #contact-cancel.

import { closeDialog, openFormDialog } from './dialogs.js';
import { isDirty, setText, showMessage } from './dom.js';
import { clearFieldErrors, fieldProblem, showFieldError } from './field-errors.js';

const FIELDS = Object.freeze({
  name: 'contact-name', relationship: 'contact-relationship', phone: 'contact-phone', email: 'contact-email',
  language: 'contact-language', channel: 'contact-channel',
});

/**
 * What to send for the form's values: the new contact (an empty optional field left out, the
 * channel left to the server when "automatic"), or what changed of `before` (an emptied
 * relationship, number or address is `null`: removed).
 */
export function contactChanges(before, values) {
  const text = (v) => String(v || '').trim();
  const wanted = {
    name: text(values.name), relationship: text(values.relationship) || null, phone: text(values.phone) || null,
    email: text(values.email) || null, language: values.language, channel: values.channel || null, allowed: Boolean(values.allowed),
  };
  if (!before) {
    const body = { name: wanted.name, language: wanted.language, allowed: wanted.allowed };
    for (const key of ['relationship', 'phone', 'email', 'channel']) if (wanted[key] !== null) body[key] = wanted[key];
    return body;
  }
  const out = {};
  for (const key of ['name', 'relationship', 'phone', 'email', 'language', 'allowed']) {
    if (wanted[key] !== (before[key] === undefined ? null : before[key])) out[key] = wanted[key];
  }
  if (wanted.channel !== null && wanted.channel !== before.channel) out.channel = wanted.channel;
  return out;
}

export class ContactForm {
  constructor(doc, { api, t }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      dialog: $('contact-dialog'), form: $('contact-form'), heading: $('contact-form-heading'), name: $('contact-name'),
      relationship: $('contact-relationship'), phone: $('contact-phone'), email: $('contact-email'),
      language: $('contact-language'), channel: $('contact-channel'), allowed: $('contact-allowed'),
      error: $('contact-form-error'), cancel: $('contact-cancel'),
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

  /** Adds a contact to `patient` (`contact` null) or changes one; resolves with the `<contact>` saved, or null. */
  open(patient, contact, opener) {
    const el = this._el;
    const t = this._t;
    clearFieldErrors(el.form);
    showMessage(el.error, '');
    setText(el.heading, contact ? t('staff.contacts.editHeading', { name: contact.name })
      : t('staff.contacts.addHeading', { name: patient.name }));
    for (const [input, value] of [[el.name, contact ? contact.name : ''], [el.relationship, contact && contact.relationship],
      [el.phone, contact && contact.phone], [el.email, contact && contact.email]]) input.defaultValue = value || '';
    const language = contact ? contact.language : patient.language || 'fr';
    for (const option of el.language.options) option.defaultSelected = option.value === language;
    for (const option of el.channel.options) option.defaultSelected = option.value === (contact ? contact.channel : '');
    el.allowed.defaultChecked = contact ? contact.allowed : true;
    el.form.reset();
    return openFormDialog(this, el.dialog, { patient, contact, saved: null }, { opener, focus: el.name });
  }

  async _save() {
    const pending = this._pending;
    if (!pending || this._busy) return;
    const el = this._el;
    clearFieldErrors(el.form);
    showMessage(el.error, '');
    if (!el.name.value.trim()) {
      showFieldError(el.name, this._t('staff.problem.contact.invalid_request.name'));
      return;
    }
    const body = contactChanges(pending.contact, {
      name: el.name.value, relationship: el.relationship.value, phone: el.phone.value, email: el.email.value,
      language: el.language.value, channel: el.channel.value, allowed: el.allowed.checked,
    });
    if (pending.contact && Object.keys(body).length === 0) {
      pending.saved = pending.contact;
      closeDialog(el.dialog, 'saved');
      return;
    }
    this._busy = true;
    try {
      pending.saved = pending.contact
        ? await this._api.patch(`/api/contacts/${encodeURIComponent(pending.contact.id)}`, body)
        : await this._api.post(`/api/patients/${encodeURIComponent(pending.patient.id)}/contacts`, body);
      closeDialog(el.dialog, 'saved');
    } catch (e) {
      if (e.code === 'not_signed_in') return;
      const problem = fieldProblem('contact', e);
      if (problem.field) showFieldError(this._doc.getElementById(FIELDS[problem.field]), this._t(problem.key));
      else showMessage(el.error, this._t(problem.key));
    } finally {
      this._busy = false;
    }
  }
}
