// A ward's reports over a chosen period (GET /api/wards/{id}/reports?from=&to=, report.view: ward
// managers on their wards, admins on every ward): visits per day as a bar chart and as a table, the
// average call length and the completed, cancelled and no-show counts and rates; the same for every
// ward one may read (GET /api/reports); "Download CSV" gives the ward's figures as a file for a
// spreadsheet (`format=csv`). No names: counts only. Each reading is audited by the server.
//
// DOM contract: #view-reports; #reports-form with #reports-ward, #reports-from, #reports-to,
// #reports-show; #reports-summary (.report-total[data-figure] each); #reports-chart > svg.chart[data-max]
// (rect.chart__bar[data-value] per day); #reports-days > tr.report-day[data-date] (td.report-day__visits …);
// #reports-wards > tr.report-ward[data-ward-id]; #reports-csv (a link to the CSV); #reports-error,
// #reports-empty, #reports-unavailable.

import { errorKey, withQuery } from './api.js';
import { isIsoDate, shortDate } from './dates.js';
import { focusOn, h, setText, showMessage } from './dom.js';
import { barChart } from './report-chart.js';

/**
 * The figures of a report (`<figures>` of docs/staff-api.md, "Reports") as the view draws them: counts
 * (0 when missing), the average call length in seconds and the rates (shares, 0 to 1, of the visits
 * whose outcome is known) or null where there is none.
 */
export function figuresOf(f) {
  const n = (v) => (Number.isFinite(v) ? v : 0);
  const maybe = (v) => (Number.isFinite(v) ? v : null);
  const o = f || {};
  return {
    booked: n(o.booked), completed: n(o.completed), cancelled: n(o.cancelled), noShow: n(o.noShow), calls: n(o.calls),
    averageSeconds: maybe(o.averageLengthSeconds), completedRate: maybe(o.completedRate),
    cancelledRate: maybe(o.cancelledRate), noShowRate: maybe(o.noShowRate),
  };
}

/** A ward's report: `{from, to, days: [{date, ...figures}], totals: figures}`. */
export function reportFigures(answer) {
  return {
    from: answer.from, to: answer.to,
    days: (answer.days || []).map((d) => ({ date: d.date, ...figuresOf(d) })),
    totals: figuresOf(answer.totals),
  };
}

