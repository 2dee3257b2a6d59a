// The ward's bedside tablets (GET /api/wards/{id}/tablets): each one's bed, its state now (online,
// offline, in a call, revoked), when it was last cleaned and by whom, and "Mark cleaned" (POST
// /api/tablets/{id}/cleaned). Read again when the server says the ward changed (a tablet comes online
// or goes offline, a call starts or ends), after the socket comes back and when the page is seen again.
//
// DOM contract: #view-tablets; #tablet-list > tr.tablet[data-tablet-id][data-state] with
// .tablet__state (in words), .tablet__cleaned and button.tablet-cleaned (not on a revoked one);
// #tablets-empty, #tablets-error, #tablets-no-ward, #tablets-status.

import { errorKey } from './api.js';
import { dateTime } from './dates.js';
import { focusOn, h, setText, showMessage } from './dom.js';

/** docs/staff-api.md, `<tablet>.state`. */
export const TABLET_LIST_STATES = Object.freeze(['online', 'offline', 'in_call', 'revoked']);

export function tabletListStateKey(state) {
  return TABLET_LIST_STATES.includes(state) ? `staff.tablet.state.${state}` : 'staff.tablet.state.unknown';
}

export class TabletsView {
  constructor(doc, { api, t, locale, zone }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._zone = zone || {};
    const $ = (id) => doc.getElementById(id);
    this._el = {
      list: $('tablet-list'), table: $('tablet-table'), empty: $('tablets-empty'), error: $('tablets-error'),
      noWard: $('tablets-no-ward'), status: $('tablets-status'),
    };
    this._ward = null;
    this._visible = false;
    this._loading = 0;
    doc.addEventListener('visibilitychange', () => {
      if (this._visible && doc.visibilityState === 'visible') this.refresh({ background: true });
    });
  }

  setWard(ward) {
    const changed = !this._ward || !ward || this._ward.id !== ward.id;
    this._ward = ward;
    if (changed) this._el.list.replaceChildren();
    if (changed && this._visible) this.refresh();
  }

  show() {
    this._visible = true;
    showMessage(this._el.status, '');
    return this.refresh();
  }

  hide() {
    this._visible = false;
  }

  wardChanged(wardId) {
    if (this._visible && this._ward && this._ward.id === wardId) this.refresh({ background: true });
  }

  reconnected() {
    if (this._visible) this.refresh({ background: true });
  }

  clear() {
    this.hide();
    this._ward = null;
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

  _focus(tabletId) {
    const row = this._el.list.querySelector(`tr.tablet[data-tablet-id="${CSS.escape(tabletId)}"]`);
    const target = row && (row.querySelector('.tablet-cleaned') || row.querySelector('th'));
    if (target) focusOn(target);
  }

  _row(tablet) {
    const t = this._t;
    const state = tablet.state;
    const cleaned = tablet.cleanedAt
      ? t('staff.tablets.cleanedBy', { when: dateTime(tablet.cleanedAt, this._locale, this._zone.id), name: tablet.cleanedBy ? tablet.cleanedBy.name : '?' })
      : t('staff.tablets.neverCleaned');
    let action = null;
    if (state !== 'revoked') {
      action = h('button', { type: 'button', class: 'button button--small tablet-cleaned', aria: { label: t('staff.tablets.markCleanedFor', { label: tablet.label }) } },
        t('staff.tablets.markCleaned'));
      action.addEventListener('click', () => this._cleaned(tablet));
    }
    return h('tr', { class: 'tablet', dataset: { tabletId: tablet.id, state } },
      h('th', { scope: 'row' }, tablet.label),
      h('td', null, tablet.bed || ''),
      h('td', null, h('span', { class: `tablet__state tablet-state tablet-state--${state}` }, t(tabletListStateKey(state)))),
      h('td', { class: 'tablet__cleaned' }, cleaned),
      h('td', null, action));
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
}
