// What the bedside tablet does during a visit (docs/protocol.md, "A visit, in order"),
// without any DOM: which screen to show, when to ring, answer, decline and hang up.
// The page renders `flow.view()` in `onView`; kiosk.selftest.js drives it with fakes.
//
// Screens: 'idle' (clock) → 'incoming' (ring) → 'call' → 'ended' (a few seconds) → 'idle'.
// 'revoked' from any screen when the server closed the socket because staff revoked the
// tablet (the signaling client's detail.revoked), until a connection succeeds again: then 'idle'.
//
// view(): {
//   screen:       'idle' | 'incoming' | 'call' | 'ended' | 'revoked',
//   plannedUntil: the open visit's endsAt (ms), or null,
//   ward:         the ward's name (next_visit), or null before,
//   language:     the patient's language code (next_visit), or null when unknown,
//   next:         the next visit {visit, startsAt, names}, or null when none is booked,
//   callers:      names of those waiting, in arrival order,
//   autoAnswer:   true while the tablet counts down to answering by itself,
//   autoAnswerIn: the countdown's whole seconds left (10 … 1), or null,
//   notNow:       true once "Not now" stopped the countdown of this ring,
//   answering:    true from the tap on Answer until the call exists,
//   mediaMissing: null | 'camera' | 'microphone' | 'all' (what getUserMedia could not give),
//   signaling:    the socket's state ('connecting' | 'connected' | 'reconnecting' | 'offline'),
//   call:         the Call's snapshot, or null when there is no call,
//   endedWhy:     on the ended screen: the Call's endReason, 'failed', or null,
//   localStream:  the camera and microphone in use, or null,
// }

import { AutoAnswer, AUTO_ANSWER_MS } from './auto-answer.js';

export { AUTO_ANSWER_MS };
/** How long "The call has ended" stays. */
export const ENDED_SCREEN_MS = 5000;
/** A ring the server never ends (lost `ended`) stops by itself after this. */
export const RING_GIVE_UP_MS = 90000;
/** From the answer to `joined`: after this the call is given up. */
export const CONNECT_GIVE_UP_MS = 30000;

// Refusals after which the call cannot happen (docs/protocol.md, "Error codes").
const FATAL_BEFORE_JOINED = new Set([
  'not_ringing', 'visit_ended', 'wrong_visit', 'visit_not_started', 'not_allowed',
  'not_available_yet', 'not_in_visit',
]);
const FATAL_IN_CALL = new Set(['visit_ended', 'wrong_visit', 'not_in_visit']);

export class VisitFlow {
  /**
   * @param {object} o
   * @param {(message: object) => boolean} o.send sends one protocol message
   * @param {(options: object) => object} o.createCall makes a Call (shared/call.js) from
   *        {send, localStream, onChange}
   * @param {() => Promise<{stream: MediaStream, missing: ?string}>} o.openMedia
   * @param {{start: Function, stop: Function}} o.ringer
   * @param {(view: object) => void} o.onView after every change
   * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
   * @param {() => number} [o.now]
   * @param {{warn: Function}} [o.logger]
   */
  constructor(o) {
    this._o = o;
    this._timers = o.timers || globalThis;
    this._now = o.now || (() => Date.now());
    this._logger = o.logger || console;

    this._screen = 'idle';
    this._visit = null;          // the open visit's id
    this._plannedUntil = null;
    this._waiting = new Map();   // participant id -> name
    this._ward = null;
    this._language = null;
    this._next = null;
    this._auto = new AutoAnswer({
      timers: this._timers,
      now: this._now,
      onTick: () => this._changed(),
      onDue: () => this.answer(),
    });
    this._answering = false;
    this._mediaMissing = null;
    this._signaling = 'connecting';
    this._welcomes = 0;
    this._call = null;
    this._callToken = null;      // changes of an older call are ignored
    this._callClosed = false;
    this._snapshot = null;
    this._localStream = null;
    this._endedWhy = null;
    this._timer = { ring: null, connect: null, ended: null, planned: null };
  }

  view() {
    return {
      screen: this._screen,
      plannedUntil: this._plannedUntil,
      ward: this._ward,
      language: this._language,
      next: this._next,
      callers: [...this._waiting.values()],
      autoAnswer: this._auto.secondsLeft() !== null,
      autoAnswerIn: this._auto.secondsLeft(),
      notNow: this._auto.cancelled,
      answering: this._answering,
      mediaMissing: this._mediaMissing,
      signaling: this._signaling,
      call: this._snapshot,
      endedWhy: this._endedWhy,
      localStream: this._localStream,
    };
  }

  /** The SignalingClient's state and detail (shared/signaling.js). */
  signalingState(state, detail) {
    this._signaling = state;
    const revoked = !!(detail && detail.revoked);
    if (revoked && this._screen !== 'revoked') {
      this._toRevoked();
      return;
    }
    if (!revoked && this._screen === 'revoked') {
      this._toIdle();
      return;
    }
    if ((state === 'reconnecting' || state === 'offline') && this._call && this._screen === 'call') {
      this._call.signalingLost();
    }
    this._changed();
  }

