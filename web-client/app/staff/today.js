// The visits of the selected ward on one day (GET /api/wards/{id}/visits?date=), today by
// default, with the previous and next day. Live: read again at once when the server says the ward
// changed (`ward_changed` on the socket, docs/protocol.md "Staff"), after the socket comes back,
// when the page is seen again, at the next start or end of a listed visit, and every 2 minutes
// anyway (all in the background: none of this is the person's activity).
// A patient's name opens their record (patient-record.js); Join opens the call screen (call-screen.js);
// Invites shows where each family contact's invitation stands, Cancel (confirmed) cancels the visit
// (invites.js): a live call ends at once.
//
// DOM contract: #view-today; #today-date[data-date]; #day-previous, #day-next, #day-today;
// #visit-list > tr.visit[data-visit-id][data-patient-id][data-status][data-tablet-state], whose
// button.visit__patient holds the patient's name; td.visit__tablet with .visit__tablet-state;
// ul.visit__people > li.visit__person[data-role][data-state] (who is in the call or its lobby,
// .visit__person-name the name); button.visit__join on a visit one may join; button.visit__invites;
// button.visit__cancel on a visit not over; #visits-status (what was done), #visits-empty,
// #visits-error, #today-no-ward; #visits-updated.

import { errorKey } from './api.js';
import { addDays, dayAndTime, localDate, longDate, timeOfDay } from './dates.js';
import { focusOn, h, setText, showMessage } from './dom.js';
import { canJoin, nextRefreshIn, participantText, tabletStateKey, visitStatusKey } from './rules.js';

/** The safety net: the list is read again this often even when the server says nothing. */
export const SAFETY_REFRESH_MS = 120_000;

export class TodayView {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {import('./api.js').StaffApi} o.api
   * @param {(key: string, params?: object) => string} o.t
   * @param {string} o.locale
   * @param {{id: (string|undefined)}} [o.zone] the hospital's time zone, once the session says it
   * @param {(patientId: string, opener: Element) => void} o.openPatient
   * @param {(visit: object, opener: Element) => void} o.join opens the call screen for a visit
   * @param {import('./invites.js').VisitActions} o.actions a visit's invites, and cancelling it
   * @param {() => number} [o.now]
   */
  constructor(doc, o) {
    this._doc = doc;
    this._api = o.api;
    this._t = o.t;
    this._locale = o.locale;
    this._zone = o.zone || {};
    this._openPatient = o.openPatient;
    this._join = o.join;
    this._actions = o.actions;
    this._now = o.now || (() => Date.now());
    const $ = (id) => doc.getElementById(id);
    this._el = {
      date: $('today-date'), previous: $('day-previous'), next: $('day-next'), today: $('day-today'),
      noWard: $('today-no-ward'), error: $('visits-error'), empty: $('visits-empty'), table: $('visit-table'),
      caption: $('visit-caption'), list: $('visit-list'), updated: $('visits-updated'), status: $('visits-status'),
    };
    this._ward = null;
    this._date = null;
    this._followToday = true; // the day rolls over at midnight unless the person chose another
    this._timer = null;
    this._visible = false;
    this._loading = 0;
    this._el.previous.addEventListener('click', () => this._goTo(addDays(this._date, -1)));
    this._el.next.addEventListener('click', () => this._goTo(addDays(this._date, 1)));
    this._el.today.addEventListener('click', () => this._goTo(this._today()));
    doc.addEventListener('visibilitychange', () => {
      if (this._visible && doc.visibilityState === 'visible') this.refresh({ background: true });
    });
  }

  /** The ward whose visits to show ({id, name}), or null when the person has none. */
  setWard(ward) {
    const changed = !this._ward || !ward || this._ward.id !== ward.id;
    this._ward = ward;
    if (changed) this._el.list.replaceChildren();
    if (this._visible && changed) this.refresh();
  }

  show() {
    this._visible = true;
    if (this._date === null || this._followToday) this._date = this._today();
    this.refresh();
  }

  hide() {
    this._visible = false;
    this._stopTimer();
  }

  /** The server says something about a visit of `wardId` changed: read the day again now, if it is shown. */
  wardChanged(wardId) {
    if (this._visible && this._ward && this._ward.id === wardId) this.refresh({ background: true });
  }

