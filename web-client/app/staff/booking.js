// The booking form, in a dialog opened from a free time of the week view: the patient at that
// tablet's bed, the day and start time (on the ward's wall clock), the ward's lengths, the patient's
// allowed contacts ticked. Booked, it shows who is invited and how; a contact who receives no
// messages gets their link to copy (the link is in the booking's answer only). Refused for a rule,
// it says the rule and offers the server's suggested times as buttons: one of them books it at once.
//
// DOM contract: #booking-dialog with #booking-form (#booking-patient, #booking-tablet, #booking-date,
// #booking-time, #booking-length, #booking-contacts input[name=contact][value=<contact id>],
// #booking-submit, #booking-cancel), #booking-error (role=alert, data-rule when a rule refused),
// #booking-suggestions > button.booking-suggestion[data-start][data-end]; once booked #booking-done
// with #booking-done-summary and #booking-invites > li.booked-invite[data-contact-id][data-channel]
// (button.booked-invite__copy and code.booked-invite__link for a contact without a channel),
// #booking-copied, #booking-close.

import { atSuggestion, bookingRequest, formFor, refusalOf } from './booking-rules.js';
import { dayAndTime, timeOfDay } from './dates.js';
import { closeDialog, openDialog } from './dialogs.js';
import { copyText, focusOn, h, setText, showMessage } from './dom.js';
import { contactChannelKey } from './invite-text.js';

