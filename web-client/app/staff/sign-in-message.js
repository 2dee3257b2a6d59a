// The one message line of the sign-in steps (#sign-in-error, role=alert): what went wrong, in
// words, and for `too_many_attempts` the seconds left before trying again. The sentence is
// read out once; the countdown beside it is hidden from screen readers so that it is not read
// every second, and "You can try again now" is said when the wait is over.

import { setText } from './dom.js';

export class SignInMessage {
  /**
   * @param {object} o
   * @param {HTMLElement} o.element the whole line (hidden while empty)
   * @param {HTMLElement} o.text where the sentence goes
   * @param {HTMLElement} o.countdown where the seconds left go (aria-hidden)
   * @param {(key: string, params?: object) => string} o.t
   * @param {() => number} [o.now]
   * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
   */
  constructor(o) {
    this._el = o.element;
    this._text = o.text;
    this._countdown = o.countdown;
    this._t = o.t;
    this._now = o.now || (() => Date.now());
    this._timers = o.timers || globalThis;
    this._timer = null;
  }

  /** True while the server asked to wait before the next attempt. */
  get waiting() {
    return this._timer !== null;
  }

  /** Shows a sentence (none: hides the line), ending any wait. */
  show(text) {
    this._stopWait();
    setText(this._text, text);
    this._el.hidden = !text;
  }

  /** `too_many_attempts` with the server's `retryAfterSeconds`. */
  waitFor(seconds) {
    this.show(this._t('error.staff.too_many_attempts'));
    const until = this._now() + seconds * 1000;
    const tick = () => {
      const left = Math.ceil((until - this._now()) / 1000);
      if (left <= 0) {
        this.show(this._t('staff.signIn.tryAgainNow'));
        return;
      }
      setText(this._countdown, this._t('staff.signIn.waitSeconds', { seconds: left }));
      this._timer = this._timers.setTimeout(tick, until - this._now() - (left - 1) * 1000);
    };
    tick();
  }

  _stopWait() {
    if (this._timer !== null) this._timers.clearTimeout(this._timer);
    this._timer = null;
    setText(this._countdown, '');
  }
}
