// A ward's reports over a chosen period (GET /api/wards/{id}/reports?from=&to=, report.view: ward
// managers on their wards, admins on every ward): visits per day as a bar chart and as a table, the
// average length and the completed, cancelled and no-show counts and rates; "Download CSV" gives the
// same figures as a file. No names: counts only.
//
// DOM contract: #view-reports; #reports-form with #reports-ward, #reports-from, #reports-to,
// #reports-show; #reports-chart > svg.chart[data-max] (rect.chart__bar[data-value] per day);
// #reports-table with #reports-days > tr.report-day[data-date] (td.report-day__visits …);
// #reports-summary (.report-total[data-figure] each); #reports-csv (a link to the CSV);
// #reports-error, #reports-empty, #reports-unavailable.

import { errorKey, withQuery } from './api.js';
import { addDays, isIsoDate, localDate, shortDate } from './dates.js';
import { focusOn, h, setText, showMessage } from './dom.js';
import { barChart } from './report-chart.js';

/** The period shown first: the last 4 weeks, today included. */
export const DEFAULT_DAYS = 28;

/**
 * The figures of a report answer as the view draws them: `{days: [{date, visits, completed,
 * cancelled, noShow}], totals: {visits, completed, cancelled, noShow, averageMinutes, completedRate,
 * cancelledRate, noShowRate}}`; missing numbers are 0, rates null when there is no visit.
 */
export function reportFigures(answer) {
  const n = (v) => (Number.isFinite(v) ? v : 0);
  const days = (answer.days || []).map((d) => ({
    date: d.date, visits: n(d.visits), completed: n(d.completed), cancelled: n(d.cancelled), noShow: n(d.noShow),
  }));
  const t = answer.totals || {};
  const sum = (key) => days.reduce((a, d) => a + d[key], 0);
  const visits = Number.isFinite(t.visits) ? t.visits : sum('visits');
  const rate = (v, given) => (Number.isFinite(given) ? given : visits ? v / visits : null);
  const completed = Number.isFinite(t.completed) ? t.completed : sum('completed');
  const cancelled = Number.isFinite(t.cancelled) ? t.cancelled : sum('cancelled');
  const noShow = Number.isFinite(t.noShow) ? t.noShow : sum('noShow');
  return {
    days,
    totals: {
      visits, completed, cancelled, noShow,
      averageMinutes: Number.isFinite(t.averageMinutes) ? t.averageMinutes : null,
      completedRate: rate(completed, t.completedRate), cancelledRate: rate(cancelled, t.cancelledRate),
      noShowRate: rate(noShow, t.noShowRate),
    },
  };
}

/** "42 %" in the person's language, or "—" without a rate. */
export function percent(rate, locale) {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

export class ReportsView {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {() => Promise<Array<{id: string, name: string}>>} o.wards the wards one may report on
   * @param {() => ?{id: string, name: string}} o.ward the ward chosen in the header
   * @param {() => number} [o.now]
   */
  constructor(doc, { api, t, locale, wards, ward, now }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._wards = wards;
    this._ward = ward;
    this._now = now || (() => Date.now());
    const $ = (id) => doc.getElementById(id);
    this._el = {
      form: $('reports-form'), wardSelect: $('reports-ward'), from: $('reports-from'), to: $('reports-to'),
      chart: $('reports-chart'), table: $('reports-table'), days: $('reports-days'), summary: $('reports-summary'),
      csv: $('reports-csv'), error: $('reports-error'), empty: $('reports-empty'), unavailable: $('reports-unavailable'),
      results: $('reports-results'),
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
    if (!isIsoDate(el.to.value)) {
      const today = localDate(this._now());
      el.to.value = today;
      el.from.value = addDays(today, 1 - DEFAULT_DAYS);
    }
    await this._load(false);
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
    if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
      showMessage(el.error, this._t(from > to ? 'staff.reports.datesReversed' : 'staff.reports.datesMissing'));
      focusOn(el.from);
      return;
    }
    const path = `/api/wards/${encodeURIComponent(ward)}/reports`;
    const ticket = ++this._ticket;
    try {
      const answer = await this._api.get(path, { from, to });
      if (ticket !== this._ticket || !this._visible) return;
      el.unavailable.hidden = true;
      el.form.hidden = false;
      this._draw(reportFigures(answer), withQuery(`${path}.csv`, { from, to }));
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
    showMessage(el.empty, totals.visits === 0 ? t('staff.reports.empty') : '');
    const points = days.map((d) => ({ label: shortDate(d.date, this._locale), short: d.date.slice(8), value: d.visits }));
    el.chart.replaceChildren(barChart(this._doc, points, { title: t('staff.reports.chartTitle', { from: el.from.value, to: el.to.value }) }));
    el.days.replaceChildren(...days.map((d) => h('tr', { class: 'report-day', dataset: { date: d.date } },
      h('th', { scope: 'row' }, shortDate(d.date, this._locale)), h('td', { class: 'report-day__visits' }, String(d.visits)),
      h('td', null, String(d.completed)), h('td', null, String(d.cancelled)), h('td', null, String(d.noShow)))));
    const figure = (name, key, value) => h('div', { class: 'report-total', dataset: { figure: name } },
      h('dt', null, t(key)), h('dd', null, value));
    const count = (n, rate) => t('staff.reports.countRate', { count: n, rate: percent(rate, this._locale) });
    el.summary.replaceChildren(
      figure('visits', 'staff.reports.visits', String(totals.visits)),
      figure('average', 'staff.reports.average', totals.averageMinutes === null ? '—'
        : t('staff.reports.minutes', { minutes: Math.round(totals.averageMinutes) })),
      figure('completed', 'staff.reports.completed', count(totals.completed, totals.completedRate)),
      figure('cancelled', 'staff.reports.cancelled', count(totals.cancelled, totals.cancelledRate)),
      figure('no_show', 'staff.reports.noShow', count(totals.noShow, totals.noShowRate)));
    setText(el.csv, t('staff.reports.csv'));
  }
}