  /** The socket is back after a drop: what changed meanwhile was not told. */
  reconnected() {
    if (this._visible) this.refresh({ background: true });
  }

  /** Puts the cursor back on the visit's Join button (the call screen closed), else its patient, else the heading. */
  focusVisit(visitId) {
    const row = this._el.list.querySelector(`tr.visit[data-visit-id="${CSS.escape(visitId)}"]`);
    const target = row && (row.querySelector('.visit__join') || row.querySelector('.visit__patient'));
    focusOn(target || this._doc.getElementById('today-heading'));
  }

  /** Forgets every name on screen (sign-out, session ended). */
  clear() {
    this.hide();
    this._ward = null;
    this._date = null;
    this._followToday = true;
    this._el.list.replaceChildren();
    this._el.table.hidden = true;
    showMessage(this._el.empty, '');
    showMessage(this._el.error, '');
    showMessage(this._el.status, '');
    setText(this._el.updated, '');
  }

  _today() {
    return localDate(this._now(), this._zone.id);
  }

  _goTo(date) {
    showMessage(this._el.status, '');
    this._date = date;
    this._followToday = date === this._today();
    this.refresh();
  }

  /** @param {{background?: boolean}} [how] background: on a timer, not the person's doing (no activity) */
  async refresh(how) {
    const background = Boolean(how && how.background);
    this._stopTimer();
    if (!this._visible) return;
    if (this._followToday) this._date = this._today();
    this._drawDay();
    if (!this._ward) {
      this._el.noWard.hidden = false;
      this._el.table.hidden = true;
      showMessage(this._el.empty, '');
      return;
    }
    this._el.noWard.hidden = true;
    const ward = this._ward;
    const date = this._date;
    const ticket = ++this._loading;
    let visits = [];
    try {
      const answer = await this._api.get(`/api/wards/${encodeURIComponent(ward.id)}/visits`, { date }, { background });
      if (ticket !== this._loading || !this._visible) return;
      showMessage(this._el.error, '');
      visits = answer.visits || [];
      this._drawVisits(visits, answer.ward || ward);
      setText(this._el.updated, this._t('staff.today.updated', { time: timeOfDay(this._now(), this._locale, this._zone.id) }));
    } catch (e) {
      if (ticket !== this._loading || !this._visible) return;
      if (e.code === 'not_signed_in') return; // the console goes back to the sign-in
      showMessage(this._el.error, this._t(errorKey(e)));
    }
    // Hidden (another tab, a locked screen): no refresh until it is seen again (visibilitychange).
    if (ticket === this._loading && this._visible && this._doc.visibilityState !== 'hidden') {
      this._stopTimer();
      this._timer = setTimeout(() => this.refresh({ background: true }), nextRefreshIn(visits, this._now(), SAFETY_REFRESH_MS));
    }
  }

  _stopTimer() {
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
  }

  _drawDay() {
    const today = this._today();
    const label = longDate(this._date, this._locale);
    const text = this._date === today ? this._t('staff.today.isToday', { date: label }) : label;
    setText(this._el.date, text);
    this._el.date.dataset.date = this._date;
    this._el.today.hidden = this._date === today;
  }

  _drawVisits(visits, ward) {
    const day = longDate(this._date, this._locale);
    setText(this._el.caption, this._t('staff.today.caption', { ward: ward.name, date: day }));
    showMessage(this._el.empty, visits.length ? '' : this._t('staff.today.empty', { ward: ward.name, date: day }));
    this._el.table.hidden = visits.length === 0;
    const focused = this._doc.activeElement;
    const focusedRow = focused && focused.closest ? focused.closest('tr.visit') : null;
    const focusedVisit = focusedRow ? focusedRow.dataset.visitId : null;
    const onButton = focusedRow ? ['visit__join', 'visit__invites', 'visit__cancel'].find((c) => focused.classList.contains(c)) : null;
    this._el.list.replaceChildren(...visits.map((v) => this._row(v)));
    if (focusedVisit) {
      // A refresh must not throw a keyboard user's focus back to the top of the page.
      const row = this._el.list.querySelector(`tr.visit[data-visit-id="${CSS.escape(focusedVisit)}"]`);
      const again = row && ((onButton && row.querySelector(`.${onButton}`)) || row.querySelector('.visit__patient'));
      if (again) again.focus();
    }
  }

