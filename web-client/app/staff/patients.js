// The ward's patients (GET /api/wards/{id}/patients): by bed, with their language, whether their
// tablet answers by itself and how many family contacts they have; Admit a patient; a name opens
// the patient's page (patient-page.js) in place of the list, and Back brings the list again.
//
// DOM contract: #view-patients; #patient-admit; #patients-list > tr.patient[data-patient-id] with
// button.patient__open (the name); #patients-empty, #patients-error, #patients-no-ward,
// #patients-status (what was done); #patient-page (patient-page.js) shown instead of the list.

import { errorKey } from './api.js';
import { focusOn, h, setText, showMessage } from './dom.js';
import { PatientPage } from './patient-page.js';

export class PatientsView {
  constructor(doc, { api, t, locale, zone, patientForm, contactForm }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      admit: $('patient-admit'), list: $('patients-list'), table: $('patients-table'), listPart: $('patients-part'),
      empty: $('patients-empty'), error: $('patients-error'), noWard: $('patients-no-ward'), status: $('patients-status'),
    };
    this._form = patientForm;
    this._page = new PatientPage(doc, {
      api, t, locale, zone, patientForm, contactForm, said: (text) => this._said(text), back: (id) => this._back(id),
    });
    this._ward = null;
    this._visible = false;
    this._el.admit.addEventListener('click', () => this._admit());
  }

  get dirty() {
    return this._form.dirty;
  }

  setWard(ward) {
    const changed = !this._ward || !ward || this._ward.id !== ward.id;
    this._ward = ward;
    if (!changed) return;
    this._page.close();
    this._el.list.replaceChildren();
    if (this._visible) this._load();
  }

  show() {
    this._visible = true;
    showMessage(this._el.status, '');
    this._page.close();
    this._el.listPart.hidden = false;
    return this._load();
  }

  hide() {
    this._visible = false;
  }

  clear() {
    this.hide();
    this._ward = null;
    this._page.close();
    this._el.list.replaceChildren();
    this._el.table.hidden = true;
    for (const el of [this._el.empty, this._el.error, this._el.status]) showMessage(el, '');
  }

  _said(text) {
    showMessage(this._el.status, text);
  }

  async _load(focusId) {
    const ward = this._ward;
    this._el.noWard.hidden = Boolean(ward);
    this._el.admit.hidden = !ward;
    if (!ward) {
      this._el.table.hidden = true;
      return;
    }
    try {
      const answer = await this._api.get(`/api/wards/${encodeURIComponent(ward.id)}/patients`);
      if (!this._visible || this._ward !== ward) return;
      showMessage(this._el.error, '');
      const patients = answer.patients || [];
      this._el.table.hidden = patients.length === 0;
      showMessage(this._el.empty, patients.length ? '' : this._t('staff.patients.empty', { ward: ward.name }));
      this._el.list.replaceChildren(...patients.map((p) => this._row(p)));
      if (focusId) {
        const again = this._el.list.querySelector(`tr.patient[data-patient-id="${CSS.escape(focusId)}"] .patient__open`);
        focusOn(again || this._doc.getElementById('patients-heading'));
      }
    } catch (e) {
      if (!this._visible || e.code === 'not_signed_in') return;
      showMessage(this._el.error, this._t(errorKey(e)));
    }
  }

  _row(p) {
    const t = this._t;
    const open = h('button', { type: 'button', class: 'link-button patient__open' }, p.name);
    open.addEventListener('click', () => this._open(p.id));
    return h('tr', { class: 'patient', dataset: { patientId: p.id } },
      h('td', null, p.bed || ''),
      h('td', null, open),
      h('td', null, t(`staff.language.${p.language === 'en' ? 'en' : 'fr'}`)),
      h('td', null, t(p.autoAnswer ? 'staff.yes' : 'staff.no')),
      h('td', null, String(p.contacts === undefined ? '' : p.contacts)));
  }

  async _open(patientId) {
    this._el.listPart.hidden = true;
    showMessage(this._el.status, '');
    await this._page.open(patientId);
  }

  /** Back from a patient's page: the list again, read anew, the cursor on that patient. */
  async _back(patientId) {
    this._el.listPart.hidden = false;
    await this._load(patientId);
    if (!patientId) focusOn(this._doc.getElementById('patients-heading'));
  }

  async _admit() {
    const saved = await this._form.open(this._ward, null, this._el.admit);
    if (!saved) return;
    this._said(this._t('staff.patients.admitted', { name: saved.name, bed: saved.bed }));
    await this._load(saved.id);
  }
}
