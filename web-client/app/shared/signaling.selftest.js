// Checks SignalingClient's behaviour (docs/protocol.md, "Client behaviour") with
// a fake WebSocket, fake timers and a fake clock. Runs in Node and in a browser.
//
//   runSignalingChecks() -> [] when all pass, else one readable line per failure.

import { SignalingClient, backoffDelayMs, TABLET_REVOKED } from './signaling.js';

const WELCOME = '{"v":1,"type":"welcome","session":"s-1","server":"0.1.0","heartbeatSeconds":20,"idleTimeoutSeconds":60}';

export function runSignalingChecks() {
  const failures = [];
  for (const [name, check] of CHECKS) {
    try {
      check(new Harness());
    } catch (e) {
      failures.push(`${name}: ${e && e.message}`);
    }
  }
  return failures;
}

const CHECKS = [
  ['starts connecting and sends hello on open', (h) => {
    h.start();
    h.expectState('connecting');
    equal(h.sockets.length, 1, 'sockets opened');
    equal(h.socket.url, 'wss://example.test/ws', 'url');
    h.socket.open();
    equal(h.socket.sent.join('|'), '{"v":1,"type":"hello","app":"kiosk","appVersion":"0.1.0"}', 'frames sent');
  }],
  ['welcome makes it connected and is passed on', (h) => {
    h.connect();
    h.expectState('connected');
    equal(h.messages[0].type, 'welcome', 'first message');
    equal(h.client.session, 's-1', 'session');
  }],
  ['pings every heartbeat and stays up while pongs come back', (h) => {
    h.connect();
    for (let i = 0; i < 5; i++) {
      h.advance(20000);
      equal(h.socket.sent[h.socket.sent.length - 1], `{"v":1,"type":"ping","seq":${i}}`, `ping ${i}`);
      h.socket.receive(`{"v":1,"type":"pong","seq":${i}}`);
    }
    h.expectState('connected');
    equal(h.sockets.length, 1, 'sockets opened');
    equal(h.messages.length, 1, 'messages passed on (pongs are not)');
  }],
  ['no pong within two heartbeats closes and reconnects', (h) => {
    h.connect();
    h.advance(20000 + 39999);
    h.expectState('connected');
    h.advance(1);
    equal(h.socket.closed, true, 'old socket closed');
    h.expectState('reconnecting');
    equal(h.lastDetail.delayMs, 500, 'first delay');
    h.advance(500);
    equal(h.sockets.length, 2, 'sockets opened');
  }],
  ['backs off 0.5, 1, 2, 4, 8, then 15 s, and back to 0.5 s after welcome', (h) => {
    h.start();
    const delays = [];
    for (let i = 0; i < 8; i++) {
      h.socket.fail();
      delays.push(h.lastDetail.delayMs);
      h.advance(h.lastDetail.delayMs);
    }
    equal(delays.join(','), '500,1000,2000,4000,8000,15000,15000,15000', 'delays');
    h.expectState('reconnecting');
    h.socket.open();
    h.socket.receive(WELCOME);
    h.expectState('connected');
    h.socket.fail();
    equal(h.lastDetail.delayMs, 500, 'delay after a welcome');
  }],
  ['jitter stays within 20 %', () => {
    equal(backoffDelayMs(0, () => 0), 400, 'low');
    equal(backoffDelayMs(0, () => 0.999999), 600, 'high');
    equal(backoffDelayMs(5, () => 0), 12000, 'low at 15 s');
    equal(backoffDelayMs(42, () => 0.999999), 18000, 'high at 15 s');
  }],
  ['offline then online reconnects at once', (h) => {
    h.connect();
    h.online = false;
    h.events.fire('offline');
    h.expectState('offline');
    equal(h.socket.closed, true, 'socket closed when the network went away');
    h.online = true;
    h.events.fire('online');
    h.expectState('connecting');
    equal(h.sockets.length, 2, 'a new socket at once');
  }],
  ['keeps trying while offline, in case the browser is wrong', (h) => {
    h.online = false;
    h.start();
    h.expectState('offline');
    h.socket.open();
    h.socket.receive(WELCOME);
    h.expectState('connected');
  }],
  ['a server error is passed on and logged, not fatal', (h) => {
    h.connect();
    h.socket.receive('{"v":1,"type":"error","code":"rate_limited","message":"slow down"}');
    h.expectState('connected');
    equal(h.messages[1].code, 'rate_limited', 'error passed on');
    equal(h.warnings.some((w) => w.includes('rate_limited')), true, 'warned');
  }],
  ['an invalid frame from the server is ignored with a warning', (h) => {
    h.connect();
    h.socket.receive('{"v":1,"type":"pong","seq":1,"seq":2}');
    h.expectState('connected');
    equal(h.messages.length, 1, 'nothing passed on');
    equal(h.warnings.some((w) => w.includes('duplicate_key')), true, 'warned');
  }],
  ['gives up on a socket that never says welcome', (h) => {
    h.start();
    h.advance(14999);
    h.expectState('connecting');
    h.advance(1);
    h.expectState('reconnecting');
    equal(h.sockets[0].closed, true, 'first socket closed');
  }],
  ['send only works once connected', (h) => {
    h.start();
    equal(h.client.send({ v: 1, type: 'ping', seq: 9 }), false, 'send before welcome');
    h.socket.open();
    h.socket.receive(WELCOME);
    equal(h.client.send({ v: 1, type: 'ping', seq: 9 }), true, 'send after welcome');
  }],
  ['reports the close code and reason the server gave', (h) => {
    h.connect();
    h.socket.closeBy(1001, 'going away');
    h.expectState('reconnecting');
    equal(JSON.stringify(h.lastDetail.close), '{"code":1001,"reason":"going away"}', 'close');
    equal(h.lastDetail.revoked, false, 'revoked');
    equal(h.lastDetail.delayMs, 500, 'the usual backoff');
  }],
  ['a revoked tablet tries again every 5 minutes until a welcome', (h) => {
    h.connect();
    h.socket.closeBy(TABLET_REVOKED.code, TABLET_REVOKED.reason);
    h.expectState('reconnecting');
    equal(h.lastDetail.revoked, true, 'revoked');
    equal(h.lastDetail.close.reason, 'tablet revoked', 'reason');
    for (let i = 0; i < 3; i++) {
      equal(h.lastDetail.delayMs, 300000, `delay ${i}`);
      h.advance(299999);
      equal(h.sockets.length, 1 + i, `no try before 5 minutes (${i})`);
      h.advance(1);
      equal(h.sockets.length, 2 + i, `try ${i}`);
      equal(h.lastDetail.revoked, true, `still revoked while trying ${i}`);
      h.socket.fail(); // the upgrade is refused: a browser only sees 1006
      equal(h.lastDetail.close.code, 1006, `close ${i}`);
    }
    h.advance(300000);
    h.socket.open();
    h.socket.receive(WELCOME);
    h.expectState('connected');
    equal(h.lastDetail.revoked, false, 'a welcome ends it');
    h.socket.fail();
    equal(h.lastDetail.delayMs, 500, 'then the usual backoff');
  }],
  ['1008 for another reason is not a revocation', (h) => {
    h.connect();
    h.socket.closeBy(1008, 'signed out');
    equal(h.lastDetail.revoked, false, 'revoked');
    equal(h.lastDetail.delayMs, 500, 'the usual backoff');
  }],
  ['stop closes and stays quiet', (h) => {
    h.connect();
    h.client.stop();
    equal(h.socket.closed, true, 'closed');
    h.advance(120000);
    equal(h.sockets.length, 1, 'no new socket');
  }],
];

