// The countdown before the tablet answers by itself (a ring with autoAnswer: the patient's
// consent is recorded): "The call starts in 8 seconds", once a second, on injected timers.
// "Not now" cancels it for that ring; the tablet then rings as any other time.

/** How long the countdown lasts before the tablet answers by itself. */
export const AUTO_ANSWER_MS = 10000;

export class AutoAnswer {
  /**
   * @param {object} o
   * @param {{setTimeout: Function, clearTimeout: Function}} o.timers
   * @param {() => number} o.now
   * @param {() => void} o.onTick after each second and when it ends (for the screen)
   * @param {() => void} o.onDue when the countdown reaches 0
   */
  constructor(o) {
    this._o = o;
    this._dueAt = null;
    this._timer = null;
    this._cancelled = false; // "Not now" for the ring in progress
  }

  /** Starts the countdown unless it runs already, or was cancelled during this ring. */
  start() {
    if (this._dueAt !== null || this._cancelled) return;
    this._dueAt = this._o.now() + AUTO_ANSWER_MS;
    this._schedule();
  }

  /** "Not now": no automatic answer until the ring is over. */
  cancel() {
    this._stop();
    this._cancelled = true;
  }

  /** The ring is over (answered, declined, given up): the next ring may count down again. */
  reset() {
    this._stop();
    this._cancelled = false;
  }

  /** Whole seconds left (10, 9 … 1), or null when no countdown runs. */
  secondsLeft() {
    if (this._dueAt === null) return null;
    return Math.max(1, Math.ceil((this._dueAt - this._o.now()) / 1000));
  }

  /** Whether "Not now" was chosen during this ring. */
  get cancelled() {
    return this._cancelled;
  }

  _schedule() {
    const left = this._dueAt - this._o.now();
    if (left <= 0) {
      this._stop();
      this._o.onDue();
      return;
    }
    // Wake at the next whole second, so the number on screen changes on time.
    const step = left % 1000 || 1000;
    this._timer = this._o.timers.setTimeout(() => {
      this._timer = null;
      this._schedule();
      if (this._dueAt !== null) this._o.onTick();
    }, step);
  }

  _stop() {
    if (this._timer !== null) this._o.timers.clearTimeout(this._timer);
    this._timer = null;
    this._dueAt = null;
  }
}
