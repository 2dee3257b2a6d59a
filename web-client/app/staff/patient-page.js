// One patient's page in the Patients view (GET /api/patients/{id}, audited `patient.viewed`): bed,
// language, INS, hospital identifier, admission, the consent to the tablet answering by itself (who
// recorded it, when), and their family contacts. Change the patient, record or withdraw the consent
// (PUT /api/patients/{id}/consent), discharge (confirmed); add, change and remove (confirmed) contacts.
//
// DOM contract: #patient-page[data-patient-id] with #patient-page-name, #patient-page-facts
// (#patient-page-bed, #patient-page-language, #patient-page-ins, #patient-page-hospital-id,
// #patient-page-admitted, #patient-page-consent), #patient-edit, #patient-consent (aria-pressed: the
// consent given), #patient-discharge, #patient-back; #contact-add; #contact-list > tr.contact
// [data-contact-id][data-channel][data-allowed] with .contact-edit, .contact-devices (their phones and
// computers: contact-devices.js) and .contact-remove;
// #contacts-empty; #patient-page-error (role=alert).

import { errorKey } from './api.js';
import { dateTime } from './dates.js';
import { confirmAction } from './dialogs.js';
import { focusOn, h, setText, showMessage } from './dom.js';
import { contactChannelKey } from './invite-text.js';
import { fieldProblem } from './field-errors.js';
import { ContactDevices } from './contact-devices.js';