  /** Every decoded server message. */
  handle(message) {
    switch (message.type) {
      case 'welcome':
        this._welcomes += 1;
        // A welcome after the first: the socket was lost and is back. Take our seat again.
        if (this._welcomes > 1 && this._call && this._callActive()) this._call.signalingReconnected();
        break;
      case 'next_visit':
        this._ward = message.ward;
        if (message.language) this._language = message.language;
        this._next = message.visit
          ? { visit: message.visit, startsAt: message.startsAt, names: [...message.names] } : null;
        break;
      case 'visit_ready':
        this._visit = message.visit;
        this._plannedUntil = message.endsAt;
        this._armPlannedEnd();
        break;
      case 'waiting':
        if (message.visit === this._visit || this._visit === null) {
          this._visit = message.visit;
          this._waiting.set(message.participant, message.name);
        }
        break;
      case 'ring':
        this._ring(message);
        break;
      case 'ended':
        // The visit is over for good (its slot, or staff cancelled it): no planned end to show any more.
        if (message.reason === 'time_up' || message.reason === 'cancelled') this._clearPlanned();
        // Nobody answered in time, or the caller gave up: back to the clock (also mid-answer).
        if ((this._screen === 'incoming' || this._answering) && message.visit === this._visit) this._toIdle();
        break;
      case 'error':
        this._refused(message.code);
        break;
      default:
        break;
    }
    if (this._call && this._screen === 'call') {
      try {
        this._call.handle(message);
      } catch (e) {
        this._logger.warn(`Lucarne kiosk: the call failed on ${message.type}: ${e && e.message}`);
      }
    }
    this._changed();
  }

  /** The patient tapped Answer (or the tablet answers by itself). */
  async answer() {
    if (this._screen !== 'incoming' || this._answering) return;
    this._answering = true;
    this._auto.reset();
    this._clear('ring');
    this._o.ringer.stop();
    const visit = this._visit;
    this._screen = 'call';
    this._changed();

    let media;
    try {
      media = await this._o.openMedia();
    } catch (e) {
      media = { stream: null, missing: 'all' };
    }
    if (this._screen !== 'call' || this._call) { // ended meanwhile
      stopTracks(media.stream);
      return;
    }
    this._localStream = media.stream;
    this._mediaMissing = media.missing;
    const token = {};
    this._callToken = token;
    this._callClosed = false;
    try {
      this._call = this._o.createCall({
        send: (m) => this._o.send(m),
        localStream: media.stream,
        onChange: (snapshot) => {
          if (token === this._callToken) this._callChanged(snapshot);
        },
      });
      this._snapshot = this._call.snapshot();
      this._call.answer(visit);
    } catch (e) {
      this._logger.warn(`Lucarne kiosk: the call could not start: ${e && e.message}`);
      this._answering = false;
      this._toEnded('failed');
      return;
    }
    this._answering = false;
    this._waiting.clear();
    this._timer.connect = this._timers.setTimeout(() => {
      this._timer.connect = null;
      if (this._screen === 'call' && !this._joined()) this._toEnded('failed');
    }, CONNECT_GIVE_UP_MS);
    this._changed();
  }

  /** The patient tapped "Not now" during the countdown: no automatic answer; it rings on. */
  notNow() {
    if (this._screen !== 'incoming' || this._answering || this._auto.secondsLeft() === null) return;
    this._auto.cancel();
    this._changed();
  }

  /** The patient tapped Decline. */
  decline() {
    if (this._screen !== 'incoming' || this._answering) return;
    this._send({ v: 1, type: 'decline', visit: this._visit });
    this._toIdle();
  }

  /** The patient tapped Hang up: the call ends for everyone, and the screen says so at once. */
  hangUp() {
    if (this._screen !== 'call') return;
    if (this._call) {
      try {
        this._call.end();
      } catch (e) {
        this._logger.warn(`Lucarne kiosk: end failed: ${e && e.message}`);
      }
    }
    this._toEnded(this._call ? 'ended' : 'failed');
  }

  toggleMute() {
    if (this._call && this._snapshot) this._call.setMuted(!this._snapshot.muted);
  }

  toggleCamera() {
    if (this._call && this._snapshot) this._call.setCameraOff(!this._snapshot.cameraOff);
  }

  /** How tall the grid shows each relative ([{participant, height}]): the bridge sends the layer that fits. */
  videoSizes(sizes) {
    if (this._call) this._call.setVideoSizes(sizes);
  }

  // --- transitions -----------------------------------------------------------