export class BookingDialog {
  constructor(doc, { api, t, locale }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      dialog: $('booking-dialog'), form: $('booking-form'), patient: $('booking-patient'), tablet: $('booking-tablet'),
      date: $('booking-date'), time: $('booking-time'), length: $('booking-length'), contacts: $('booking-contacts'),
      submit: $('booking-submit'), cancel: $('booking-cancel'), error: $('booking-error'),
      suggestions: $('booking-suggestions'), suggestionList: $('booking-suggestion-list'), done: $('booking-done'),
      summary: $('booking-done-summary'), invites: $('booking-invites'), copied: $('booking-copied'), close: $('booking-close'),
    };
    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._submit();
    });
    this._el.cancel.addEventListener('click', () => closeDialog(this._el.dialog));
    this._el.close.addEventListener('click', () => closeDialog(this._el.dialog, 'booked'));
    this._pending = null; // {tablet, week, contacts, booked} while open
    this._busy = false;
  }

  /** Whether the form is open with a booking not made yet. */
  get dirty() {
    return Boolean(this._pending && !this._pending.booked && this._el.dialog.open);
  }

  /**
   * Opens the form for a free time of `tablet`; resolves with the booking's answer
   * ({visit, invites}) once booked and closed, or null.
   */
  async open({ tablet, free, week }, opener) {
    const el = this._el;
    const t = this._t;
    this._reset();
    const pending = { tablet, week, contacts: [], booked: null };
    this._pending = pending;
    setText(el.patient, tablet.patient.name);
    setText(el.tablet, [tablet.label, tablet.bed].filter(Boolean).join(' — '));
    el.length.replaceChildren(...(week.lengths || []).map((n) => h('option', { value: String(n) }, t('staff.booking.minutes', { minutes: n }))));
    const closed = openDialog(el.dialog, { opener, focus: el.time });
    el.contacts.append(h('p', { class: 'muted booking__loading' }, t('staff.loading')));
    try {
      pending.contacts = await this._api.get(`/api/patients/${encodeURIComponent(tablet.patient.id)}/contacts`);
    } catch (e) {
      if (e.code === 'not_signed_in') return null;
      this._problem(refusalOf(e));
    }
    if (this._pending !== pending) return null;
    this._fill(formFor(free, week, pending.contacts));
    await closed;
    this._pending = null;
    const booked = pending.booked;
    this._reset();
    return booked;
  }

  _reset() {
    const el = this._el;
    el.form.reset();
    el.form.hidden = false;
    el.done.hidden = true;
    showMessage(el.error, '');
    delete el.error.dataset.rule;
    el.suggestions.hidden = true;
    el.suggestionList.replaceChildren();
    el.contacts.replaceChildren(el.contacts.querySelector('legend'));
    el.invites.replaceChildren();
    setText(el.copied, '');
    for (const field of [el.date, el.time, el.length]) field.removeAttribute('aria-invalid');
  }

  _fill(form) {
    const el = this._el;
    const t = this._t;
    el.date.value = form.date;
    el.time.value = form.time;
    if (form.length !== null) el.length.value = String(form.length);
    const ticked = new Set(form.contacts);
    const rows = this._pending.contacts.map((c) => {
      const box = h('input', { type: 'checkbox', name: 'contact', value: c.id, id: `booking-contact-${c.id}` });
      box.checked = ticked.has(c.id);
      box.disabled = !c.allowed;
      const how = c.allowed ? t(contactChannelKey(c.channel)) : t('staff.booking.notAllowed');
      return h('div', { class: 'checkbox' }, box, h('label', { for: box.id },
        c.relationship ? t('staff.booking.contact', { name: c.name, relationship: c.relationship }) : c.name,
        h('span', { class: 'muted' }, ` — ${how}`)));
    });
    el.contacts.querySelector('.booking__loading')?.remove();
    el.contacts.append(...(rows.length ? rows : [h('p', { class: 'muted' }, t('staff.booking.noContacts'))]));
  }

  _form() {
    const el = this._el;
    const p = this._pending;
    return {
      patient: p.tablet.patient.id, tablet: p.tablet.id, date: el.date.value, time: el.time.value, length: el.length.value,
      contacts: [...el.contacts.querySelectorAll('input[name=contact]:checked')].map((b) => b.value),
    };
  }

  async _submit() {
    if (!this._pending || this._pending.booked || this._busy) return;
    const request = bookingRequest(this._form(), this._pending.week.timeZone);
    if (request.problem) {
      this._problem({ key: request.problem, rule: null, suggestions: [], field: request.field });
      return;
    }
    await this._book(request.body);
  }

  async _book(body) {
    const pending = this._pending;
    this._busy = true;
    this._el.submit.disabled = true;
    try {
      const booked = await this._api.post('/api/visits', body);
      if (this._pending !== pending) return;
      pending.booked = booked;
      this._showBooked(booked);
    } catch (e) {
      if (e.code === 'not_signed_in' || this._pending !== pending) return;
      this._problem(refusalOf(e), body);
    } finally {
      this._busy = false;
      this._el.submit.disabled = false;
    }
  }

  /** A refusal: the rule in words, the suggested times as buttons (the first has the cursor), else the field to change. */
  _problem(refusal, body) {
    const el = this._el;
    showMessage(el.error, this._t(refusal.key));
    if (refusal.rule) el.error.dataset.rule = refusal.rule;
    else delete el.error.dataset.rule;
    const zone = this._pending ? this._pending.week.timeZone : undefined;
    const buttons = body ? refusal.suggestions.map((s) => {
      const label = this._t('staff.booking.suggestion', { when: dayAndTime(s.start, this._locale, zone), until: timeOfDay(s.end, this._locale, zone) });
      const button = h('button', { type: 'button', class: 'button booking-suggestion', dataset: { start: s.start, end: s.end } }, label);
      button.addEventListener('click', () => {
        if (!this._busy) this._book(atSuggestion(body, s));
      });
      return h('li', null, button);
    }) : [];
    el.suggestionList.replaceChildren(...buttons);
    el.suggestions.hidden = buttons.length === 0;
    if (buttons.length) {
      focusOn(el.suggestionList.querySelector('button'));
      return;
    }
    const field = { date: el.date, time: el.time, length: el.length, contacts: el.contacts.querySelector('input:not([disabled])') }[refusal.field];
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      focusOn(field);
    } else {
      focusOn(el.error);
    }
  }

  _showBooked(booked) {
    const el = this._el;
    const t = this._t;
    const v = booked.visit;
    const zone = this._pending.week.timeZone;
    el.form.hidden = true;
    el.done.hidden = false;
    setText(el.summary, t('staff.booking.done', {
      name: v.patient.name, when: dayAndTime(v.startsAt, this._locale, zone), until: timeOfDay(v.endsAt, this._locale, zone),
    }));
    const byId = new Map(this._pending.contacts.map((c) => [c.id, c]));
    const invites = booked.invites || [];
    el.invites.replaceChildren(...(invites.length ? invites.map((i) => this._invite(i, byId.get(i.contact)))
      : [h('li', { class: 'muted' }, t('staff.booking.nobodyInvited'))]));
    focusOn(el.invites.querySelector('button') || el.close);
  }

  _invite(invite, contact) {
    const t = this._t;
    const channel = contact ? contact.channel : 'none';
    const name = contact ? contact.name : t('staff.booking.someone');
    const item = h('li', { class: 'booked-invite', dataset: { contactId: invite.contact, channel } },
      h('span', { class: 'booked-invite__name' }, name), ' — ',
      h('span', { class: 'booked-invite__how' }, t(channel === 'none' ? 'staff.booking.giveLink' : 'staff.booking.sent', {
        channel: t(contactChannelKey(channel)),
      })));
    if (channel === 'none' && invite.link) {
      const copy = h('button', { type: 'button', class: 'button button--small booked-invite__copy', aria: { label: t('staff.invite.copyFor', { name }) } },
        t('staff.invite.copy'));
      copy.addEventListener('click', async () => {
        setText(this._el.copied, t((await copyText(invite.link)) ? 'staff.invite.copied' : 'staff.copyFailed'));
      });
      item.append(' ', copy, h('code', { class: 'booked-invite__link' }, invite.link));
    }
    return item;
  }
}
