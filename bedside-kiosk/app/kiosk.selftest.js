// Checks of the kiosk's visit flow with a fake Call, fake timers and a fake camera.
// Runs unchanged in Node and in a browser page:
//
//   const failures = await runKioskChecks();   // [] when all pass

import {
  VisitFlow, AUTO_ANSWER_MS, ENDED_SCREEN_MS, RING_GIVE_UP_MS, CONNECT_GIVE_UP_MS,
} from './visit-flow.js';
import { nextVisitText, offlineKeys } from './idle-screen.js';

const VISIT = 'visit-1';
const REVOKED = { delayMs: 300000, retryAt: 0, close: { code: 1008, reason: 'tablet revoked' }, revoked: true };
// The shared modules: beside this file in the browser (/static/shared/), in the web client in Node.
const SHARED = import.meta.url.startsWith('file:') ? '../../web-client/app/shared/' : '../shared/';

export class FakeTimers {
  constructor() { this.now = 1_700_000_000_000; this._next = 1; this._due = new Map(); }
  setTimeout(fn, ms) { const id = this._next++; this._due.set(id, { at: this.now + ms, fn }); return id; }
  clearTimeout(id) { this._due.delete(id); }
  advance(ms) {
    const end = this.now + ms;
    for (;;) {
      const next = [...this._due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this._due.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = end;
  }
}

class FakeCall {
  constructor(o) {
    this.o = o;
    this.calls = [];
    this.s = {
      state: 'idle', visit: null, self: null, patientName: null, endReason: null, error: null,
      muted: false, cameraOff: false, quality: 'unknown', videoReduced: false, participants: [],
    };
  }
  snapshot() { return { ...this.s }; }
  set(changes) { Object.assign(this.s, changes); this.o.onChange(this.snapshot()); }
  answer(visit) { this.calls.push(['answer', visit]); this.set({ state: 'connecting', visit }); }
  handle(m) { this.calls.push(['handle', m.type]); return false; }
  signalingReconnected() { this.calls.push(['signalingReconnected']); }
  signalingLost() { this.calls.push(['signalingLost']); }
  close() { this.calls.push(['close']); }
  setMuted(v) { this.calls.push(['setMuted', v]); this.set({ muted: v }); }
  setCameraOff(v) { this.calls.push(['setCameraOff', v]); this.set({ cameraOff: v }); }
  end() { this.calls.push(['end']); }
}

function fakeStream() {
  const tracks = [{ kind: 'audio', stopped: false }, { kind: 'video', stopped: false }];
  for (const t of tracks) t.stop = () => { t.stopped = true; };
  return { tracks, getTracks: () => tracks };
}

function setUp(options) {
  const o = options || {};
  const timers = new FakeTimers();
  const sent = [];
  const ringer = { on: false, starts: 0, start() { this.on = true; this.starts++; }, stop() { this.on = false; } };
  const world = { timers, sent, ringer, calls: [], views: [], stream: fakeStream() };
  world.flow = new VisitFlow({
    send: (m) => { sent.push(m); return true; },
    createCall: (opts) => {
      if (o.callThrows) throw new Error('not built yet');
      const call = new FakeCall(opts);
      world.calls.push(call);
      return call;
    },
    openMedia: async () => ({ stream: world.stream, missing: o.missing || null }),
    ringer,
    onView: (v) => world.views.push(v),
    timers,
    now: () => timers.now,
    logger: { warn() {} },
  });
  world.view = () => world.flow.view();
  world.msg = (m) => world.flow.handle({ v: 1, ...m });
  return world;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function ring(w, autoAnswer) {
  w.msg({ type: 'visit_ready', visit: VISIT, endsAt: w.timers.now + 3_600_000 });
  w.msg({ type: 'waiting', visit: VISIT, participant: 'p1', name: 'Léa Martin' });
  w.msg({ type: 'ring', visit: VISIT, autoAnswer: !!autoAnswer });
}

const CHECKS = {
  async visitReadyShowsThePlannedEnd(w) {
    const endsAt = w.timers.now + 60_000;
    w.msg({ type: 'visit_ready', visit: VISIT, endsAt });
    expect(w.view().plannedUntil === endsAt, 'plannedUntil set');
    w.timers.advance(60_001);
    expect(w.view().plannedUntil === null, 'plannedUntil cleared when the slot is over');
  },
  async ringShowsTheCallersAndRings(w) {
    ring(w);
    w.msg({ type: 'waiting', visit: VISIT, participant: 'p2', name: 'Paul Martin' });
    expect(w.view().screen === 'incoming', 'incoming screen');
    expect(w.view().callers.join('|') === 'Léa Martin|Paul Martin', `callers ${w.view().callers}`);
    expect(w.ringer.on, 'ringing');
  },
  async answerCreatesTheCallAndStopsTheRing(w) {
    ring(w);
    await w.flow.answer();
    expect(!w.ringer.on, 'ring stopped');
    expect(w.view().screen === 'call', 'call screen');
    expect(w.calls.length === 1 && w.calls[0].calls[0][1] === VISIT, 'call.answer(visit)');
    expect(w.calls[0].o.localStream === w.stream, 'the camera goes to the call');
    expect(w.view().call.state === 'connecting', 'snapshot mirrored');
  },
  async answerTwiceMakesOneCall(w) {
    ring(w);
    const first = w.flow.answer();
    w.flow.answer();
    await first;
    expect(w.calls.length === 1, `calls made: ${w.calls.length}`);
  },
  async autoAnswerWaitsForTheNameToBeSeen(w) {
    ring(w, true);
    expect(w.view().autoAnswer, 'autoAnswer shown');
    w.timers.advance(AUTO_ANSWER_MS - 1);
    expect(w.calls.length === 0, 'not yet');
    w.timers.advance(1);
    await settle();
    expect(w.calls.length === 1 && w.view().screen === 'call', 'answered by itself');
  },
  async autoAnswerCountsDownTheSecondsOnScreen(w) {
    ring(w, true);
    expect(w.view().autoAnswerIn === 10, `starts at ${w.view().autoAnswerIn}`);
    w.timers.advance(2000);
    expect(w.view().autoAnswerIn === 8, `after 2 s: ${w.view().autoAnswerIn}`);
    expect(w.views[w.views.length - 1].autoAnswerIn === 8, 'the screen was told of the new second');
    w.timers.advance(7000);
    expect(w.view().autoAnswerIn === 1 && w.calls.length === 0, `at the last second: ${w.view().autoAnswerIn}`);
    w.timers.advance(1000);
    await settle();
    expect(w.calls.length === 1 && w.view().autoAnswerIn === null, 'answered, countdown gone');
  },
  async notNowStopsTheCountdownAndItRingsOn(w) {
    ring(w, true);
    w.timers.advance(3000);
    w.flow.notNow();
    expect(w.view().autoAnswerIn === null && !w.view().autoAnswer && w.view().notNow, 'countdown cancelled');
    expect(w.view().screen === 'incoming' && w.ringer.on, 'still ringing');
    w.msg({ type: 'ring', visit: VISIT, autoAnswer: true });
    w.timers.advance(AUTO_ANSWER_MS * 2);
    await settle();
    expect(w.calls.length === 0, 'no automatic answer during this ring, even when it rings again');
    await w.flow.answer();
    expect(w.calls.length === 1, 'Answer still answers');
  },
  async notNowLastsOneRingOnly(w) {
    ring(w, true);
    w.flow.notNow();
    w.msg({ type: 'ended', visit: VISIT, reason: 'no_answer' });
    w.msg({ type: 'ring', visit: VISIT, autoAnswer: true });
    expect(w.view().autoAnswerIn === 10 && !w.view().notNow, 'the next ring counts down again');
  },
  async withoutConsentItRingsUntilAnswered(w) {
    ring(w, false);
    expect(!w.view().autoAnswer && w.view().autoAnswerIn === null, 'no countdown');
    w.timers.advance(RING_GIVE_UP_MS - 1);
    await settle();
    expect(w.calls.length === 0 && w.view().screen === 'incoming' && w.ringer.on, 'still ringing, no call');
  },
  async nextVisitTellsTheWardTheLanguageAndTheVisit(w) {
    w.msg({ type: 'next_visit', ward: 'Cardiologie B', language: 'fr', visit: 'v-9', startsAt: 5, names: ['Jean'] });
    const v = w.view();
    expect(v.ward === 'Cardiologie B' && v.language === 'fr', `${v.ward} ${v.language}`);
    expect(v.next && v.next.visit === 'v-9' && v.next.startsAt === 5 && v.next.names.join() === 'Jean', 'next');
    w.msg({ type: 'next_visit', ward: 'Cardiologie B' });
    expect(w.view().next === null && w.view().language === 'fr', 'none booked; the language stays');
  },
  async nextVisitWordsSayTodayTomorrowAWeekdayOrADate() {
    const t = (key, p) => `${key}|${Object.keys(p || {}).sort().map((k) => `${k}=${p[k]}`).join('|')}`;
    const now = new Date(2026, 2, 2, 10, 30).getTime(); // Monday 2 March 2026, 10:30 on the tablet
    const at = (day, h, m) => new Date(2026, 2, day, h, m).getTime();
    const say = (startsAt, names) => nextVisitText({ visit: 'v', startsAt, names }, now, 'en-GB', t);
    const cases = [
      [say(at(2, 14, 0), ['Jean']), 'kiosk.next.today|names=Jean|time=14:00'],
      [say(at(2, 9, 0), ['Jean']), 'kiosk.next.today|names=Jean|time=09:00'],
      [say(at(3, 0, 0), ['Jean', 'Léa']), 'kiosk.next.tomorrow|names=Jean and Léa|time=00:00'],
      [say(at(5, 16, 15), ['Jean']), 'kiosk.next.weekday|day=Thursday|names=Jean|time=16:15'],
      [say(at(8, 11, 0), ['Jean']), 'kiosk.next.weekday|day=Sunday|names=Jean|time=11:00'],
      [say(at(9, 11, 0), ['Jean']), 'kiosk.next.date|date=9 March|names=Jean|time=11:00'],
      [say(at(3, 8, 0), []), 'kiosk.next.tomorrow|names=kiosk.next.nobody||time=08:00'],
      [nextVisitText(null, now, 'en-GB', t), null],
    ];
    for (const [got, expected] of cases) expect(got === expected, `got ${got}, expected ${expected}`);
    const fr = nextVisitText({ visit: 'v', startsAt: at(4, 15, 0), names: ['Jean'] }, now, 'fr', t);
    expect(fr === 'kiosk.next.weekday|day=mercredi|names=Jean|time=15:00', `in French: ${fr}`);
  },
  async offlineSaysWhyAndThatItKeepsTrying(w) {
    expect(offlineKeys('connected') === null && offlineKeys('connecting') === null, 'nothing while connected');
    expect(offlineKeys('offline').join() === 'kiosk.offline.title,kiosk.offline.network,kiosk.offline.retry', 'network');
    expect(offlineKeys('reconnecting').join() === 'kiosk.offline.title,kiosk.offline.server,kiosk.offline.retry', 'server');
    w.flow.signalingState('offline', { delayMs: 500, retryAt: 0, close: null, revoked: false });
    expect(w.view().screen === 'idle' && w.view().signaling === 'offline', 'the idle screen knows');
  },
  async thePatientsLanguageEvenOneAddedLaterIsSpoken() {
    const { runLanguageChecks } = await import(`${SHARED}i18n.selftest.js`);
    const failures = await runLanguageChecks();
    expect(failures.length === 0, failures.join('; '));
  },
  async declineSendsDeclineAndGoesIdle(w) {
    ring(w, true);
    w.flow.decline();
    expect(w.sent.some((m) => m.type === 'decline' && m.visit === VISIT), 'decline sent');
    expect(w.view().screen === 'idle' && !w.ringer.on, 'idle, silent');
    w.timers.advance(AUTO_ANSWER_MS);
    await settle();
    expect(w.calls.length === 0, 'no automatic answer after a decline');
  },
  async noAnswerGoesBackToIdle(w) {
    ring(w);
    w.msg({ type: 'ended', visit: VISIT, reason: 'no_answer' });
    expect(w.view().screen === 'idle' && !w.ringer.on, 'idle, silent');
    expect(w.view().callers.length === 0, 'callers forgotten');
  },
  async aRingNobodyEndsStopsByItself(w) {
    ring(w);
    w.timers.advance(RING_GIVE_UP_MS);
    expect(w.view().screen === 'idle' && !w.ringer.on, 'idle, silent');
  },
  async missingCameraStillAnswers() {
    const w = setUp({ missing: 'camera' });
    ring(w);
    await w.flow.answer();
    expect(w.calls.length === 1 && w.view().mediaMissing === 'camera', 'answered, notice');
  },
  async aCallThatCannotBeMadeSaysSo() {
    const w = setUp({ callThrows: true });
    ring(w);
    await w.flow.answer();
    expect(w.view().screen === 'ended' && w.view().endedWhy === 'failed', `screen ${w.view().screen}`);
    expect(w.stream.tracks.every((t) => t.stopped), 'camera released');
    w.timers.advance(ENDED_SCREEN_MS);
    expect(w.view().screen === 'idle', 'then idle');
  },
  async refusedAnswerEndsTheAttempt(w) {
    ring(w);
    await w.flow.answer();
    w.msg({ type: 'error', code: 'not_ringing', message: 'x' });
    expect(w.view().screen === 'ended' && w.view().endedWhy === 'failed', 'ended, failed');
  },
  async noJoinedInTimeEndsTheAttempt(w) {
    ring(w);
    await w.flow.answer();
    w.timers.advance(CONNECT_GIVE_UP_MS);
    expect(w.view().screen === 'ended', 'given up');
  },
  async theCallEndingShowsEndedThenIdle(w) {
    ring(w);
    await w.flow.answer();
    const call = w.calls[0];
    call.set({ state: 'in-call' });
    w.timers.advance(CONNECT_GIVE_UP_MS);
    expect(w.view().screen === 'call', 'joined: no give-up');
    call.set({ state: 'ended', endReason: 'time_up' });
    expect(w.view().screen === 'ended' && w.view().endedWhy === 'time_up', 'ended screen');
    expect(w.view().plannedUntil === null, 'no visit planned any more');
    w.timers.advance(ENDED_SCREEN_MS);
    expect(w.view().screen === 'idle' && w.view().call === null, 'idle, call forgotten');
    call.set({ state: 'in-call' });
    expect(w.view().call === null, 'a forgotten call changes nothing');
  },
  async hangUpEndsAtOnce(w) {
    ring(w);
    await w.flow.answer();
    w.calls[0].set({ state: 'in-call' });
    w.flow.hangUp();
    expect(w.calls[0].calls.some(([name]) => name === 'end'), 'call.end()');
    expect(w.calls[0].calls.some(([name]) => name === 'close'), 'call.close()');
    expect(w.view().screen === 'ended', 'ended screen');
  },
  async muteAndCameraGoToTheCall(w) {
    ring(w);
    await w.flow.answer();
    w.flow.toggleMute();
    w.flow.toggleCamera();
    w.flow.toggleMute();
    const c = w.calls[0].calls.filter(([n]) => n.startsWith('set')).map((x) => x.join(':')).join(',');
    expect(c === 'setMuted:true,setCameraOff:true,setMuted:false', c);
  },
  async aNewWelcomeTakesTheSeatAgain(w) {
    w.msg({ type: 'welcome', session: 's1', server: 'x', heartbeatSeconds: 20, idleTimeoutSeconds: 60 });
    ring(w);
    await w.flow.answer();
    w.calls[0].set({ state: 'in-call' });
    w.flow.signalingState('reconnecting');
    w.flow.signalingState('connected');
    w.msg({ type: 'welcome', session: 's2', server: 'x', heartbeatSeconds: 20, idleTimeoutSeconds: 60 });
    const n = w.calls[0].calls.filter(([name]) => name === 'signalingReconnected').length;
    expect(n === 1, `signalingReconnected called ${n} times`);
    expect(w.calls[0].calls.some(([name]) => name === 'signalingLost'), 'signalingLost told');
  },
  async aRefusedAnswerEndedByTheCallSaysItFailed(w) {
    ring(w);
    await w.flow.answer();
    w.calls[0].set({ state: 'ended', endReason: null, error: 'internal' });
    expect(w.view().screen === 'ended' && w.view().endedWhy === 'failed', `why ${w.view().endedWhy}`);
  },
  async aRevokedTabletDropsTheCallAndSaysSo(w) {
    ring(w);
    await w.flow.answer();
    const call = w.calls[0];
    call.set({ state: 'in-call' });
    w.flow.signalingState('reconnecting', REVOKED);
    expect(w.view().screen === 'revoked', `screen ${w.view().screen}`);
    expect(w.view().call === null && call.calls.some(([n]) => n === 'close'), 'call closed and forgotten');
    expect(w.stream.tracks.every((t) => t.stopped), 'camera released');
    expect(w.view().plannedUntil === null, 'no visit planned any more');
    w.flow.signalingState('reconnecting', { ...REVOKED, close: { code: 1006, reason: '' } });
    w.flow.signalingState('offline', { delayMs: null, retryAt: null, close: null, revoked: true });
    w.timers.advance(ENDED_SCREEN_MS + RING_GIVE_UP_MS);
    expect(w.view().screen === 'revoked', 'refused upgrades keep it revoked');
    w.msg({ type: 'ring', visit: VISIT, autoAnswer: true });
    expect(w.view().screen === 'revoked' && !w.ringer.on, 'no ring while revoked');
    w.flow.signalingState('connected', { delayMs: null, retryAt: null, close: null, revoked: false });
    expect(w.view().screen === 'idle', 'a connection again: back to the clock');
  },
  async aRevokedTabletStopsRinging(w) {
    ring(w, true);
    w.flow.signalingState('reconnecting', REVOKED);
    expect(w.view().screen === 'revoked' && !w.ringer.on, 'silent');
    w.timers.advance(AUTO_ANSWER_MS);
    await settle();
    expect(w.calls.length === 0 && w.view().callers.length === 0, 'no automatic answer, nobody waiting');
  },
  async otherClosesReconnectAsUsual(w) {
    ring(w);
    await w.flow.answer();
    w.calls[0].set({ state: 'in-call' });
    for (const close of [{ code: 1008, reason: 'signed out' }, { code: 1006, reason: '' }, { code: 1001, reason: '' }]) {
      w.flow.signalingState('reconnecting', { delayMs: 500, retryAt: 0, close, revoked: false });
      expect(w.view().screen === 'call', `${close.code} ${close.reason}: screen ${w.view().screen}`);
    }
    expect(w.calls[0].calls.some(([n]) => n === 'signalingLost'), 'the call waits for the socket');
  },
  async theRealClientRetriesARevokedTabletEveryFiveMinutes(w) {
    const { SignalingClient } = await import(`${SHARED}signaling.js`);
    const sockets = [];
    class FakeSocket {
      constructor() { sockets.push(this); }
      send() {}
      close() {}
      closeBy(code, reason) { this.onclose({ code, reason }); }
    }
    const client = new SignalingClient({
      url: 'wss://example.test/ws', app: 'kiosk', appVersion: '0.1.0', WebSocket: FakeSocket,
      timers: w.timers, now: () => w.timers.now, random: () => 0.5, events: null, isOnline: () => true,
      logger: { warn() {} }, onState: (state, detail) => w.flow.signalingState(state, detail),
    });
    client.start();
    const welcome = () => sockets[sockets.length - 1].onmessage({
      data: '{"v":1,"type":"welcome","session":"s","server":"x","heartbeatSeconds":20,"idleTimeoutSeconds":60}',
    });
    welcome();
    sockets[0].closeBy(1008, 'tablet revoked');
    expect(w.view().screen === 'revoked', `screen ${w.view().screen}`);
    w.timers.advance(299_999);
    expect(sockets.length === 1, `tries within 5 minutes: ${sockets.length - 1}`);
    w.timers.advance(1);
    expect(sockets.length === 2 && w.view().screen === 'revoked', 'one try, still revoked');
    sockets[1].closeBy(1006, '');
    w.timers.advance(300_000);
    expect(sockets.length === 3, `sockets ${sockets.length}`);
    welcome();
    expect(w.view().screen === 'idle', `after a welcome: ${w.view().screen}`);
    client.stop();
  },
  async callMessagesReachTheCall(w) {
    ring(w);
    await w.flow.answer();
    w.msg({ type: 'joined', visit: VISIT, participant: 'me' });
    expect(w.calls[0].calls.some(([n, t]) => n === 'handle' && t === 'joined'), 'handled by the call');
  },
};

function expect(ok, what) {
  if (!ok) throw new Error(what);
}

export async function runKioskChecks() {
  const failures = [];
  for (const [name, check] of Object.entries(CHECKS)) {
    try {
      await check(setUp());
    } catch (e) {
      failures.push(`${name}: ${e && e.message}`);
    }
  }
  return failures;
}
