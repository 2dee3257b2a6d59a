// The outbox (GET /api/outbox?ward=): the messages of the ward that went nowhere but here, because no
// SMS gateway or mail server is configured (the demo): newest first, each readable as the family would
// get it — to whom, its subject, its text — with the link in it clickable, so that a person trying the
// demo can open the family page from here. The navigation shows Outbox only when there are messages.
//
// DOM contract: #view-outbox; #outbox-list > li.outbox-message[data-message-id][data-kind]
// [data-visit-id] with .outbox-message__to, .outbox-message__subject, .outbox-message__text
// (a.outbox-message__link for each link); #outbox-empty, #outbox-error, #outbox-no-ward.

import { errorKey } from './api.js';
import { dateTime } from './dates.js';
import { h, showMessage } from './dom.js';
import { kindKey } from './invite-text.js';

const LINK = /https:\/\/[^\s<>"]+/g;

/**
 * A message's text as parts: `{text}` and `{link}` (each https:// address, without the punctuation
 * that ends a sentence after it).
 */
export function textParts(value) {
  const text = String(value || '');
  const parts = [];
  let at = 0;
  for (const m of text.matchAll(LINK)) {
    let link = m[0];
    const trailing = /[.,;:!?)\]]+$/.exec(link);
    if (trailing) link = link.slice(0, -trailing[0].length);
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ link });
    at = m.index + link.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

export class OutboxView {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {(shown: boolean) => void} o.onAny whether the ward has outbox messages (the navigation's Outbox)
   */
  constructor(doc, { api, t, locale, zone, onAny }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._zone = zone || {};
    this._onAny = onAny || (() => {});
    const $ = (id) => doc.getElementById(id);
    this._el = { list: $('outbox-list'), empty: $('outbox-empty'), error: $('outbox-error'), noWard: $('outbox-no-ward') };
    this._ward = null;
    this._visible = false;
    this._ticket = 0;
  }

  setWard(ward) {
    this._ward = ward;
    this._el.list.replaceChildren();
    if (this._visible) this.refresh();
    else this.check();
  }

  show() {
    this._visible = true;
    return this.refresh();
  }

  hide() {
    this._visible = false;
  }

  clear() {
    this.hide();
    this._ward = null;
    this._el.list.replaceChildren();
    showMessage(this._el.empty, '');
    showMessage(this._el.error, '');
    this._onAny(false);
  }

  /**
   * Asks, in the background, whether the ward has outbox messages: the navigation shows Outbox then;
   * on screen, the list is read again (a booking's messages are written a moment after it).
   */
  async check() {
    if (this._visible) {
      await this.refresh({ background: true });
      return;
    }
    if (!this._ward) {
      this._onAny(false);
      return;
    }
    const ward = this._ward;
    try {
      const answer = await this._api.get('/api/outbox', { ward: ward.id }, { background: true });
      if (this._ward === ward) this._onAny((answer.messages || []).length > 0);
    } catch (e) {
      // no outbox for this person or ward: the navigation simply does not offer it
    }
  }

  async refresh(how) {
    if (!this._visible) return;
    const ward = this._ward;
    this._el.noWard.hidden = Boolean(ward);
    if (!ward) return;
    const ticket = ++this._ticket;
    try {
      const answer = await this._api.get('/api/outbox', { ward: ward.id }, { background: Boolean(how && how.background) });
      if (ticket !== this._ticket || !this._visible) return;
      const messages = answer.messages || [];
      showMessage(this._el.error, '');
      showMessage(this._el.empty, messages.length ? '' : this._t('staff.outbox.empty', { ward: ward.name }));
      this._el.list.replaceChildren(...messages.map((m) => this._message(m)));
      this._onAny(messages.length > 0);
    } catch (e) {
      if (ticket !== this._ticket || !this._visible || e.code === 'not_signed_in') return;
      showMessage(this._el.error, this._t(errorKey(e)));
    }
  }

  _message(m) {
    const t = this._t;
    const when = m.sentAt ? dateTime(m.sentAt, this._locale, this._zone.id) : '';
    const kind = t(kindKey(m.kind));
    const text = m.text === null || m.text === undefined
      ? h('p', { class: 'outbox-message__text muted' }, t('staff.outbox.forgotten'))
      : h('p', { class: 'outbox-message__text' }, textParts(m.text).map((p) => (p.link
        ? h('a', { class: 'outbox-message__link', href: p.link, target: '_blank', rel: 'noopener noreferrer' }, p.link)
        : p.text)));
    return h('li', { class: 'outbox-message', dataset: { messageId: m.id, kind: m.kind, visitId: m.visit } },
      h('p', { class: 'outbox-message__meta' }, t('staff.outbox.meta', { kind, when })),
      h('p', { class: 'outbox-message__to' }, t('staff.outbox.to', { to: m.to || (m.contact && m.contact.name) || '' })),
      m.subject ? h('p', { class: 'outbox-message__subject' }, m.subject) : h('p', { class: 'outbox-message__subject muted' }, t('staff.outbox.sms')),
      text);
  }
}