// --- fakes -------------------------------------------------------------------

class Harness {
  constructor() {
    this.time = 0;
    this.queue = []; // {at, id, fn}
    this.nextId = 1;
    this.sockets = [];
    this.states = [];
    this.messages = [];
    this.warnings = [];
    this.online = true;
    this.events = new FakeEvents();
    const harness = this;
    class FakeWebSocket {
      constructor(url) {
        this.url = url;
        this.sent = [];
        this.closed = false;
        harness.sockets.push(this);
      }
      send(text) { this.sent.push(text); }
      close() { this.closed = true; }
      open() { if (this.onopen) this.onopen({}); }
      receive(data) { if (this.onmessage) this.onmessage({ data }); }
      fail() { this.closeBy(1006, ''); }
      closeBy(code, reason) { this.closed = true; if (this.onclose) this.onclose({ code, reason }); }
    }
    this.client = new SignalingClient({
      url: 'wss://example.test/ws',
      app: 'kiosk',
      appVersion: '0.1.0',
      onState: (state, detail) => this.states.push({ state, detail }),
      onMessage: (m) => this.messages.push(m),
      WebSocket: FakeWebSocket,
      timers: {
        setTimeout: (fn, ms) => { const id = this.nextId++; this.queue.push({ at: this.time + ms, id, fn }); return id; },
        clearTimeout: (id) => { this.queue = this.queue.filter((t) => t.id !== id); },
      },
      now: () => this.time,
      random: () => 0.5,
      events: this.events,
      isOnline: () => this.online,
      logger: { warn: (text) => this.warnings.push(String(text)) },
    });
  }
  get socket() { return this.sockets[this.sockets.length - 1]; }
  get lastDetail() { return this.states[this.states.length - 1].detail; }
  start() { this.client.start(); }
  connect() { this.start(); this.socket.open(); this.socket.receive(WELCOME); }
  advance(ms) {
    const end = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
  expectState(state) { equal(this.client.state, state, 'state'); }
}

class FakeEvents {
  constructor() { this.listeners = {}; }
  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
  removeEventListener(type, fn) { this.listeners[type] = (this.listeners[type] || []).filter((f) => f !== fn); }
  fire(type) { for (const fn of this.listeners[type] || []) fn({ type }); }
}

function equal(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}
