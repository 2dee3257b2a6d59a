// The browser side of the signaling WebSocket (docs/protocol.md, "Client behaviour").
//
//   const client = new SignalingClient({app: 'family', appVersion, onState, onMessage});
//   client.start();
//
// States reported to onState(state, detail):
//   'connecting'    a first attempt is under way (after start() or a return online)
//   'connected'     the server answered hello with welcome
//   'reconnecting'  an attempt failed or the connection was lost; detail says when
//                   the next try is: {delayMs, retryAt} while waiting, both null
//                   while the try is under way; close is the server's
//                   {code, reason} when it closed the socket (1006 when the
//                   connection failed), else null
//   'offline'       the browser says it has no network; attempts go on regardless,
//                   because navigator.onLine can be wrong (e.g. loopback-only hosts)
//
// Every detail also says `revoked`: true from a close with TABLET_REVOKED until the
// next welcome. Meanwhile the client tries again only every REVOKED_RETRY_SECONDS
// (later upgrades are refused with 403, which a browser sees as a plain 1006).
//
// Every decoded server message except pong goes to onMessage. Error messages are
// also logged with console.warn; their text is for developers, never for a person.

import { decode, encode } from './protocol.js';

export const STATES = Object.freeze(['connecting', 'connected', 'reconnecting', 'offline']);

/** Seconds to wait before the 1st, 2nd, ... retry; the last one repeats. */
export const BACKOFF_SECONDS = Object.freeze([0.5, 1, 2, 4, 8, 15]);
export const BACKOFF_JITTER = 0.2;

/** Delay before retry number `attempt` (0-based), with ±20 % jitter. */
export function backoffDelayMs(attempt, random = Math.random) {
  return jittered(BACKOFF_SECONDS[Math.min(attempt, BACKOFF_SECONDS.length - 1)], random);
}

/** The server's close when staff revoked this tablet (docs/protocol.md, "Limits and close codes"). */
export const TABLET_REVOKED = Object.freeze({ code: 1008, reason: 'tablet revoked' });
/** Once revoked, one try every 5 minutes (±20 %): re-enrolment or an undone revocation is rare. */
export const REVOKED_RETRY_SECONDS = 300;

/** True when a close ({code, reason}) says the tablet was revoked. */
export function isTabletRevoked(close) {
  return !!close && close.code === TABLET_REVOKED.code && close.reason === TABLET_REVOKED.reason;
}

function jittered(seconds, random) {
  return Math.round(seconds * 1000 * (1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random()));
}

const CLOSE_NORMAL = 1000;
const CLOSE_GIVEN_UP = 4000; // our own: no pong, no welcome, or the network went away

export class SignalingClient {
  /**
   * @param {object} options
   * @param {string} [options.url] defaults to wss://{location.host}/ws
   * @param {'family'|'kiosk'|'staff'} options.app
   * @param {string} options.appVersion
   * @param {(state: string, detail: {delayMs: ?number, retryAt: ?number,
   *          close: ?{code: number, reason: string}, revoked: boolean}) => void} [options.onState]
   * @param {(message: object) => void} [options.onMessage]
   * @param {Function} [options.WebSocket] constructor, defaults to the browser's
   * @param {{setTimeout: Function, clearTimeout: Function}} [options.timers]
   * @param {() => number} [options.now] milliseconds, defaults to Date.now
   * @param {() => number} [options.random] in [0, 1), for the jitter
   * @param {EventTarget} [options.events] where 'online'/'offline' fire (window)
   * @param {() => boolean} [options.isOnline] defaults to navigator.onLine
   * @param {number} [options.handshakeTimeoutMs] from opening the socket to welcome
   * @param {{warn: Function}} [options.logger]
   */
  constructor(options) {
    const o = options || {};
    this._url = o.url || `wss://${globalThis.location.host}/ws`;
    this._hello = { v: 1, type: 'hello', app: o.app, appVersion: o.appVersion };
    encode(this._hello); // throws now, not on every connection, if app or version is wrong
    this._onState = o.onState || (() => {});
    this._onMessage = o.onMessage || (() => {});
    this._WebSocket = o.WebSocket || globalThis.WebSocket;
    const timers = o.timers || globalThis;
    this._setTimeout = (fn, ms) => timers.setTimeout(fn, ms);
    this._clearTimeout = (id) => timers.clearTimeout(id);
    this._now = o.now || (() => Date.now());
    this._random = o.random || Math.random;
    this._events = o.events || (typeof window !== 'undefined' ? window : null);
    this._isOnline = o.isOnline
      || (() => !(globalThis.navigator && globalThis.navigator.onLine === false));
    this._handshakeTimeoutMs = o.handshakeTimeoutMs || 15000;
    this._logger = o.logger || console;

    this._state = null;
    this._detailKey = '';
    this._ws = null;
    this._welcomed = false;
    this._session = null;
    this._attempt = 0; // retries scheduled since the last welcome
    this._revoked = false; // closed with TABLET_REVOKED, no welcome since
    this._retryTimer = null;
    this._handshakeTimer = null;
    this._heartbeat = null; // {seconds, timer, deadline, nextSeq, pending: [{seq, at}]}
    this._started = false;

    this._handleOnline = () => this._wentOnline();
    this._handleOffline = () => this._wentOffline();
  }