/** "42%" in the person's language, or "—" without a rate. */
export function percent(rate, locale) {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** A call length in words: `{key, params}` ("45 s" under a minute, else whole minutes), or null for none. */
export function lengthText(seconds) {
  if (seconds === null || seconds === undefined) return null;
  if (seconds < 60) return { key: 'staff.reports.seconds', params: { seconds: Math.round(seconds) } };
  return { key: 'staff.reports.minutes', params: { minutes: Math.round(seconds / 60) } };
}

export class ReportsView {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {() => Promise<Array<{id: string, name: string}>>} o.wards the wards one may report on
   * @param {() => ?{id: string, name: string}} o.ward the ward chosen in the header
   */
  constructor(doc, { api, t, locale, wards, ward }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._wards = wards;
    this._ward = ward;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      form: $('reports-form'), wardSelect: $('reports-ward'), from: $('reports-from'), to: $('reports-to'),
      chart: $('reports-chart'), table: $('reports-table'), days: $('reports-days'), summary: $('reports-summary'),
      csv: $('reports-csv'), error: $('reports-error'), empty: $('reports-empty'), unavailable: $('reports-unavailable'),
      results: $('reports-results'), wards: $('reports-wards'), wardsTable: $('reports-wards-table'),
    };
    this._visible = false;
    this._ticket = 0;
    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._load(true);
    });
  }

  async show() {
    this._visible = true;
    const el = this._el;
    const chosen = el.wardSelect.value || (this._ward() && this._ward().id);
    const wards = await this._wards();
    el.wardSelect.replaceChildren(...wards.map((w) => h('option', { value: w.id }, w.name)));
    if (wards.some((w) => w.id === chosen)) el.wardSelect.value = chosen;
    await this._load(false); // without dates the first time: the server's 30 days up to today, on the ward's calendar
  }

  hide() {
    this._visible = false;
  }

  clear() {
    this.hide();
    const el = this._el;
    el.form.reset();
    el.wardSelect.replaceChildren();
    el.chart.replaceChildren();
    el.days.replaceChildren();
    el.wards.replaceChildren();
    el.summary.replaceChildren();
    el.results.hidden = true;
    for (const m of [el.error, el.empty]) showMessage(m, '');
    el.unavailable.hidden = true;
  }

  async _load(byPerson) {
    const el = this._el;
    const ward = el.wardSelect.value;
    const from = el.from.value;
    const to = el.to.value;
    showMessage(el.error, '');
    if (!ward) return;
    if (byPerson && (!isIsoDate(from) || !isIsoDate(to) || from > to)) {
      showMessage(el.error, this._t(from > to ? 'staff.reports.datesReversed' : 'staff.reports.datesMissing'));
      focusOn(el.from);
      return;
    }
    const period = isIsoDate(from) && isIsoDate(to) ? { from, to } : {};
    const path = `/api/wards/${encodeURIComponent(ward)}/reports`;
    const ticket = ++this._ticket;
    try {
      const [answer, all] = await Promise.all([this._api.get(path, period), this._api.get('/api/reports', period).catch(() => null)]);
      if (ticket !== this._ticket || !this._visible) return;
      el.unavailable.hidden = true;
      el.from.value = answer.from;
      el.to.value = answer.to;
      this._draw(reportFigures(answer), withQuery(path, { from: answer.from, to: answer.to, format: 'csv' }));
      this._drawWards(all);
      if (byPerson) focusOn(el.summary);
    } catch (e) {
      if (ticket !== this._ticket || !this._visible || e.code === 'not_signed_in') return;
      el.results.hidden = true;
      if (e.code === 'not_found') el.unavailable.hidden = false; // a server without reports yet
      else showMessage(el.error, this._t(e.code === 'forbidden' ? 'staff.reports.forbidden' : errorKey(e)));
    }
  }

  _draw(figures, csvUrl) {
    const el = this._el;
    const t = this._t;
    const { days, totals } = figures;
    el.results.hidden = false;
    el.csv.href = csvUrl;
    showMessage(el.empty, totals.booked === 0 ? t('staff.reports.empty') : '');
    const points = days.map((d) => ({ label: shortDate(d.date, this._locale), short: d.date.slice(8), value: d.booked }));
    el.chart.replaceChildren(barChart(this._doc, points, {
      title: t('staff.reports.chartTitle', { from: shortDate(figures.from, this._locale), to: shortDate(figures.to, this._locale) }),
    }));
    el.days.replaceChildren(...days.map((d) => h('tr', { class: 'report-day', dataset: { date: d.date } },
      h('th', { scope: 'row' }, shortDate(d.date, this._locale)), h('td', { class: 'report-day__visits' }, String(d.booked)),
      h('td', null, String(d.completed)), h('td', null, String(d.cancelled)), h('td', null, String(d.noShow)))));
    const figure = (name, key, value) => h('div', { class: 'report-total', dataset: { figure: name } },
      h('dt', null, t(key)), h('dd', null, value));
    const count = (n, rate) => t('staff.reports.countRate', { count: n, rate: percent(rate, this._locale) });
    el.summary.replaceChildren(
      figure('visits', 'staff.reports.visits', String(totals.booked)),
      figure('average', 'staff.reports.average', this._length(totals.averageSeconds)),
      figure('completed', 'staff.reports.completed', count(totals.completed, totals.completedRate)),
      figure('cancelled', 'staff.reports.cancelled', count(totals.cancelled, totals.cancelledRate)),
      figure('no_show', 'staff.reports.noShow', count(totals.noShow, totals.noShowRate)));
    setText(el.csv, t('staff.reports.csv'));
  }

  /** Every ward one may read, a row each (GET /api/reports), when the server answered it. */
  _drawWards(all) {
    const el = this._el;
    const rows = (all && all.wards) || [];
    el.wardsTable.hidden = rows.length < 2;
    el.wards.replaceChildren(...rows.map((row) => {
      const f = figuresOf(row);
      return h('tr', { class: 'report-ward', dataset: { wardId: row.ward.id } },
        h('th', { scope: 'row' }, row.ward.name), h('td', null, String(f.booked)), h('td', null, String(f.completed)),
        h('td', null, String(f.cancelled)), h('td', null, String(f.noShow)), h('td', null, this._length(f.averageSeconds)));
    }));
  }

  _length(seconds) {
    const text = lengthText(seconds);
    return text ? this._t(text.key, text.params) : '—';
  }
}
