// A patient's record (GET /api/patients/{id}) in a dialog: name, bed, ward, family contacts
// and visits. Every opening is a `patient.viewed` entry in the audit trail, so the record is
// fetched only when a person asks for it.
//
// DOM contract: #patient-dialog[data-patient-id] with #patient-name, #patient-bed,
// #patient-ward, #patient-contacts > li[data-contact-id], #patient-visits > li[data-visit-id],
// #patient-error, #patient-close.

import { errorKey } from './api.js';
import { dayAndTime } from './dates.js';
import { closeDialog, openDialog } from './dialogs.js';
import { h, setText, showMessage } from './dom.js';
import { visitStatusKey } from './rules.js';

export class PatientRecord {
  constructor(doc, { api, t, locale, zone }) {
    this._zone = zone || {};
    this._api = api;
    this._t = t;
    this._locale = locale;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      dialog: $('patient-dialog'), name: $('patient-name'), error: $('patient-error'), facts: $('patient-facts'),
      bed: $('patient-bed'), ward: $('patient-ward'), contacts: $('patient-contacts'), visits: $('patient-visits'),
      close: $('patient-close'),
    };
    this._el.close.addEventListener('click', () => closeDialog(this._el.dialog));
    this._el.dialog.addEventListener('close', () => this.clear());
    this._ticket = 0;
  }

  async open(patientId, opener) {
    const el = this._el;
    const ticket = ++this._ticket;
    this.clear();
    el.dialog.dataset.patientId = patientId;
    setText(el.name, this._t('staff.loading'));
    const closed = openDialog(el.dialog, { opener, focus: el.name });
    try {
      const p = await this._api.get(`/api/patients/${encodeURIComponent(patientId)}`);
      if (ticket !== this._ticket || !el.dialog.open) return;
      this._draw(p);
    } catch (e) {
      if (ticket !== this._ticket || !el.dialog.open) return;
      if (e.code === 'not_signed_in') return;
      setText(el.name, this._t('staff.patient.heading'));
      showMessage(el.error, this._t(errorKey(e)));
    }
    await closed;
  }

  clear() {
    const el = this._el;
    setText(el.name, '');
    setText(el.bed, '');
    setText(el.ward, '');
    el.contacts.replaceChildren();
    el.visits.replaceChildren();
    el.facts.hidden = true;
    showMessage(el.error, '');
    delete el.dialog.dataset.patientId;
  }

  _draw(p) {
    const el = this._el;
    const t = this._t;
    setText(el.name, p.name);
    setText(el.bed, p.bed || t('staff.patient.noBed'));
    setText(el.ward, (p.ward && p.ward.name) || '');
    el.facts.hidden = false;
    const contacts = p.contacts || [];
    el.contacts.replaceChildren(...(contacts.length
      ? contacts.map((c) => h('li', { dataset: { contactId: c.id } }, c.name))
      : [h('li', { class: 'muted' }, t('staff.patient.noContacts'))]));
    const visits = p.visits || [];
    el.visits.replaceChildren(...(visits.length
      ? visits.map((v) => h('li', { dataset: { visitId: v.id, status: v.status } },
        `${dayAndTime(v.startsAt, this._locale, this._zone.id)} — ${t(visitStatusKey(v.status))}`))
      : [h('li', { class: 'muted' }, t('staff.patient.noVisits'))]));
  }
}
