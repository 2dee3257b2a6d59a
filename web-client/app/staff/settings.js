// A ward's settings (GET /api/wards/{id}/settings), in words for all its staff; for its managers and
// admins (settings-rules.js, canChangeSettings) a form below: time zone, each day's visiting hours as
// spans ("Add hours", "Remove", none: no visits), visit lengths, cleaning buffer, daily cap, reminders.
// Save sends them whole (PUT) and says who saved them and when; a refusal is said next to the field it
// names, down to a span's closing time, with the cursor there. Follows the ward of the account bar.
//
// DOM contract: #view-settings; #settings-summary (dl: dt/dd per setting, .settings-day[data-day] per
// day) with #settings-defaults ("This ward uses the default settings") and #settings-updated;
// #settings-read-only for those who may not change them; #settings-form (hidden then) with
// #settings-time-zone (list #settings-zones), #settings-day-<day> (fieldset[data-day]) holding
// li.settings-span[data-index] with #settings-<day>-<i>-opens, #settings-<day>-<i>-closes and
// button.settings-remove, .settings-none ("No visits") and button.settings-add; #settings-lengths,
// #settings-buffer, #settings-cap, #settings-reminders (#settings-reminders-words: them in words),
// #settings-save, #settings-undo; a field in error has [aria-invalid] and #<id>-error; #settings-status,
// #settings-error, #settings-no-ward.

import { errorKey } from './api.js';
import { dateTime } from './dates.js';
import { focusOn, h, setText, showMessage } from './dom.js';
import { clearFieldErrors, showFieldError } from './field-errors.js';
import {
  COMMON_ZONES, MAX_SPANS_A_DAY, WEEKDAYS, addSpan, canChangeSettings, fieldTarget, focusAfterRemove, formValues, inputIdOf, listText,
  minutesList, problemKey, reminderText, removeSpan, settingsBody, spanInputId, spansText, valuesDiffer,
} from './settings-rules.js';

