// A ward's week (GET /api/wards/{id}/week?from=): a row per bedside tablet, a column per day, each
// day's visiting hours at the top of its column, and in each cell the tablet's visits with their
// status and its free times. A free time is a button: it opens the booking form (booking.js)
// prefilled. Previous and next week; live like Today: read again on `ward_changed` for the ward,
// after the socket comes back, when the page is seen again, and every 2 minutes in the background.
//
// DOM contract: #view-week; #week-range[data-from]; #week-previous, #week-next, #week-this;
// #week-days > th.week-day[data-date] (with .week-day__hours); #week-list > tr.week-tablet
// [data-tablet-id] whose cells td.week-cell[data-date] hold li.week-visit[data-visit-id][data-status]
// and button.week-free[data-start][data-end]; #week-status (what was booked), #week-error,
// #week-empty, #week-no-ward, #week-truncated, #week-updated.

import { errorKey } from './api.js';
import { addDays, dayAndTime, localDate, longDate, mediumDate, minutesOfDay, shortDate, timeOfDay } from './dates.js';
import { focusOn, h, setText, showMessage } from './dom.js';
import { visitStatusKey } from './rules.js';
import { SAFETY_REFRESH_MS } from './today.js';
import { weekLayout } from './week-layout.js';

export class WeekView {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {import('./api.js').StaffApi} o.api
   * @param {(key: string, params?: object) => string} o.t
   * @param {string} o.locale
   * @param {(request: {tablet: object, free: {start: number, end: number}, week: object}, opener: Element)
   *   => Promise<?object>} o.book opens the booking form; resolves with the booking, or null
   * @param {() => number} [o.now]
   */
  constructor(doc, o) {
    this._doc = doc;
    this._api = o.api;
    this._t = o.t;
    this._locale = o.locale;
    this._book = o.book;
    this._now = o.now || (() => Date.now());
    const $ = (id) => doc.getElementById(id);
    this._el = {
      range: $('week-range'), previous: $('week-previous'), next: $('week-next'), thisWeek: $('week-this'),
      noWard: $('week-no-ward'), error: $('week-error'), empty: $('week-empty'), truncated: $('week-truncated'),
      table: $('week-table'), caption: $('week-caption'), days: $('week-days'), list: $('week-list'),
      status: $('week-status'), updated: $('week-updated'),
    };
    this._ward = null;
    this._from = null; // null: this week, as the server counts it in the ward's time zone
    this._week = null;
    this._visible = false;
    this._timer = null;
    this._loading = 0;
    this._el.previous.addEventListener('click', () => this._goTo(addDays(this._week.from, -7)));
    this._el.next.addEventListener('click', () => this._goTo(addDays(this._week.from, 7)));
    this._el.thisWeek.addEventListener('click', () => this._goTo(null));
    doc.addEventListener('visibilitychange', () => {
      if (this._visible && doc.visibilityState === 'visible') this.refresh({ background: true });
    });
  }

  setWard(ward) {
    const changed = !this._ward || !ward || this._ward.id !== ward.id;
    this._ward = ward;
    if (!changed) return;
    this._week = null;
    this._el.list.replaceChildren();
    if (this._visible) this.refresh();
  }

  show() {
    this._visible = true;
    showMessage(this._el.status, '');
    return this.refresh();
  }

  hide() {
    this._visible = false;
    this._stopTimer();
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
    this._from = null;
    this._week = null;
    this._el.list.replaceChildren();
    this._el.days.replaceChildren();
    this._el.table.hidden = true;
    for (const el of [this._el.status, this._el.error, this._el.empty]) showMessage(el, '');
    this._el.truncated.hidden = true;
    setText(this._el.range, '');
    setText(this._el.updated, '');
  }

  _goTo(from) {
    this._from = from;
    showMessage(this._el.status, '');
    this.refresh();
  }

