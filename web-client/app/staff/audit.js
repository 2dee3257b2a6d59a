// The audit trail, for admins (every ward) and ward managers (their wards): filters by who,
// ward, patient, action and dates, newest first, and "Older entries" while there are more
// (docs/staff-api.md, "Audit trail"). Entries hold ids only, shown as stored. A server
// without the audit endpoints yet (404) gets a plain sentence instead of the page.
//
// DOM contract: #view-audit; #audit-filters with #audit-actor, #audit-ward, #audit-patient,
// #audit-action, #audit-from, #audit-to, #audit-show; #audit-list > tr.audit-entry[data-seq]
// [data-action][data-outcome]; #audit-older (shown while `next` is not null); #audit-empty,
// #audit-error, #audit-unavailable.

import { errorKey } from './api.js';
import { dateTime, isIsoDate } from './dates.js';
import { focusOn, h, showMessage } from './dom.js';

export const PAGE_SIZE = 50;

/** The query of GET /api/audit for the filters as typed; `before` for the next page. */
export function auditQuery(filters, before) {
  const q = { limit: PAGE_SIZE };
  for (const key of ['actor', 'ward', 'patient', 'action']) {
    const value = String(filters[key] || '').trim();
    if (value) q[key] = value;
  }
  for (const key of ['from', 'to']) {
    if (isIsoDate(filters[key])) q[key] = filters[key];
  }
  if (before !== null && before !== undefined) q.before = before;
  return q;
}

export class AuditView {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {() => Promise<Array<{id: string, name: string}>>} o.wards the wards this person may filter on
   */
  constructor(doc, { api, t, locale, zone, wards }) {
    this._zone = zone || {};
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._wards = wards;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      unavailable: $('audit-unavailable'), form: $('audit-filters'), actor: $('audit-actor'), ward: $('audit-ward'),
      patient: $('audit-patient'), action: $('audit-action'), from: $('audit-from'), to: $('audit-to'),
      error: $('audit-error'), empty: $('audit-empty'), table: $('audit-table'), list: $('audit-list'),
      older: $('audit-older'),
    };
    this._next = null;
    this._filters = null;
    this._actionsLoaded = false;
    this._visible = false;
    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._search();
    });
    this._el.older.addEventListener('click', () => this._more());
  }

  async show() {
    this._visible = true;
    await this._fillWards();
    if (!this._actionsLoaded) await this._loadActions();
    if (this._filters === null && this._el.unavailable.hidden) await this._search();
  }

  hide() {
    this._visible = false;
  }

  clear() {
    this.hide();
    this._el.form.reset();
    this._el.list.replaceChildren();
    this._el.table.hidden = true;
    this._el.older.hidden = true;
    this._filters = null;
    this._next = null;
    this._actionsLoaded = false;
    this._unavailable(false);
    showMessage(this._el.error, '');
    this._el.empty.hidden = true;
  }

  async _fillWards() {
    const chosen = this._el.ward.value;
    const wards = await this._wards();
    const options = [h('option', { value: '' }, this._t('staff.audit.allWards'))]
      .concat(wards.map((w) => h('option', { value: w.id }, w.name)));
    this._el.ward.replaceChildren(...options);
    this._el.ward.value = [...this._el.ward.options].some((o) => o.value === chosen) ? chosen : '';
  }

  async _loadActions() {
    try {
      const actions = await this._api.get('/api/audit/actions');
      this._el.action.replaceChildren(h('option', { value: '' }, this._t('staff.audit.allActions')),
        ...actions.map((a) => h('option', { value: a }, a)));
      this._actionsLoaded = true;
      this._unavailable(false);
    } catch (e) {
      if (e.code === 'not_found') this._unavailable(true);
      else if (e.code !== 'not_signed_in') showMessage(this._el.error, this._t(errorKey(e)));
    }
  }

  _unavailable(yes) {
    this._el.unavailable.hidden = !yes;
    this._el.form.hidden = yes;
    if (yes) {
      this._el.table.hidden = true;
      this._el.older.hidden = true;
    }
  }

  _readFilters() {
    const el = this._el;
    return {
      actor: el.actor.value, ward: el.ward.value, patient: el.patient.value, action: el.action.value,
      from: el.from.value, to: el.to.value,
    };
  }

  async _search() {
    const filters = this._readFilters();
    if (filters.from && filters.to && filters.from > filters.to) {
      showMessage(this._el.error, this._t('staff.audit.datesReversed'));
      focusOn(this._el.from);
      return;
    }
    this._filters = filters;
    this._next = null;
    this._el.list.replaceChildren();
    await this._fetch(null);
  }

  async _more() {
    if (this._next === null || this._filters === null) return;
    const firstNew = await this._fetch(this._next);
    if (firstNew) focusOn(firstNew);
  }

  /** Fetches one page and appends it; returns the first new row (or true/false), null on failure. */
  async _fetch(before) {
    try {
      const page = await this._api.get('/api/audit', auditQuery(this._filters, before));
      if (!this._visible) return null;
      showMessage(this._el.error, '');
      const rows = (page.entries || []).map((e) => this._row(e));
      this._el.list.append(...rows);
      this._next = page.next === undefined ? null : page.next;
      const any = this._el.list.children.length > 0;
      this._el.table.hidden = !any;
      this._el.empty.hidden = any;
      this._el.older.hidden = this._next === null;
      return rows[0] || false;
    } catch (e) {
      if (!this._visible || e.code === 'not_signed_in') return null;
      if (e.code === 'not_found') this._unavailable(true);
      else showMessage(this._el.error, this._t(e.code === 'forbidden' ? 'staff.audit.forbidden' : errorKey(e)));
      return null;
    }
  }

  _row(e) {
    const cell = (value) => h('td', null, value === null || value === undefined ? '' : String(value));
    return h('tr', { class: 'audit-entry', tabindex: '-1', dataset: { seq: e.seq, action: e.action, outcome: e.outcome } },
      cell(e.seq), cell(dateTime(e.at, this._locale, this._zone.id)), cell(e.actor), cell(e.action), cell(e.target), cell(e.ward),
      cell(e.patient), cell(e.address), cell(e.outcome), cell(e.detail));
  }
}
