// The ward's bedside tablets (GET /api/wards/{id}/tablets): each one's bed, its state now (online,
// offline, in a call, revoked), when it was last cleaned and by whom, and "Mark cleaned" (POST
// /api/tablets/{id}/cleaned). Read again when the server says the ward changed (a tablet comes online
// or goes offline, a call starts or ends), after the socket comes back and when the page is seen again.
// Ward managers and admins (tablet.enrol) also revoke a tablet (POST /api/tablets/{id}/revoke), after
// a dialog that asks why and says what it does, and enrol tablets (enrolments.js). Each row shows the
// tablet's health (last seen, battery, app version: tablet-health.js) and its "do not disturb", which the
// ward's staff turn on until the next visit or off (POST /api/tablets/{id}/do-not-disturb).
//
// DOM contract: #view-tablets; #tablet-list > tr.tablet[data-tablet-id][data-state] with
// .tablet__state (in words), .tablet__dnd ("Do not disturb until 14:00", empty when off),
// .tablet__health with .tablet__seen, .tablet__battery (.tablet__battery--low under 20 % and not
// charging) and .tablet__version, .tablet__cleaned, button.tablet-cleaned, button.tablet-dnd
// ([data-on] while on) and button.tablet-revoke (none of them on a revoked one; the last for managers and
// admins only); #tablets-empty, #tablets-error,
// #tablets-no-ward, #tablets-status; #revoke-dialog with #revoke-form, #revoke-heading, #revoke-error,
// input[name=reason] (lost, stolen, broken, other), #revoke-yes, #revoke-no.

import { errorKey } from './api.js';
import { dateTime } from './dates.js';
import { closeDialog, openDialog } from './dialogs.js';
import { focusOn, h, setText, showMessage } from './dom.js';
import { EnrolmentsPanel } from './enrolments.js';
import { canRevokeTablet } from './rules.js';
import { batteryLow, batteryText, doNotDisturbText, lastSeenText, untilNextVisit } from './tablet-health.js';

/** docs/staff-api.md, `<tablet>.state`. */
export const TABLET_LIST_STATES = Object.freeze(['online', 'offline', 'in_call', 'revoked']);

export function tabletListStateKey(state) {
  return TABLET_LIST_STATES.includes(state) ? `staff.tablet.state.${state}` : 'staff.tablet.state.unknown';
}