  async refresh(how) {
    const background = Boolean(how && how.background);
    this._stopTimer();
    if (!this._visible) return;
    const nav = [this._el.previous, this._el.next, this._el.thisWeek];
    if (!this._ward) {
      this._el.noWard.hidden = false;
      this._el.table.hidden = true;
      for (const b of nav) b.hidden = true;
      return;
    }
    this._el.noWard.hidden = true;
    this._el.previous.hidden = false;
    this._el.next.hidden = false;
    const ward = this._ward;
    const ticket = ++this._loading;
    try {
      const week = await this._api.get(`/api/wards/${encodeURIComponent(ward.id)}/week`, { from: this._from }, { background });
      if (ticket !== this._loading || !this._visible) return;
      showMessage(this._el.error, '');
      this._week = week;
      this._draw(week);
      setText(this._el.updated, this._t('staff.week.updated', { time: timeOfDay(this._now(), this._locale, week.timeZone) }));
    } catch (e) {
      if (ticket !== this._loading || !this._visible || e.code === 'not_signed_in') return;
      showMessage(this._el.error, this._t(errorKey(e)));
    }
    if (ticket === this._loading && this._visible && this._doc.visibilityState !== 'hidden') {
      this._timer = setTimeout(() => this.refresh({ background: true }), SAFETY_REFRESH_MS);
    }
  }

  _stopTimer() {
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
  }

  _draw(week) {
    const t = this._t;
    const zone = week.timeZone || undefined;
    const now = this._now();
    const layout = weekLayout(week, now);
    const wardName = (week.ward || this._ward).name;
    const last = addDays(week.from, 6);
    setText(this._el.range, t('staff.week.range', { from: shortDate(week.from, this._locale), to: mediumDate(last, this._locale) }));
    this._el.range.dataset.from = week.from;
    this._el.thisWeek.hidden = layout.days.some((d) => d.today);
    setText(this._el.caption, t('staff.week.caption', { ward: wardName, from: longDate(week.from, this._locale) }));
    this._el.truncated.hidden = !week.truncated;
    const noTablet = layout.rows.length === 0;
    showMessage(this._el.empty, noTablet ? t('staff.week.noTablets', { ward: wardName }) : '');
    this._el.table.hidden = noTablet;
    const kept = this._focusKey();
    this._el.days.replaceChildren(h('th', { scope: 'col', class: 'week-corner' }, t('staff.visit.tablet')),
      ...layout.days.map((d) => this._dayHeading(d)));
    this._el.list.replaceChildren(...layout.rows.map((row) => this._row(row, week, zone)));
    this._restoreFocus(kept);
  }

  /** A day's column: its date and its visiting hours, on the ward's wall clock as the server gives them. */
  _dayHeading(day) {
    const t = this._t;
    const hours = day.hours.length
      ? day.hours.map((s) => `${s.opens}–${s.closes}`).join(', ')
      : t('staff.week.closed');
    return h('th', {
      scope: 'col', class: `week-day${day.today ? ' week-day--today' : ''}${day.past ? ' week-day--past' : ''}`,
      dataset: { date: day.date }, aria: day.today ? { current: 'date' } : null,
    }, h('span', { class: 'week-day__date' }, day.today ? t('staff.week.today', { date: shortDate(day.date, this._locale) })
      : shortDate(day.date, this._locale)), h('span', { class: 'week-day__hours' }, hours));
  }

  _row(row, week, zone) {
    const t = this._t;
    const tablet = row.tablet;
    const who = tablet.patient ? tablet.patient.name : t('staff.week.noPatient');
    const heading = h('th', { scope: 'row', class: 'week-tablet__name' },
      h('span', { class: 'week-tablet__label' }, tablet.label),
      h('span', { class: 'week-tablet__bed' }, tablet.bed || ''),
      h('span', { class: 'week-tablet__patient' }, who),
      tablet.revoked ? h('span', { class: 'week-tablet__revoked' }, t('staff.tablets.revoked')) : null);
    const cells = row.cells.map((cell, i) => h('td', { class: 'week-cell', dataset: { date: cell.date } },
      this._cellDay(week, i),
      cell.items.length
        ? h('ul', { class: 'week-items plain-list' }, cell.items.map((item) => (item.kind === 'visit'
          ? this._visitItem(item.visit, tablet, zone) : this._freeItem(item, row, week, zone))))
        : h('span', { class: 'week-cell__none' }, h('span', { aria: { hidden: 'true' } }, '—'),
          h('span', { class: 'visually-hidden' }, t('staff.week.nothing')))));
    return h('tr', { class: 'week-tablet', dataset: { tabletId: tablet.id } }, heading, ...cells);
  }

