// Checks of the kiosk's own tablet modules, health.js and do-not-disturb.js, with the fake timers of
// kiosk.selftest.js, a fake battery and a minimal fake DOM. Runs unchanged in Node and in a browser page:
//
//   const failures = await runTabletChecks();   // [] when all pass

import { HealthReporter, MIN_GAP_MS, STATUS_EVERY_MS } from './health.js';
import { DoNotDisturbControl } from './do-not-disturb.js';
import { FakeTimers } from './kiosk.selftest.js';

/** health.js reads the time from its timers. */
function healthTimers() {
  const timers = new FakeTimers();
  return { timers, reporter: {
    setTimeout: (fn, ms) => timers.setTimeout(fn, ms), clearTimeout: (id) => timers.clearTimeout(id), now: () => timers.now,
  } };
}

class FakeBattery {
  constructor(level, charging) { this.level = level; this.charging = charging; this._l = {}; }
  addEventListener(type, fn) { (this._l[type] = this._l[type] || []).push(fn); }
  set(level, charging) {
    const type = level !== this.level ? 'levelchange' : 'chargingchange';
    this.level = level;
    this.charging = charging;
    (this._l[type] || []).forEach((fn) => fn());
  }
}

/** Just what do-not-disturb.js touches of the DOM. */
function fakeDocument() {
  const el = (id) => ({
    id, hidden: false, disabled: false, textContent: '', dataset: {}, _click: null,
    addEventListener(type, fn) { if (type === 'click') this._click = fn; },
    querySelector() { return null; },
    click() { if (this._click && !this.disabled) this._click(); },
  });
  const els = { 'kiosk-dnd': el('kiosk-dnd'), 'kiosk-dnd-status': el('kiosk-dnd-status') };
  return { body: { dataset: {} }, getElementById: (id) => els[id] || null };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function healthChecks(check) {
  const { timers, reporter } = healthTimers();
  const sent = [];
  const battery = new FakeBattery(0.64, false);
  const h = new HealthReporter({ send: (m) => { sent.push(m); return true; }, appVersion: '0.1.0', timers: reporter,
    battery: async () => battery });
  await settle();
  check(sent.length === 0, 'health: nothing is sent before the welcome');
  h.signalingState('connected');
  check(JSON.stringify(sent[0]) === '{"v":1,"type":"tablet_status","appVersion":"0.1.0","battery":64,"charging":false}',
    `health: the status after welcome, in percent (${JSON.stringify(sent[0])})`);
  battery.set(0.63, false);
  check(sent.length === 1, 'health: a change within the gap waits');
  timers.advance(MIN_GAP_MS);
  check(sent.length === 2 && sent[1].battery === 63, 'health: the change is sent once the gap has passed');
  battery.set(0.63, true);
  battery.set(0.62, true);
  timers.advance(MIN_GAP_MS);
  check(sent.length === 3 && sent[2].battery === 62 && sent[2].charging === true, 'health: several changes, one status');
  timers.advance(STATUS_EVERY_MS);
  check(sent.length === 4, 'health: sent again every few minutes');
  h.signalingState('reconnecting');
  timers.advance(STATUS_EVERY_MS * 3);
  check(sent.length === 4, 'health: nothing while disconnected');
  h.signalingState('connected');
  check(sent.length === 5, 'health: again at the next welcome');

  const bare = [];
  const noBattery = new HealthReporter({ send: (m) => { bare.push(m); return true; }, appVersion: '0.1.0',
    timers: healthTimers().reporter, battery: async () => null });
  await settle();
  noBattery.signalingState('connected');
  check(JSON.stringify(bare[0]) === '{"v":1,"type":"tablet_status","appVersion":"0.1.0"}',
    'health: no battery fields where the browser tells nothing');
}

function doNotDisturbChecks(check) {
  const doc = fakeDocument();
  const sent = [];
  const t = (key, params) => `${key}${params ? JSON.stringify(params) : ''}`;
  const c = new DoNotDisturbControl(doc, { send: (m) => { sent.push(m); return true; }, t, locale: 'en-GB' });
  const button = doc.getElementById('kiosk-dnd');
  const status = doc.getElementById('kiosk-dnd-status');
  check(button.disabled && doc.body.dataset.dnd === 'off', 'dnd: off, and disabled until connected');
  check(button.textContent === 'kiosk.dnd.on', 'dnd: the button offers "until the next visit"');
  c.signalingState('connected');
  button.click();
  check(JSON.stringify(sent) === '[{"v":1,"type":"do_not_disturb","on":true}]', 'dnd: the tap asks the server');
  check(button.disabled, 'dnd: one tap, one request, until the server answers');
  button.click();
  check(sent.length === 1, 'dnd: a second tap meanwhile sends nothing');
  const at14 = new Date(2026, 11, 4, 14, 0).getTime();
  c.handle({ v: 1, type: 'do_not_disturb_state', until: at14 });
  check(doc.body.dataset.dnd === 'on' && button.dataset.on === 'true' && !button.disabled, 'dnd: on, as the server says');
  check(button.textContent === 'kiosk.dnd.off', 'dnd: the button now allows calls again');
  check(!status.hidden && status.textContent === 'kiosk.dnd.until{"time":"14:00"}', `dnd: until 14:00 (${status.textContent})`);
  button.click();
  check(sent[1] && sent[1].on === false, 'dnd: "Allow calls again" turns it off');
  c.handle({ v: 1, type: 'do_not_disturb_state' });
  check(doc.body.dataset.dnd === 'off' && status.hidden && status.textContent === '', 'dnd: off, no time shown');
  c.handle({ v: 1, type: 'do_not_disturb_state', until: at14 });
  c.signalingState('reconnecting');
  check(button.disabled && doc.body.dataset.dnd === 'on', 'dnd: still shown while reconnecting, not tappable');
}

export async function runTabletChecks() {
  const failures = [];
  const check = (ok, what) => { if (!ok) failures.push(what); };
  await healthChecks(check);
  doNotDisturbChecks(check);
  return failures;
}