export class TabletsView {
  /** `me()`: the signed-in user, whose role decides whether tablets can be revoked here. */
  constructor(doc, { api, t, locale, zone, me }) {
    this._doc = doc;
    this._me = me || (() => null);
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._zone = zone || {};
    const $ = (id) => doc.getElementById(id);
    this._el = {
      list: $('tablet-list'), table: $('tablet-table'), empty: $('tablets-empty'), error: $('tablets-error'),
      noWard: $('tablets-no-ward'), status: $('tablets-status'),
      dialog: $('revoke-dialog'), form: $('revoke-form'), heading: $('revoke-heading'), formError: $('revoke-error'),
      no: $('revoke-no'),
    };
    this._el.no.addEventListener('click', () => closeDialog(this._el.dialog, 'no'));
    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._confirmRevoke();
    });
    this._ward = null;
    this._visible = false;
    this._loading = 0;
    this._shown = Promise.resolve();
    this._enrolments = new EnrolmentsPanel(doc, {
      api, t, locale, zone, me,
      onEnrolled: (tablet) => this._enrolled(tablet),
      say: (text, problem) => showMessage(problem ? this._el.error : this._el.status, text),
    });
    doc.addEventListener('visibilitychange', () => {
      if (this._visible && doc.visibilityState === 'visible') this.refresh({ background: true });
    });
  }

  setWard(ward) {
    const changed = !this._ward || !ward || this._ward.id !== ward.id;
    this._ward = ward;
    this._enrolments.setWard(ward);
    if (changed) this._el.list.replaceChildren();
    if (changed && this._visible) this.refresh();
  }

  show() {
    this._visible = true;
    showMessage(this._el.status, '');
    this._shown = Promise.all([this.refresh(), this._enrolments.refresh()]);
    return this._shown;
  }

  /** "Enrol a tablet" with `code` filled in (the console opened at /staff#enrol=12345678), once the view is read. */
  async openEnrol(code) {
    await this._shown;
    return this._enrolments.openEnrol(code);
  }

  hide() {
    this._visible = false;
  }

  wardChanged(wardId) {
    if (this._visible && this._ward && this._ward.id === wardId) this.refresh({ background: true });
    if (this._visible) this._enrolments.refresh({ background: true }); // a waiting tablet belongs to no ward yet
  }

  reconnected() {
    if (this._visible) this.refresh({ background: true });
    if (this._visible) this._enrolments.refresh({ background: true });
  }

  clear() {
    this.hide();
    this._ward = null;
    this._enrolments.clear();
    this._el.list.replaceChildren();
    this._el.table.hidden = true;
    for (const el of [this._el.empty, this._el.error, this._el.status]) showMessage(el, '');
  }

  async refresh(how) {
    if (!this._visible) return;
    const ward = this._ward;
    this._el.noWard.hidden = Boolean(ward);
    if (!ward) {
      this._el.table.hidden = true;
      return;
    }
    const ticket = ++this._loading;
    try {
      const answer = await this._api.get(`/api/wards/${encodeURIComponent(ward.id)}/tablets`, undefined, { background: Boolean(how && how.background) });
      if (ticket !== this._loading || !this._visible) return;
      showMessage(this._el.error, '');
      const tablets = answer.tablets || [];
      this._el.table.hidden = tablets.length === 0;
      showMessage(this._el.empty, tablets.length ? '' : this._t('staff.tablets.empty', { ward: ward.name }));
      const focused = this._doc.activeElement;
      const row = focused && focused.closest ? focused.closest('tr.tablet') : null;
      this._el.list.replaceChildren(...tablets.map((tablet) => this._row(tablet)));
      if (row) this._focus(row.dataset.tabletId);
    } catch (e) {
      if (ticket !== this._loading || !this._visible || e.code === 'not_signed_in') return;
      showMessage(this._el.error, this._t(errorKey(e)));
    }
  }

  /** A tablet was just enrolled: the list read again, the cursor on its row. */
  async _enrolled(tablet) {
    showMessage(this._el.error, '');
    await this.refresh();
    this._focus(tablet.id);
  }

  _focus(tabletId) {
    const row = this._el.list.querySelector(`tr.tablet[data-tablet-id="${CSS.escape(tabletId)}"]`);
    const target = row && (row.querySelector('.tablet-cleaned') || row.querySelector('.tablet-revoke') || row.querySelector('th'));
    if (target) focusOn(target);
  }

  _row(tablet) {
    const t = this._t;
    const state = tablet.state;
    const cleaned = tablet.cleanedAt
      ? t('staff.tablets.cleanedBy', { when: dateTime(tablet.cleanedAt, this._locale, this._zone.id), name: tablet.cleanedBy ? tablet.cleanedBy.name : '?' })
      : t('staff.tablets.neverCleaned');
    const actions = [];
    const shown = { t, locale: this._locale, zone: this._zone.id, now: Date.now() };
    if (state !== 'revoked') {
      const clean = h('button', { type: 'button', class: 'button button--small tablet-cleaned', aria: { label: t('staff.tablets.markCleanedFor', { label: tablet.label }) } },
        t('staff.tablets.markCleaned'));
      clean.addEventListener('click', () => this._cleaned(tablet));
      actions.push(clean);
      const on = typeof tablet.doNotDisturbUntil === 'number';
      const dnd = h('button', { type: 'button', class: 'button button--small tablet-dnd', dataset: { on: on ? 'true' : null },
        aria: { label: t(on ? 'staff.tablets.dnd.offFor' : 'staff.tablets.dnd.onFor', { label: tablet.label }) } },
      t(on ? 'staff.tablets.dnd.off' : 'staff.tablets.dnd.on'));
      dnd.addEventListener('click', () => this._doNotDisturb(tablet, !on));
      actions.push(dnd);
      if (canRevokeTablet((this._me() || {}).role)) {
        const revoke = h('button', { type: 'button', class: 'button button--small button--danger tablet-revoke', aria: { label: t('staff.tablets.revoke.buttonFor', { label: tablet.label }) } },
          t('staff.tablets.revoke.button'));
        revoke.addEventListener('click', () => this._revoke(tablet, revoke));
        actions.push(revoke);
      }
    }
    return h('tr', { class: 'tablet', dataset: { tabletId: tablet.id, state } },
      h('th', { scope: 'row' }, tablet.label),
      h('td', null, tablet.bed || ''),
      h('td', null, h('span', { class: `tablet__state tablet-state tablet-state--${state}` }, t(tabletListStateKey(state))),
        h('span', { class: 'tablet__dnd' }, state === 'revoked' ? '' : doNotDisturbText(tablet, shown))),
      h('td', { class: 'tablet__health' },
        h('span', { class: 'tablet__seen' }, lastSeenText(tablet, shown)),
        h('span', { class: `tablet__battery${batteryLow(tablet) ? ' tablet__battery--low' : ''}` }, batteryText(tablet, t)),
        h('span', { class: 'tablet__version' }, tablet.appVersion ? t('staff.tablets.appVersion', { version: tablet.appVersion }) : '')),
      h('td', { class: 'tablet__cleaned' }, cleaned),
      h('td', null, actions.length ? h('div', { class: 'actions actions--row' }, ...actions) : null));
  }

  async _cleaned(tablet) {
    try {
      await this._api.post(`/api/tablets/${encodeURIComponent(tablet.id)}/cleaned`);
      showMessage(this._el.error, '');
      showMessage(this._el.status, this._t('staff.tablets.cleanedDone', { label: tablet.label }));
    } catch (e) {
      if (e.code === 'not_signed_in') return;
      showMessage(this._el.error, this._t(e.code === 'conflict' ? 'staff.tablets.revokedCannotClean' : errorKey(e)));
    }
    await this.refresh();
    this._focus(tablet.id);
  }

  /** "Do not disturb" on until the next visit (the server ends it at the visit's start), or off. */
  async _doNotDisturb(tablet, on) {
    const until = on ? untilNextVisit(Date.now(), this._zone.id) : null;
    try {
      await this._api.post(`/api/tablets/${encodeURIComponent(tablet.id)}/do-not-disturb`, { until });
      showMessage(this._el.error, '');
      showMessage(this._el.status, this._t(on ? 'staff.tablets.dnd.onDone' : 'staff.tablets.dnd.offDone', { label: tablet.label }));
    } catch (e) {
      if (e.code === 'not_signed_in') return;
      showMessage(this._el.error, this._t(errorKey(e)));
    }
    await this.refresh();
    const button = this._el.list.querySelector(`tr.tablet[data-tablet-id="${CSS.escape(tablet.id)}"] .tablet-dnd`);
    if (button) focusOn(button);
    else this._focus(tablet.id);
  }

  /** Opens the dialog for `tablet`: no reason chosen yet, the cursor on the first one. */
  async _revoke(tablet, opener) {
    const el = this._el;
    this._revoking = tablet;
    el.form.reset();
    showMessage(el.formError, '');
    setText(el.heading, this._t('staff.tablets.revoke.heading', { label: tablet.label }));
    const answer = await openDialog(el.dialog, { opener });
    this._revoking = null;
    if (answer === 'revoked') this._focus(tablet.id);
  }

  async _confirmRevoke() {
    const el = this._el;
    const tablet = this._revoking;
    const chosen = el.form.querySelector('input[name=reason]:checked');
    if (!tablet) return;
    if (!chosen) {
      showMessage(el.formError, this._t('staff.tablets.revoke.chooseReason'));
      focusOn(el.form.querySelector('input[name=reason]'));
      return;
    }
    try {
      await this._api.post(`/api/tablets/${encodeURIComponent(tablet.id)}/revoke`, { reason: chosen.value });
    } catch (e) {
      if (e.code !== 'not_signed_in') showMessage(el.formError, this._t(errorKey(e)));
      return;
    }
    showMessage(this._el.error, '');
    showMessage(this._el.status, this._t('staff.tablets.revoke.done', { label: tablet.label }));
    await this.refresh();
    closeDialog(el.dialog, 'revoked');
  }
}