  get state() { return this._state; }

  /** The session id from the last welcome, or null. */
  get session() { return this._session; }

  start() {
    if (this._started) return;
    this._started = true;
    if (this._events) {
      this._events.addEventListener('online', this._handleOnline);
      this._events.addEventListener('offline', this._handleOffline);
    }
    this._connect();
  }

  stop() {
    if (!this._started) return;
    this._started = false;
    if (this._events) {
      this._events.removeEventListener('online', this._handleOnline);
      this._events.removeEventListener('offline', this._handleOffline);
    }
    this._clearTimeout(this._retryTimer);
    this._retryTimer = null;
    this._drop(CLOSE_NORMAL, 'closing');
    // A later start() begins afresh: a first attempt, not a retry of the old backoff.
    this._attempt = 0;
    this._revoked = false;
    this._detailKey = '';
    this._session = null;
  }

  /**
   * Sends a client message once connected. Returns false (and sends nothing)
   * when there is no connection; throws ProtocolError if the message is invalid.
   */
  send(message) {
    const text = encode(message, 'client');
    if (this._state !== 'connected' || !this._ws) return false;
    this._ws.send(text);
    return true;
  }

  // --- connection lifecycle ------------------------------------------------

  _connect() {
    this._clearTimeout(this._retryTimer);
    this._retryTimer = null;
    this._drop(CLOSE_GIVEN_UP, 'starting over');
    this._report(this._attempt === 0 ? 'connecting' : 'reconnecting');

    let ws;
    try {
      ws = new this._WebSocket(this._url);
    } catch (e) {
      this._logger.warn(`Lucarne signaling: cannot open ${this._url}: ${e && e.message}`);
      this._scheduleRetry();
      return;
    }
    this._ws = ws;
    this._welcomed = false;
    this._handshakeTimer = this._setTimeout(() => {
      this._logger.warn('Lucarne signaling: no welcome in time, trying again');
      this._lost();
    }, this._handshakeTimeoutMs);

    ws.onopen = () => {
      if (ws === this._ws) ws.send(encode(this._hello));
    };
    ws.onmessage = (event) => {
      if (ws === this._ws) this._received(event.data);
    };
    ws.onclose = (event) => {
      if (ws === this._ws) this._lost({ code: event.code, reason: event.reason || '' });
    };
    ws.onerror = () => {}; // a close event always follows
  }

  /**
   * The current connection is gone or useless: let it go and plan the next try.
   * @param {?{code: number, reason: string}} [close] the close event, when the socket closed
   */
  _lost(close) {
    this._drop(CLOSE_GIVEN_UP, 'giving up');
    if (isTabletRevoked(close)) {
      this._logger.warn('Lucarne signaling: this tablet was revoked; trying again every few minutes');
      this._revoked = true;
    }
    this._scheduleRetry(close);
  }

  _scheduleRetry(close) {
    if (!this._started) return;
    const delayMs = this._revoked
      ? jittered(REVOKED_RETRY_SECONDS, this._random)
      : backoffDelayMs(this._attempt, this._random);
    this._attempt += 1;
    this._report('reconnecting', { delayMs, retryAt: this._now() + delayMs, close: close || null });
    this._retryTimer = this._setTimeout(() => this._connect(), delayMs);
  }

