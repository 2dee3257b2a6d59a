// Shows the signaling state in an element, in words, for a person.
//
// DOM contract (the browser tests rely on it):
//   <p id="connection" role="status" aria-live="polite" data-state="connecting">
//   data-state  is exactly the current state: connecting | connected | reconnecting | offline
//   text        is the localized description, e.g. "Connexion perdue — nouvel essai dans 4 s"
//
// Inside: a dot (decorative), the state label, and an optional detail (the
// countdown to the next try, or a hint when offline). The countdown is hidden
// from screen readers so that it is not read out every second; the label is.

import { STATES } from './signaling.js';

const SEPARATOR = ' — ';

export class ConnectionStatus {
  /**
   * @param {HTMLElement} element the #connection element
   * @param {object} options
   * @param {(key: string, params?: object) => string} options.t
   * @param {string} [options.offlineHintKey] message shown after "No network"
   * @param {{setTimeout: Function, clearTimeout: Function}} [options.timers]
   * @param {() => number} [options.now] same clock as the SignalingClient's
   */
  constructor(element, options) {
    const o = options || {};
    this._el = element;
    this._t = o.t;
    this._offlineHintKey = o.offlineHintKey || null;
    this._timers = o.timers || globalThis;
    this._now = o.now || (() => Date.now());
    this._tick = null;

    element.setAttribute('role', 'status');
    element.setAttribute('aria-live', 'polite');
    element.classList.add('connection');
    const doc = element.ownerDocument;
    this._dot = span(doc, 'connection__dot');
    this._dot.setAttribute('aria-hidden', 'true');
    this._label = span(doc, 'connection__label');
    this._sep = span(doc, 'connection__sep');
    this._detail = span(doc, 'connection__detail');
    element.replaceChildren(this._dot, this._label, this._sep, this._detail);

    this.update(element.getAttribute('data-state') || 'connecting');
  }

  /** The SignalingClient's onState(state, detail). */
  update(state, detail) {
    if (!STATES.includes(state)) throw new Error(`unknown connection state ${state}`);
    this._stopTick();
    this._el.setAttribute('data-state', state);
    setText(this._label, this._t(`status.${state}`));

    if (state === 'reconnecting') {
      this._detail.setAttribute('aria-hidden', 'true');
      const retryAt = detail && typeof detail.retryAt === 'number' ? detail.retryAt : null;
      if (retryAt === null) this._setDetail(this._t('status.retryNow'));
      else this._countDown(retryAt);
    } else {
      this._detail.removeAttribute('aria-hidden');
      const hint = state === 'offline' && this._offlineHintKey ? this._t(this._offlineHintKey) : '';
      this._setDetail(hint);
    }
  }

  destroy() {
    this._stopTick();
  }

  _setDetail(text) {
    setText(this._sep, text ? SEPARATOR : '');
    setText(this._detail, text);
  }

  _countDown(retryAt) {
    const remaining = retryAt - this._now();
    const seconds = Math.max(1, Math.ceil(remaining / 1000));
    this._setDetail(this._t('status.retryIn', { seconds }));
    if (remaining > 1000) {
      const untilNextSecond = remaining - (seconds - 1) * 1000;
      this._tick = this._timers.setTimeout(() => this._countDown(retryAt), untilNextSecond);
    }
  }

  _stopTick() {
    if (this._tick !== null) this._timers.clearTimeout(this._tick);
    this._tick = null;
  }
}

function span(doc, className) {
  const el = doc.createElement('span');
  el.className = className;
  return el;
}

// Writing the same text again can make some screen readers repeat it.
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