  _row(v) {
    const t = this._t;
    const zone = this._zone.id;
    // A visit that ends on another day says which: "18:48 – Sat 5 Dec, 18:48", not "18:48 – 18:48".
    const sameDay = localDate(v.startsAt, zone) === localDate(v.endsAt - 1, zone);
    const end = sameDay ? timeOfDay(v.endsAt, this._locale, zone) : dayAndTime(v.endsAt, this._locale, zone);
    const times = `${timeOfDay(v.startsAt, this._locale, zone)} – ${end}`;
    const patient = h('button', { type: 'button', class: 'link-button visit__patient' }, v.patient.name);
    patient.addEventListener('click', () => this._openPatient(v.patient.id, patient));
    const tabletState = v.tablet && v.tablet.state;
    return h('tr', {
      class: 'visit',
      dataset: {
        visitId: v.id, patientId: v.patient.id, status: v.status, endReason: v.endReason || undefined,
        tabletState: tabletState || undefined,
      },
    },
    h('td', { class: 'visit__time' }, times),
    h('td', null, patient),
    h('td', null, v.bed || ''),
    h('td', { class: 'visit__tablet' }, (v.tablet && v.tablet.label) || t('staff.visit.noTablet'),
      tabletState ? [' ', h('span', { class: `visit__tablet-state tablet-state tablet-state--${tabletState}` },
        t(tabletStateKey(tabletState)))] : null),
    h('td', null, h('span', { class: `badge badge--${v.status}` }, t(visitStatusKey(v.status)))),
    h('td', { class: 'visit__in-call' }, this._people(v.participants || [])),
    h('td', { class: 'visit__actions' }, h('div', { class: 'actions actions--row' }, this._joinButton(v), this._visitButtons(v))));
  }

  /** Invites, and Cancel while the visit is not over. */
  _visitButtons(v) {
    const t = this._t;
    const name = v.patient.name;
    const invites = h('button', { type: 'button', class: 'button button--small visit__invites', aria: { label: t('staff.visit.invitesFor', { name }) } },
      t('staff.visit.invites'));
    invites.addEventListener('click', () => this._actions.invites(v, invites));
    if (!this._actions.canCancel(v)) return [invites];
    const cancel = h('button', { type: 'button', class: 'button button--small visit__cancel', aria: { label: t('staff.visit.cancelFor', { name }) } },
      t('staff.visit.cancel'));
    cancel.addEventListener('click', () => this._cancel(v, cancel));
    return [invites, cancel];
  }

  async _cancel(v, opener) {
    try {
      const said = await this._actions.cancel(v, opener);
      if (said === null) return;
      showMessage(this._el.error, '');
      showMessage(this._el.status, said);
    } catch (e) {
      if (e.code === 'not_signed_in') return;
      showMessage(this._el.error, this._t(errorKey(e)));
    }
    await this.refresh();
    this.focusVisit(v.id);
  }

  /** Who is in the call or its lobby: each name, with their role and where they are in words. */
  _people(participants) {
    if (participants.length === 0) return h('span', { class: 'visit__nobody' }, this._t('staff.visit.nobody'));
    const t = this._t;
    return h('ul', { class: 'visit__people plain-list' }, participants.map((p) => {
      const { key, roleKey } = participantText(p);
      return h('li', { class: 'visit__person', dataset: { role: p.role, state: p.state } },
        h('span', { class: 'visit__person-name' }, p.name), ' ', h('span', { class: 'visit__person-role' },
          t(key, { role: t(roleKey) })));
    }));
  }

  _joinButton(v) {
    if (!canJoin(v)) return null;
    const button = h('button', {
      type: 'button', class: 'button button--small visit__join',
      aria: { label: this._t('staff.visit.joinFor', { name: v.patient.name }) },
    }, this._t('staff.visit.join'));
    button.addEventListener('click', () => this._join(v, button));
    return button;
  }
}
