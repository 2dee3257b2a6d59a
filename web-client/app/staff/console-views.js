// The console's views, built and kept together: Visits (Today), Week, Patients, Tablets, Outbox,
// Ward settings, Reports, Staff accounts, Audit trail, with the dialogs they share (a patient's record, a visit's
// invites, the booking, patient and contact forms). The console shows one at a time by its name in
// the location hash; those of a ward follow the ward chosen and the server's `ward_changed` hints.

import { AuditView } from './audit.js';
import { BookingDialog } from './booking.js';
import { ContactForm } from './contact-form.js';
import { confirmAction } from './dialogs.js';
import { VisitActions } from './invites.js';
import { OutboxView } from './outbox.js';
import { PatientForm } from './patient-form.js';
import { PatientRecord } from './patient-record.js';
import { PatientsView } from './patients.js';
import { ReportsView } from './reports.js';
import { SettingsView } from './settings.js';
import { TabletsView } from './tablets.js';
import { TodayView } from './today.js';
import { UsersView } from './users.js';
import { WeekView } from './week.js';

/** After a booking, the outbox is looked at again once its messages have had time to be written (notify.poll.seconds). */
const OUTBOX_AFTER_BOOKING_MS = [3000, 12000];

export class ConsoleViews {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {import('./account-bar.js').AccountBar} o.bar the chosen ward, the navigation
   * @param {(visit: object) => void} o.join opens the call screen for a visit
   * @param {() => object} o.me the signed-in user
   * @param {() => Promise<Array>} o.everyWard the wards an admin may choose from, else one's own
   * @param {() => boolean} o.sso whether the server offers the hospital sign-in
   */
  constructor(doc, { api, t, locale, zone, bar, join, me, everyWard, sso }) {
    this._doc = doc;
    this._t = t;
    this._patient = new PatientRecord(doc, { api, t, locale, zone });
    this._actions = new VisitActions(doc, { api, t, locale, zone });
    this._booking = new BookingDialog(doc, { api, t, locale });
    this._patientForm = new PatientForm(doc, { api, t });
    this._contactForm = new ContactForm(doc, { api, t });
    this.today = new TodayView(doc, {
      api, t, locale, zone, actions: this._actions, openPatient: (id, opener) => this._patient.open(id, opener), join,
    });
    this._outbox = new OutboxView(doc, { api, t, locale, zone, onAny: (any) => bar.offer('outbox', any) });
    /** Every view by its name in the location hash. */
    this.byName = {
      today: this.today,
      week: new WeekView(doc, { api, t, locale, book: (request, opener) => this._book(request, opener) }),
      patients: new PatientsView(doc, { api, t, locale, zone, patientForm: this._patientForm, contactForm: this._contactForm }),
      tablets: new TabletsView(doc, { api, t, locale, zone, me }),
      outbox: this._outbox,
      settings: new SettingsView(doc, { api, t, locale, zone, me }),
      reports: new ReportsView(doc, { api, t, locale, wards: everyWard, ward: () => bar.ward }),
      users: new UsersView(doc, { api, t, me, wards: everyWard, sso }),
      audit: new AuditView(doc, { api, t, locale, zone, wards: everyWard }),
    };
    const v = this.byName;
    this._ofWard = [v.today, v.week, v.patients, v.tablets, v.outbox, v.settings];
    this._live = [v.today, v.week, v.tablets]; // read again on the server's hints
  }

  /** Whether a form is open with something typed that is not saved. */
  get dirty() {
    return [this.byName.users, this.byName.settings, this._booking, this._patientForm, this._contactForm].some((x) => x.dirty);
  }

  setWard(ward) {
    for (const view of this._ofWard) view.setWard(ward);
  }

  /** Before another ward is chosen: with this ward's settings changed and not saved, asks whether to drop them. */
  mayLeaveWard(opener) {
    if (!this.byName.settings.dirty) return Promise.resolve(true);
    const t = this._t;
    return confirmAction(this._doc, {
      heading: t('staff.settings.leave.heading'), message: t('staff.settings.leave.message'),
      confirm: t('staff.settings.leave.confirm'), opener,
    });
  }

  /** `ward_changed`: the views of that ward read it again through the API. */
  wardChanged(wardId) {
    for (const view of this._live) view.wardChanged(wardId);
  }

  /** The socket is back after a drop: what the server said meanwhile was lost. */
  reconnected() {
    for (const view of this._live) view.reconnected();
  }

  hideAll() {
    for (const view of Object.values(this.byName)) view.hide();
  }

  /** Shows `name` (hiding the others). */
  show(name) {
    for (const [other, view] of Object.entries(this.byName)) if (other !== name) view.hide();
    return this.byName[name].show();
  }

  /** Forgets everything on screen (the session ended). */
  clear() {
    this._patient.clear();
    this._actions.clear();
    for (const view of Object.values(this.byName)) view.clear();
  }

  async _book(request, opener) {
    const booked = await this._booking.open(request, opener);
    if (booked) for (const ms of OUTBOX_AFTER_BOOKING_MS) setTimeout(() => this._outbox.check(), ms);
    return booked;
  }
}
