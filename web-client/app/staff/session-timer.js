// The life of a signed-in session as the console sees it (docs/staff-api.md, "Session").
//
// - While the person is active (keyboard, pointer), the server hears about it: `ping()` at most
//   once per `pingEveryMs` (a minute), and only after some activity, so a console left open on
//   an empty ward PC does not keep itself alive.
// - A minute before the idle timeout, `onIdleWarning(deadline)`; any activity withdraws it
//   (`onIdleWarningOver()`) and pings at once. At the timeout, `onIdle()`: the console signs out
//   by itself rather than leave patients' names on an unattended screen.
// - Five minutes before the absolute end (`expiresAt`), `onEndsSoon(expiresAt)`; at the end,
//   `onEnded()`.
//
// Time comes from `now()` and `timers`, so the self-checks drive it without waiting.

export const PING_EVERY_MS = 60_000;
export const IDLE_WARNING_MS = 60_000;
export const ENDS_SOON_MS = 5 * 60_000;

export class SessionTimer {
  /**
   * @param {object} o
   * @param {() => void} o.ping tells the server the person is active (GET /api/session)
   * @param {(deadline: number) => void} o.onIdleWarning
   * @param {() => void} o.onIdleWarningOver
   * @param {() => void} o.onIdle
   * @param {(expiresAt: number) => void} o.onEndsSoon
   * @param {() => void} o.onEnded
   * @param {() => number} [o.now]
   * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
   * @param {number} [o.pingEveryMs]
   */
  constructor(o) {
    this._o = o;
    this._now = o.now || (() => Date.now());
    this._timers = o.timers || globalThis;
    this._pingEveryMs = o.pingEveryMs || PING_EVERY_MS;
    this._running = false;
    this._timer = null;
  }

  /** Starts timing a session that the server has just confirmed (so it counts as a ping). */
  start(idleTimeoutSeconds, expiresAt) {
    this.stop();
    const now = this._now();
    this._idleMs = Math.max(1, idleTimeoutSeconds) * 1000;
    this._warningMs = Math.min(IDLE_WARNING_MS, Math.floor(this._idleMs / 4));
    this._expiresAt = Number.isFinite(expiresAt) ? expiresAt : Infinity;
    this._lastActivity = now;
    this._lastPing = now;
    this._warned = false;
    this._endsSoonSaid = false;
    this._running = true;
    this._arm();
  }

  stop() {
    this._running = false;
    this._disarm();
  }

  /** The person pressed a key or used the pointer. */
  activity() {
    if (!this._running) return;
    const now = this._now();
    this._lastActivity = now;
    const wasWarned = this._warned;
    if (wasWarned) {
      this._warned = false;
      this._o.onIdleWarningOver();
    }
    if (wasWarned || now - this._lastPing >= this._pingEveryMs) {
      this._lastPing = now;
      this._o.ping();
    }
    if (wasWarned) this._arm();
  }

  /** The server confirmed the session some other way (a sign-in, a password change). */
  confirmed() {
    if (this._running) this._lastPing = this._now();
  }

  _arm() {
    this._disarm();
    if (!this._running) return;
    const next = Math.min(...this._deadlines()) - this._now();
    this._timer = this._timers.setTimeout(() => this._check(), Math.max(0, next));
  }

  _disarm() {
    if (this._timer !== null) this._timers.clearTimeout(this._timer);
    this._timer = null;
  }

  _deadlines() {
    const idleAt = this._lastActivity + this._idleMs;
    const list = [this._warned ? idleAt : idleAt - this._warningMs, this._expiresAt];
    if (!this._endsSoonSaid) list.push(this._expiresAt - ENDS_SOON_MS);
    return list.filter(Number.isFinite);
  }

  _check() {
    this._timer = null;
    if (!this._running) return;
    const now = this._now();
    if (now >= this._expiresAt) {
      this.stop();
      this._o.onEnded();
      return;
    }
    const idleAt = this._lastActivity + this._idleMs;
    if (now >= idleAt) {
      this.stop();
      this._o.onIdle();
      return;
    }
    if (!this._warned && now >= idleAt - this._warningMs) {
      this._warned = true;
      this._o.onIdleWarning(idleAt);
    }
    if (!this._endsSoonSaid && now >= this._expiresAt - ENDS_SOON_MS) {
      this._endsSoonSaid = true;
      this._o.onEndsSoon(this._expiresAt);
    }
    this._arm();
  }
}