export class PatientPage {
  constructor(doc, { api, t, locale, zone, patientForm, contactForm, said, back }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._zone = zone || {};
    this._form = patientForm;
    this._contactForm = contactForm;
    this._said = said;
    this._back = back;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      page: $('patient-page'), name: $('patient-page-name'), facts: $('patient-page-facts'), bed: $('patient-page-bed'),
      language: $('patient-page-language'), ins: $('patient-page-ins'), hospitalId: $('patient-page-hospital-id'),
      admitted: $('patient-page-admitted'), consent: $('patient-page-consent'), edit: $('patient-edit'),
      consentButton: $('patient-consent'), discharge: $('patient-discharge'), backButton: $('patient-back'),
      error: $('patient-page-error'), contactAdd: $('contact-add'), contacts: $('contact-list'),
      contactsTable: $('contact-table'), contactsEmpty: $('contacts-empty'),
    };
    this._patient = null;
    this._devices = new ContactDevices(doc, { api, t, locale, zone });
    this._el.backButton.addEventListener('click', () => this._leave());
    this._el.edit.addEventListener('click', () => this._edit());
    this._el.consentButton.addEventListener('click', () => this._consent());
    this._el.discharge.addEventListener('click', () => this._discharge());
    this._el.contactAdd.addEventListener('click', () => this._contact(null, this._el.contactAdd));
  }

  async open(patientId) {
    const el = this._el;
    this.close();
    el.page.hidden = false;
    el.page.dataset.patientId = patientId;
    setText(el.name, this._t('staff.loading'));
    focusOn(el.name);
    await this._load(patientId);
  }

  /** Hides the page and forgets the patient shown. */
  close() {
    const el = this._el;
    this._patient = null;
    el.page.hidden = true;
    delete el.page.dataset.patientId;
    setText(el.name, '');
    for (const dd of [el.bed, el.language, el.ins, el.hospitalId, el.admitted, el.consent]) setText(dd, '');
    el.contacts.replaceChildren();
    showMessage(el.error, '');
  }

  _leave() {
    const id = this._patient ? this._patient.id : null;
    this.close();
    this._back(id);
  }

  async _load(patientId, focus) {
    try {
      const p = await this._api.get(`/api/patients/${encodeURIComponent(patientId)}`);
      if (this._el.page.dataset.patientId !== patientId) return;
      this._patient = p;
      this._draw(p);
      if (focus) focusOn(focus());
    } catch (e) {
      if (e.code === 'not_signed_in' || this._el.page.dataset.patientId !== patientId) return;
      setText(this._el.name, this._t('staff.patient.heading'));
      showMessage(this._el.error, this._t(errorKey(e)));
    }
  }

  _draw(p) {
    const el = this._el;
    const t = this._t;
    const when = (at) => dateTime(at, this._locale, this._zone.id);
    setText(el.name, p.name);
    setText(el.bed, p.bed || t('staff.patient.noBed'));
    setText(el.language, t(`staff.language.${p.language === 'en' ? 'en' : 'fr'}`));
    setText(el.ins, p.ins ? t('staff.patients.insValue', { matricule: p.ins.matricule, kind: p.ins.kind || p.ins.oid }) : t('staff.patients.none'));
    setText(el.hospitalId, p.hospitalId || t('staff.patients.none'));
    setText(el.admitted, p.admittedAt ? when(p.admittedAt) : t('staff.patients.unknown'));
    setText(el.consent, p.consent
      ? t(p.autoAnswer ? 'staff.patients.consentYes' : 'staff.patients.consentNo', { name: p.consent.recordedBy ? p.consent.recordedBy.name : '?', when: when(p.consent.recordedAt) })
      : t('staff.patients.consentNone'));
    el.consentButton.setAttribute('aria-pressed', String(Boolean(p.autoAnswer)));
    setText(el.consentButton, t(p.autoAnswer ? 'staff.patients.consentWithdraw' : 'staff.patients.consentRecord'));
    const contacts = p.contacts || [];
    el.contactsTable.hidden = contacts.length === 0;
    el.contactsEmpty.hidden = contacts.length > 0;
    el.contacts.replaceChildren(...contacts.map((c) => this._contactRow(c)));
  }

  _contactRow(c) {
    const t = this._t;
    const button = (cls, key, handler) => {
      const b = h('button', { type: 'button', class: `button button--small ${cls}`, aria: { label: t(`${key}For`, { name: c.name }) } }, t(key));
      b.addEventListener('click', () => handler(b));
      return b;
    };
    return h('tr', { class: 'contact', dataset: { contactId: c.id, channel: c.channel, allowed: String(c.allowed) } },
      h('td', null, c.name), h('td', null, c.relationship || ''), h('td', null, c.phone || ''), h('td', null, c.email || ''),
      h('td', null, c.language ? t(`staff.language.${c.language === 'en' ? 'en' : 'fr'}`) : ''),
      h('td', null, t(contactChannelKey(c.channel))), h('td', null, t(c.allowed ? 'staff.yes' : 'staff.no')),
      h('td', null, h('div', { class: 'actions actions--row' },
        button('contact-edit', 'staff.contacts.edit', (b) => this._contact(c, b)),
        button('contact-devices', 'staff.contacts.devices', (b) => this._devices.open(c, b)),
        button('contact-remove', 'staff.contacts.remove', (b) => this._removeContact(c, b)))));
  }

  /** Runs a change of the patient; a refusal is said in the page's alert. */
  async _change(request) {
    showMessage(this._el.error, '');
    try {
      return await request();
    } catch (e) {
      if (e.code !== 'not_signed_in') showMessage(this._el.error, this._t(fieldProblem('patient', e).key));
      return null;
    }
  }

  async _edit() {
    const p = this._patient;
    if (!p) return;
    const saved = await this._form.open(p.ward, p, this._el.edit);
    if (!saved) return;
    this._said(this._t('staff.patients.saved', { name: saved.name }));
    await this._load(p.id, () => this._el.edit);
  }

  async _consent() {
    const p = this._patient;
    if (!p) return;
    const autoAnswer = !p.autoAnswer;
    const saved = await this._change(() => this._api.put(`/api/patients/${encodeURIComponent(p.id)}/consent`, { autoAnswer }));
    if (!saved) return;
    this._said(this._t(autoAnswer ? 'staff.patients.consentRecorded' : 'staff.patients.consentWithdrawn', { name: p.name }));
    await this._load(p.id, () => this._el.consentButton);
  }

  async _discharge() {
    const p = this._patient;
    if (!p) return;
    if (!(await confirmAction(this._doc, {
      heading: this._t('staff.patients.dischargeHeading', { name: p.name }),
      message: this._t('staff.patients.dischargeMessage', { name: p.name, bed: p.bed || '' }),
      confirm: this._t('staff.patients.discharge'),
      opener: this._el.discharge,
    }))) return;
    const done = await this._change(() => this._api.post(`/api/patients/${encodeURIComponent(p.id)}/discharge`));
    if (!done) return;
    this.close();
    this._said(this._t('staff.patients.discharged', { name: p.name }));
    this._back(null);
  }

  async _contact(contact, opener) {
    const p = this._patient;
    if (!p) return;
    const saved = await this._contactForm.open(p, contact, opener);
    if (!saved) return;
    this._said(this._t(contact ? 'staff.contacts.saved' : 'staff.contacts.added', { name: saved.name }));
    await this._load(p.id, () => this._el.contacts.querySelector(`tr.contact[data-contact-id="${CSS.escape(saved.id)}"] .contact-edit`)
      || this._el.contactAdd);
  }

  async _removeContact(contact, opener) {
    const p = this._patient;
    if (!(await confirmAction(this._doc, {
      heading: this._t('staff.contacts.removeHeading', { name: contact.name }),
      message: this._t('staff.contacts.removeMessage', { name: contact.name, patient: p.name }),
      confirm: this._t('staff.contacts.remove'),
      opener,
    }))) return;
    const done = await this._change(async () => {
      await this._api.delete(`/api/contacts/${encodeURIComponent(contact.id)}`);
      return true;
    });
    if (!done) return;
    this._said(this._t('staff.contacts.removed', { name: contact.name }));
    await this._load(p.id, () => this._el.contactAdd);
  }
}