  _ring(message) {
    if (this._screen === 'call' || this._screen === 'revoked') return; // in a call, newcomers are let in by the server
    if (this._visit !== message.visit) this._waiting.clear();
    this._visit = message.visit;
    if (this._screen === 'ended') this._finishCall();
    const wasRinging = this._screen === 'incoming';
    this._screen = 'incoming';
    this._clear('ring');
    this._timer.ring = this._timers.setTimeout(() => {
      this._timer.ring = null;
      if (this._screen === 'incoming' && !this._answering) this._toIdle();
    }, RING_GIVE_UP_MS);
    if (!wasRinging) this._o.ringer.start();
    // With consent recorded: a countdown, unless "Not now" was chosen during this ring.
    if (message.autoAnswer && !this._answering) this._auto.start();
  }

  _refused(code) {
    if (this._screen !== 'call' || !this._call) return;
    if (!this._joined() ? FATAL_BEFORE_JOINED.has(code) : FATAL_IN_CALL.has(code)) {
      this._toEnded(code === 'visit_ended' ? 'time_up' : 'failed');
    }
  }

  _callChanged(snapshot) {
    this._snapshot = snapshot;
    if (snapshot.state === 'ended' && this._screen === 'call') {
      // A refused answer or join ends with no reason and the refusal's code.
      let why = snapshot.endReason || 'ended';
      if (!snapshot.endReason && snapshot.error) why = snapshot.error === 'visit_ended' ? 'time_up' : 'failed';
      this._toEnded(why);
      return;
    }
    if (this._joined()) this._clear('connect');
    this._changed();
  }

  _toEnded(why) {
    this._o.ringer.stop();
    this._auto.reset();
    this._clear('ring');
    this._clear('connect');
    this._screen = 'ended';
    this._endedWhy = why;
    if (why === 'time_up' || why === 'cancelled') this._clearPlanned();
    this._closeCall();
    stopTracks(this._localStream);
    this._clear('ended');
    this._timer.ended = this._timers.setTimeout(() => {
      this._timer.ended = null;
      if (this._screen === 'ended') this._toIdle();
    }, ENDED_SCREEN_MS);
    this._changed();
  }

  /** The tablet is no longer in use: whatever was on screen goes (the server ended the call). */
  _toRevoked() {
    this._leaveScreen();
    this._clearPlanned();
    this._visit = null;
    this._screen = 'revoked';
    this._changed();
  }

  _toIdle() {
    this._leaveScreen();
    this._screen = 'idle';
    this._changed();
  }

  /** Silent, no timers of the screen, no call, no camera, nobody waiting. */
  _leaveScreen() {
    this._o.ringer.stop();
    for (const name of ['ring', 'connect', 'ended']) this._clear(name);
    this._auto.reset();
    this._finishCall();
    this._answering = false;
    this._waiting.clear();
  }

  /** Forgets the call and the camera; later changes of that call are ignored. */
  _finishCall() {
    this._closeCall();
    stopTracks(this._localStream);
    this._localStream = null;
    this._mediaMissing = null;
    this._call = null;
    this._callToken = null;
    this._snapshot = null;
    this._endedWhy = null;
  }

  // --- helpers ---------------------------------------------------------------

  /** Releases the call's timers and RTCPeerConnection; its snapshot stays for the screen. */
  _closeCall() {
    if (!this._call || this._callClosed) return;
    this._callClosed = true;
    try {
      this._call.close();
    } catch (e) {
      this._logger.warn(`Lucarne kiosk: closing the call failed: ${e && e.message}`);
    }
  }

  _joined() {
    const s = this._snapshot;
    return !!s && (s.state === 'in-call' || s.state === 'reconnecting');
  }

  _callActive() {
    const s = this._snapshot;
    return !!s && s.state !== 'ended' && s.state !== 'idle';
  }

  _armPlannedEnd() {
    this._clear('planned');
    const left = this._plannedUntil - this._now();
    if (left <= 0) {
      this._plannedUntil = null;
      return;
    }
    // setTimeout holds at most 2^31 − 1 ms; a slot is hours long at most.
    this._timer.planned = this._timers.setTimeout(() => {
      this._timer.planned = null;
      this._clearPlanned();
      this._changed();
    }, Math.min(left, 2 ** 31 - 1));
  }

  _clearPlanned() {
    this._clear('planned');
    this._plannedUntil = null;
  }

  _clear(name) {
    if (this._timer[name] !== null) this._timers.clearTimeout(this._timer[name]);
    this._timer[name] = null;
  }

  _send(message) {
    try {
      if (!this._o.send(message)) this._logger.warn(`Lucarne kiosk: not connected, ${message.type} not sent`);
    } catch (e) {
      this._logger.warn(`Lucarne kiosk: ${message.type} not sent: ${e && e.message}`);
    }
  }

  _changed() {
    try {
      this._o.onView(this.view());
    } catch (e) {
      this._logger.warn(`Lucarne kiosk: rendering failed: ${e && e.message}`);
    }
  }
}

function stopTracks(stream) {
  if (!stream) return;
  for (const track of stream.getTracks()) track.stop();
}
