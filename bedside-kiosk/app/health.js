// The tablet's health, told to the server (docs/protocol.md, "Tablet"): `tablet_status` with the app's
// version and, where the browser has navigator.getBattery(), the battery in percent and whether it
// charges. Sent after each welcome, then every STATUS_EVERY_MS, and when the battery changes — never
// twice within MIN_GAP_MS (the server drops statuses that come too often): a change meanwhile is sent
// when the gap has passed. No DOM.

/** How often the status is sent anyway, while connected. */
export const STATUS_EVERY_MS = 5 * 60 * 1000;
/** The least time between two statuses. */
export const MIN_GAP_MS = 15 * 1000;

export class HealthReporter {
  /**
   * @param {object} o
   * @param {(message: object) => boolean} o.send sends a client message when connected
   * @param {string} o.appVersion sent as appVersion (1–32 characters)
   * @param {() => Promise<object|null>} [o.battery] the BatteryManager, or null; default navigator.getBattery
   * @param {{setTimeout: Function, clearTimeout: Function, now: () => number}} [o.timers]
   */
  constructor(o) {
    this._send = o.send;
    this._appVersion = o.appVersion;
    this._timers = o.timers || { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (id) => clearTimeout(id), now: () => Date.now() };
    this._battery = null;
    this._connected = false;
    this._lastSent = -Infinity;
    this._timer = null;
    const find = o.battery || defaultBattery;
    Promise.resolve().then(find).then((b) => this._useBattery(b)).catch(() => this._useBattery(null));
  }

  /** The connection's state (signaling.js): a status goes out at each 'connected' (after welcome). */
  signalingState(state) {
    const connected = state === 'connected';
    if (connected === this._connected) return;
    this._connected = connected;
    if (connected) {
      this._lastSent = -Infinity;
      this._sendNow();
    } else {
      this._cancel();
    }
  }

  /** The status as it would be sent now. */
  status() {
    const m = { v: 1, type: 'tablet_status', appVersion: this._appVersion };
    const b = this._battery;
    if (b && typeof b.level === 'number' && b.level >= 0 && b.level <= 1) m.battery = Math.round(b.level * 100);
    if (b && typeof b.charging === 'boolean') m.charging = b.charging;
    return m;
  }

  _useBattery(battery) {
    if (!battery) return;
    this._battery = battery;
    const changed = () => this._changed();
    if (typeof battery.addEventListener === 'function') {
      battery.addEventListener('levelchange', changed);
      battery.addEventListener('chargingchange', changed);
    }
    this._changed();
  }

  /** The battery changed: sent now, or when the gap since the last status has passed. */
  _changed() {
    if (!this._connected) return;
    const wait = this._lastSent + MIN_GAP_MS - this._timers.now();
    if (wait <= 0) this._sendNow();
    else this._schedule(wait);
  }

  _sendNow() {
    this._cancel();
    if (this._send(this.status()) !== false) this._lastSent = this._timers.now();
    this._schedule(STATUS_EVERY_MS);
  }

  _schedule(ms) {
    this._cancel();
    this._timer = this._timers.setTimeout(() => {
      this._timer = null;
      if (this._connected) this._sendNow();
    }, ms);
  }

  _cancel() {
    if (this._timer !== null) this._timers.clearTimeout(this._timer);
    this._timer = null;
  }
}

function defaultBattery() {
  const nav = globalThis.navigator;
  return nav && typeof nav.getBattery === 'function' ? nav.getBattery() : null;
}
