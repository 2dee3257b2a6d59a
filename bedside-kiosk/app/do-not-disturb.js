// "Do not disturb" on the idle screen (docs/protocol.md, "Tablet"): one button, "Do not disturb until
// the next visit", which sends `do_not_disturb` {on: true}; while it is on, "Do not disturb until 14:00"
// and the button "Allow calls again" ({on: false}). The server says what is true in
// `do_not_disturb_state` (after welcome, and whenever the patient, staff or the next visit's start
// change it); the button is only drawn from that, and is disabled while the tablet is not connected.
//
// DOM contract: button#kiosk-dnd[data-on] (its label in .kiosk-dnd__label), p#kiosk-dnd-status
// (hidden when off), body[data-dnd="on"|"off"].

import { timeParts } from './clock.js';

export class DoNotDisturbControl {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {(message: object) => boolean} o.send
   * @param {(key: string, params?: object) => string} o.t
   * @param {string|(() => string)} o.locale the page's locale, or how to read it (it changes with the patient's language)
   */
  constructor(doc, o) {
    this._doc = doc;
    this._send = o.send;
    this._t = o.t;
    this._locale = o.locale;
    this._button = doc.getElementById('kiosk-dnd');
    this._status = doc.getElementById('kiosk-dnd-status');
    this._until = null;
    this._connected = false;
    this._asked = false;
    this._button.addEventListener('click', () => this.toggle());
    this._render();
  }

  /** Until when it is on (epoch ms), or null. */
  get until() {
    return this._until;
  }

  /** Every decoded server message; only `do_not_disturb_state` matters here. */
  handle(message) {
    if (!message || message.type !== 'do_not_disturb_state') return;
    this._until = typeof message.until === 'number' ? message.until : null;
    this._asked = false;
    this._render();
  }

  /** The page's language changed: the words are drawn again. */
  refresh() {
    this._render();
  }

  signalingState(state) {
    this._connected = state === 'connected';
    if (!this._connected) this._asked = false;
    this._render();
  }

  /** The patient tapped the button: asks the server for the other state (the answer redraws it). */
  toggle() {
    if (!this._connected || this._asked) return;
    this._asked = this._send({ v: 1, type: 'do_not_disturb', on: this._until === null }) !== false;
    this._render();
  }

  _render() {
    const on = this._until !== null;
    this._doc.body.dataset.dnd = on ? 'on' : 'off';
    const b = this._button;
    if (on) b.dataset.on = 'true';
    else delete b.dataset.on;
    b.disabled = !this._connected || this._asked;
    setText(b.querySelector('.kiosk-dnd__label') || b, this._t(on ? 'kiosk.dnd.off' : 'kiosk.dnd.on'));
    this._status.hidden = !on;
    if (on) {
      const locale = typeof this._locale === 'function' ? this._locale() : this._locale;
      const time = timeParts(new Date(this._until), locale).map((p) => p.value).join('');
      setText(this._status, this._t('kiosk.dnd.until', { time }));
    } else {
      setText(this._status, '');
    }
  }
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