  /** Forgets the current socket (if any) without waiting for its close event. */
  _drop(code, reason) {
    this._clearTimeout(this._handshakeTimer);
    this._handshakeTimer = null;
    this._stopHeartbeat();
    const ws = this._ws;
    this._ws = null;
    this._welcomed = false;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(code, reason);
    } catch (e) {
      // already closed or never opened: nothing to do
    }
  }

  _wentOnline() {
    if (!this._started) return;
    if (this._welcomed) {
      this._report('connected');
      return;
    }
    // Whatever was under way started without a network: start afresh, now.
    this._attempt = 0;
    this._connect();
  }

  _wentOffline() {
    if (!this._started) return;
    this._logger.warn('Lucarne signaling: the browser went offline');
    this._lost();
  }

  // --- messages ------------------------------------------------------------

  _received(data) {
    if (typeof data !== 'string') {
      this._logger.warn('Lucarne signaling: ignored a binary frame from the server');
      return;
    }
    const result = decode(data, 'server');
    if (!result.ok) {
      this._logger.warn(`Lucarne signaling: ignored a frame from the server (${result.error})`);
      return;
    }
    const message = result.message;
    switch (message.type) {
      case 'welcome':
        if (this._welcomed) {
          this._logger.warn('Lucarne signaling: ignored a second welcome');
          return;
        }
        this._welcomed = true;
        this._session = message.session;
        this._attempt = 0;
        this._revoked = false;
        this._clearTimeout(this._handshakeTimer);
        this._handshakeTimer = null;
        this._startHeartbeat(message.heartbeatSeconds);
        this._report('connected');
        break;
      case 'pong':
        this._pong(message.seq);
        return;
      case 'error':
        this._logger.warn(`Lucarne signaling: the server refused a frame: ${message.code} (${message.message})`);
        break;
      default:
        break;
    }
    try {
      this._onMessage(message);
    } catch (e) {
      this._logger.warn(`Lucarne signaling: onMessage failed: ${e && e.message}`);
    }
  }

  // --- heartbeat: ping every heartbeatSeconds; no pong within two heartbeats
  // of a ping means the connection is dead.

  _startHeartbeat(seconds) {
    this._heartbeat = { seconds, timer: null, deadline: null, nextSeq: 0, pending: [] };
    this._armPing();
  }

  _stopHeartbeat() {
    const hb = this._heartbeat;
    if (!hb) return;
    this._clearTimeout(hb.timer);
    this._clearTimeout(hb.deadline);
    this._heartbeat = null;
  }

  _armPing() {
    const hb = this._heartbeat;
    hb.timer = this._setTimeout(() => {
      if (hb !== this._heartbeat) return;
      const seq = hb.nextSeq++;
      hb.pending.push({ seq, at: this._now() });
      this._ws.send(encode({ v: 1, type: 'ping', seq }));
      if (hb.deadline === null) this._armDeadline(2 * hb.seconds * 1000);
      this._armPing();
    }, hb.seconds * 1000);
  }

  _armDeadline(ms) {
    const hb = this._heartbeat;
    hb.deadline = this._setTimeout(() => {
      if (hb !== this._heartbeat) return;
      this._logger.warn('Lucarne signaling: no pong within two heartbeats, reconnecting');
      this._lost();
    }, Math.max(0, ms));
  }

  _pong(seq) {
    const hb = this._heartbeat;
    if (!hb) return;
    if (seq >= hb.nextSeq) {
      this._logger.warn(`Lucarne signaling: ignored a pong for a ping never sent (${seq})`);
      return;
    }
    hb.pending = hb.pending.filter((p) => p.seq > seq);
    this._clearTimeout(hb.deadline);
    hb.deadline = null;
    if (hb.pending.length > 0) {
      this._armDeadline(hb.pending[0].at + 2 * hb.seconds * 1000 - this._now());
    }
  }

  // --- state reporting -----------------------------------------------------

  _report(state, detail) {
    const shown = state !== 'connected' && !this._isOnline() ? 'offline' : state;
    const d = shown === 'reconnecting' && detail
      ? { delayMs: detail.delayMs, retryAt: detail.retryAt, close: detail.close || null }
      : { delayMs: null, retryAt: null, close: null };
    d.revoked = this._revoked;
    const key = `${shown}/${d.retryAt}/${d.revoked}`;
    if (key === this._detailKey) return;
    this._state = shown;
    this._detailKey = key;
    try {
      this._onState(shown, d);
    } catch (e) {
      this._logger.warn(`Lucarne signaling: onState failed: ${e && e.message}`);
    }
  }
}