export class SettingsView {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {() => {role: string}} o.me the signed-in user
   */
  constructor(doc, { api, t, locale, zone, me }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._zone = zone || {};
    this._me = me;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      noWard: $('settings-no-ward'), status: $('settings-status'), error: $('settings-error'), current: $('settings-current'),
      defaults: $('settings-defaults'), summary: $('settings-summary'), updated: $('settings-updated'),
      readOnly: $('settings-read-only'), form: $('settings-form'), zone: $('settings-time-zone'), zones: $('settings-zones'),
      days: $('settings-days'), lengths: $('settings-lengths'), buffer: $('settings-buffer'), cap: $('settings-cap'),
      reminders: $('settings-reminders'), words: $('settings-reminders-words'), save: $('settings-save'), undo: $('settings-undo'),
    };
    this._el.zones.replaceChildren(...COMMON_ZONES.map((z) => h('option', { value: z })));
    this._ward = null;
    this._visible = false;
    this._loading = 0;
    this._busy = false;
    this._answer = null; // the last <settings> read or saved
    this._saved = null; // its form values: what "dirty" compares with
    this._hours = {}; // the spans on screen, by day
    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._save();
    });
    this._el.undo.addEventListener('click', () => {
      if (!this._answer) return;
      this._fill(this._answer);
      showMessage(this._el.status, '');
      focusOn(this._el.zone);
    });
    this._el.reminders.addEventListener('input', () => this._sayReminders());
  }

  /** Whether the form holds something typed and not saved. */
  get dirty() {
    return Boolean(this._saved) && !this._el.form.hidden && valuesDiffer(this._values(), this._saved);
  }

  setWard(ward) {
    const changed = !this._ward || !ward || this._ward.id !== ward.id;
    this._ward = ward;
    if (!changed) return;
    this._forget();
    if (this._visible) this._load();
  }

  /** Opens the view: read again, unless the form holds changes not saved yet (they stay until saved or undone). */
  show() {
    this._visible = true;
    showMessage(this._el.status, '');
    if (this.dirty) return Promise.resolve();
    return this._load();
  }

  hide() {
    this._visible = false;
  }

  clear() {
    this.hide();
    this._ward = null;
    this._forget();
  }

  _forget() {
    this._loading++;
    this._answer = null;
    this._saved = null;
    this._hours = {};
    this._el.current.hidden = true;
    this._el.form.hidden = true;
    this._el.summary.replaceChildren();
    this._el.days.replaceChildren();
    for (const el of [this._el.status, this._el.error, this._el.updated]) showMessage(el, '');
  }

  async _load() {
    const ward = this._ward;
    this._el.noWard.hidden = Boolean(ward);
    if (!ward) return;
    const ticket = ++this._loading;
    try {
      const answer = await this._api.get(`/api/wards/${encodeURIComponent(ward.id)}/settings`);
      if (ticket !== this._loading || !this._visible) return;
      showMessage(this._el.error, '');
      this._show(answer);
    } catch (e) {
      if (ticket !== this._loading || !this._visible || e.code === 'not_signed_in') return;
      showMessage(this._el.error, this._t(errorKey(e)));
    }
  }

  /** An answer on screen: in words, and in the form for those who may change it. */
  _show(answer) {
    this._answer = answer;
    this._summary(answer);
    const may = canChangeSettings((this._me() || {}).role);
    this._el.readOnly.hidden = may;
    this._el.form.hidden = !may;
    if (may) this._fill(answer);
  }

  _summary(s) {
    const t = this._t;
    const el = this._el;
    const row = (label, ...value) => [h('dt', null, label), h('dd', null, ...value)];
    const week = h('ul', { class: 'plain-list settings-week' }, ...WEEKDAYS.map((day) => {
      const spans = (s.visitingHours || {})[day] || [];
      const name = t('staff.settings.dayLabel', { day: t(`staff.settings.day.${day}`) });
      return h('li', { class: 'settings-day', dataset: { day } }, h('span', { class: 'settings-day__name' }, name), ' ',
        spans.length ? spansText(spans) : t('staff.settings.noVisits'));
    }));
    const reminders = s.reminderMinutes || [];
    el.summary.replaceChildren(
      ...row(t('staff.settings.timeZone'), s.timeZone),
      ...row(t('staff.settings.hours'), week),
      ...row(t('staff.settings.lengths'), t('staff.settings.lengthsText', { list: listText(s.visitLengthMinutes || [], this._locale) })),
      ...row(t('staff.settings.buffer'), s.cleaningBufferMinutes ? t('staff.settings.minutesText', { n: s.cleaningBufferMinutes }) : t('staff.settings.noBuffer')),
      ...row(t('staff.settings.cap'), t('staff.settings.capText', { n: s.dailyCap })),
      ...row(t('staff.settings.reminders'), reminders.length ? this._remindersText(reminders) : t('staff.settings.noReminder')));
    el.defaults.hidden = !s.defaults;
    showMessage(el.updated, s.updatedAt
      ? t('staff.settings.updated', { when: dateTime(s.updatedAt, this._locale, this._zone.id), name: s.updatedBy ? s.updatedBy.name : '?' })
      : '');
    el.current.hidden = false;
  }

  _remindersText(minutes) {
    return listText(minutes.map((m) => {
      const r = reminderText(m);
      return this._t(r.key, r.params);
    }), this._locale);
  }

  /** The form with an answer's values (their defaults too, so that the browser's own reset keeps them). */
  _fill(answer) {
    const values = formValues(answer);
    this._saved = values;
    clearFieldErrors(this._el.form);
    for (const [input, value] of [[this._el.zone, values.timeZone], [this._el.lengths, values.lengths],
      [this._el.buffer, values.buffer], [this._el.cap, values.cap], [this._el.reminders, values.reminders]]) {
      input.defaultValue = value;
      input.value = value;
    }
    this._hours = {};
    for (const day of WEEKDAYS) this._hours[day] = values.hours[day].map((s) => ({ ...s }));
    this._el.days.replaceChildren(...WEEKDAYS.map((day) => this._day(day)));
    this._sayReminders();
  }

  /** One day's group: its spans, "No visits" when none, "Add hours". */
  _day(day) {
    const t = this._t;
    const name = t(`staff.settings.day.${day}`);
    const spans = this._hours[day];
    const add = h('button', { type: 'button', class: 'button button--small settings-add', aria: { label: t('staff.settings.addFor', { day: name }) } },
      t('staff.settings.add'));
    add.addEventListener('click', () => this._add(day));
    add.hidden = spans.length >= MAX_SPANS_A_DAY;
    return h('fieldset', { id: `settings-day-${day}`, class: 'settings-day-group', dataset: { day } },
      h('legend', null, name),
      spans.length ? null : h('p', { class: 'settings-none' }, t('staff.settings.noVisits')),
      spans.length ? h('ol', { class: 'plain-list settings-spans' }, ...spans.map((span, i) => this._span(day, name, span, i))) : null,
      add);
  }

  _span(day, dayName, span, index) {
    const t = this._t;
    const n = index + 1;
    const time = (part, value) => {
      const id = spanInputId(day, index, part);
      const input = h('input', { id, type: 'text', class: 'input--time', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', maxlength: '5' });
      input.defaultValue = value;
      input.value = value;
      return h('div', { class: 'settings-time' },
        h('label', { for: id }, h('span', { class: 'visually-hidden' }, t('staff.settings.spanOf', { day: dayName, n }), ' '),
          t(`staff.settings.${part}`)),
        input);
    };
    const remove = h('button', { type: 'button', class: 'button button--small settings-remove', aria: { label: t('staff.settings.removeFor', { day: dayName, n }) } },
      t('staff.settings.remove'));
    remove.addEventListener('click', () => this._remove(day, index));
    return h('li', { class: 'settings-span', dataset: { index } }, time('opens', span.opens), time('closes', span.closes), remove);
  }

  /** The spans of a day as typed now. */
  _read(day) {
    return this._hours[day].map((_, i) => ({
      opens: this._doc.getElementById(spanInputId(day, i, 'opens')).value,
      closes: this._doc.getElementById(spanInputId(day, i, 'closes')).value,
    }));
  }

  _redraw(day) {
    this._doc.getElementById(`settings-day-${day}`).replaceWith(this._day(day));
  }

  _add(day) {
    this._hours[day] = addSpan(this._read(day));
    this._redraw(day);
    focusOn(this._doc.getElementById(spanInputId(day, this._hours[day].length - 1, 'opens')));
  }

  _remove(day, index) {
    const count = this._hours[day].length;
    this._hours[day] = removeSpan(this._read(day), index);
    this._redraw(day);
    const next = focusAfterRemove(count, index);
    focusOn(next < 0 ? this._doc.querySelector(`#settings-day-${day} .settings-add`) : this._doc.getElementById(spanInputId(day, next, 'opens')));
  }

  _values() {
    const el = this._el;
    const hours = {};
    for (const day of WEEKDAYS) hours[day] = this._hours[day] ? this._read(day) : [];
    return { timeZone: el.zone.value, hours, lengths: el.lengths.value, buffer: el.buffer.value, cap: el.cap.value, reminders: el.reminders.value };
  }

  /** The reminders typed, in words, under their field. */
  _sayReminders() {
    const list = minutesList(this._el.reminders.value);
    const valid = list && list.every((m) => m > 0);
    setText(this._el.words, !valid ? '' : list.length ? this._remindersText(list) : this._t('staff.settings.noReminder'));
  }

  async _save() {
    if (this._busy || !this._ward || !this._answer) return;
    const ward = this._ward;
    const el = this._el;
    this._clearDayErrors();
    clearFieldErrors(el.form);
    showMessage(el.status, '');
    showMessage(el.error, '');
    const { body, problems } = settingsBody(this._values());
    if (problems.length) {
      for (const p of [...problems].reverse()) this._fieldError(fieldTarget(p.field), this._t(p.key)); // the first ends with the cursor
      return;
    }
    this._busy = true;
    el.save.disabled = true;
    try {
      const answer = await this._api.put(`/api/wards/${encodeURIComponent(ward.id)}/settings`, body);
      if (this._ward !== ward) return;
      const focused = this._doc.activeElement && this._doc.activeElement.id;
      this._show(answer); // the spans drawn again, as the server keeps them
      const again = focused && this._doc.getElementById(focused);
      if (again && again !== this._doc.activeElement) focusOn(again);
      else if (!again) focusOn(el.save);
      const t = this._t;
      showMessage(el.status, answer.updatedAt
        ? t('staff.settings.saved', { when: dateTime(answer.updatedAt, this._locale, this._zone.id), name: answer.updatedBy ? answer.updatedBy.name : '?' })
        : t('staff.settings.savedNow'));
    } catch (e) {
      if (e.code === 'not_signed_in' || this._ward !== ward) return;
      const target = e.code === 'invalid_request' ? fieldTarget(e.field) : null;
      if (target) {
        this._fieldError(target, this._t(problemKey(target)));
      } else {
        showMessage(el.error, this._t(e.code === 'forbidden' ? 'staff.settings.forbidden' : errorKey(e)));
        focusOn(el.error);
      }
    } finally {
      this._busy = false;
      el.save.disabled = false;
    }
  }

  /** Says `text` next to what `target` names and puts the cursor there. */
  _fieldError(target, text) {
    const node = this._doc.getElementById(inputIdOf(target));
    if (!node) {
      showMessage(this._el.error, text);
      focusOn(this._el.error);
    } else if (node.tagName === 'FIELDSET') {
      this._dayError(node, text);
    } else {
      showFieldError(node, text);
    }
  }

  /** A day's spans refused together (they overlap): said under the day's name, the group marked and focused. */
  _dayError(group, text) {
    const id = `${group.id}-error`;
    let line = this._doc.getElementById(id);
    if (!line) {
      line = h('p', { id, class: 'field__error' });
      group.querySelector('legend').insertAdjacentElement('afterend', line);
    }
    showMessage(line, text);
    group.setAttribute('aria-describedby', id);
    group.setAttribute('aria-invalid', 'true');
    focusOn(group);
  }

  _clearDayErrors() {
    for (const group of this._el.days.querySelectorAll('fieldset[aria-invalid]')) {
      group.removeAttribute('aria-invalid');
      group.removeAttribute('aria-describedby');
    }
  }
}