  /** The day of a cell, shown only where the table is laid out as a list (a narrow window, a high zoom). */
  _cellDay(week, i) {
    const day = week.days[i];
    const hours = day.hours.length ? day.hours.map((s) => `${s.opens}–${s.closes}`).join(', ') : this._t('staff.week.closed');
    return h('span', { class: 'week-cell__day' }, `${shortDate(day.date, this._locale)} — ${hours}`);
  }

  _visitItem(v, tablet, zone) {
    const t = this._t;
    const times = `${timeOfDay(v.startsAt, this._locale, zone)}–${endOfDay(v.endsAt, this._locale, zone)}`;
    const other = !tablet.patient || tablet.patient.id !== v.patient.id; // a patient who was in this bed before
    return h('li', { class: `week-visit week-visit--${v.status}`, tabindex: '-1', dataset: { visitId: v.id, status: v.status } },
      h('span', { class: 'week-visit__time' }, times), ' ',
      other ? h('span', { class: 'week-visit__patient' }, `${v.patient.name} `) : null,
      h('span', { class: `badge badge--${v.status}` }, t(visitStatusKey(v.status))));
  }

  _freeItem(free, row, week, zone) {
    const t = this._t;
    const from = timeOfDay(free.start, this._locale, zone);
    const until = endOfDay(free.end, this._locale, zone);
    const button = h('button', {
      type: 'button', class: 'week-free', dataset: { start: free.start, end: free.end },
      aria: { label: t('staff.week.bookAt', { name: row.tablet.patient.name, when: dayAndTime(free.start, this._locale, zone), until }) },
    }, h('span', { class: 'week-free__label' }, t('staff.week.freeLabel')), ' ', h('span', { class: 'week-free__times' }, `${from}–${until}`));
    button.addEventListener('click', () => this._open(row.tablet, free, week, button));
    return h('li', { class: 'week-free-item' }, button);
  }

  async _open(tablet, free, week, opener) {
    const booked = await this._book({ tablet, free, week }, opener);
    if (!booked || !this._visible) return;
    const v = booked.visit;
    const zone = week.timeZone || undefined;
    showMessage(this._el.status, this._t('staff.week.booked', {
      name: v.patient.name, when: dayAndTime(v.startsAt, this._locale, zone),
    }));
    const shown = localDate(v.startsAt, zone);
    if (shown < week.from || shown > addDays(week.from, 6)) this._from = shown; // a suggestion taken in another week
    await this.refresh();
    const item = this._el.list.querySelector(`li.week-visit[data-visit-id="${CSS.escape(v.id)}"]`);
    focusOn(item || this._doc.getElementById('week-heading'));
  }

  /** Which control has the focus, so that a refresh gives it back. */
  _focusKey() {
    const a = this._doc.activeElement;
    if (!a || !this._el.list.contains(a)) return null;
    const row = a.closest('tr.week-tablet');
    const cell = a.closest('td.week-cell');
    return { tablet: row && row.dataset.tabletId, date: cell && cell.dataset.date, visit: a.dataset.visitId || null };
  }

  _restoreFocus(key) {
    if (!key) return;
    const row = this._el.list.querySelector(`tr.week-tablet[data-tablet-id="${CSS.escape(key.tablet || '')}"]`);
    if (!row) return;
    const cell = row.querySelector(`td.week-cell[data-date="${CSS.escape(key.date || '')}"]`);
    const target = (key.visit && row.querySelector(`li.week-visit[data-visit-id="${CSS.escape(key.visit)}"]`))
      || (cell && cell.querySelector('button.week-free')) || row.querySelector('button.week-free');
    if (target) target.focus();
  }
}

/** The time something ends: midnight at the end of a day reads "24:00", as the visiting hours say it. */
function endOfDay(epochMs, locale, zone) {
  return minutesOfDay(epochMs, zone) === 0 ? '24:00' : timeOfDay(epochMs, locale, zone);
}
