// The console's call screen: a member of staff joins a live visit to help (docs/protocol.md,
// "Staff"). First the camera and microphone are checked (shared/device-check.js), then the shared
// call engine (shared/call.js) joins by the visit's id; the lobby while the tablet rings, the call
// with a tile per person (shared/call-tiles.js, as on the family page and the tablet), mute, camera,
// leave. When the call ends, for whatever reason, the screen closes and says why through `onClose`.
//
// DOM contract: #call-screen[data-step] = check | joining | lobby | call, with #call-heading;
// body[data-call-state] = the call's state (idle | lobby | connecting | in-call | reconnecting)
// while the screen is open; #call-device-message[data-state] (starting | ready | denied |
// notFound | busy | unsupported | failed), #call-self (own camera, muted), #call-mic-level[data-level],
// #call-device-retry, #call-join, #call-cancel; #call-lobby (the tablet rings, with the patient's
// name); #call-tiles[data-count] > .call-tile…; #call-alone; #call-quality[data-quality];
// #call-mute, #call-camera (aria-pressed), #call-leave; #call-reconnecting.

import { Call } from '../shared/call.js';
import { CALL_TILE_LABELS, CallTiles } from '../shared/call-tiles.js';
import { linkStatus } from '../shared/link-words.js';
import { DeviceCheck, mediaSupported, reasonOf } from '../shared/device-check.js';
import { errorMessageKey } from '../shared/protocol.js';
import { focusOn, setText, showMessage } from './dom.js';
import { callEndKey } from './rules.js';

const LEVEL_EVERY_MS = 100;
/** While in a call the person is busy helping, not away: the console's idle sign-out must not come. */
export const IN_CALL_ACTIVITY_MS = 30_000;

export class CallScreen {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {(key: string, params?: object) => string} o.t
   * @param {(message: object) => boolean} o.send sends on the signaling socket; false when it is down
   * @param {() => void} o.onOpen the screen takes the console's place
   * @param {(result: {visitId: string, text: ?string, problem: boolean}) => void} o.onClose
   * @param {() => void} o.onBusy while in a call, now and then: the person is active
   */
  constructor(doc, o) {
    this._doc = doc;
    this._t = o.t;
    this._send = o.send;
    this._onOpen = o.onOpen;
    this._onClose = o.onClose;
    this._onBusy = o.onBusy || (() => {});
    const $ = (id) => doc.getElementById(id);
    this._el = {
      screen: $('call-screen'), heading: $('call-heading'), check: $('call-check'), message: $('call-device-message'),
      self: $('call-self'), level: $('call-mic-level'), bar: doc.querySelector('#call-mic-level .level__bar'),
      retry: $('call-device-retry'), join: $('call-join'), cancel: $('call-cancel'), joining: $('call-joining'),
      lobby: $('call-lobby'), stage: $('call-stage'), tiles: $('call-tiles'), alone: $('call-alone'),
      quality: $('call-quality'), controls: $('call-controls'), mute: $('call-mute'), camera: $('call-camera'),
      leave: $('call-leave'), reconnecting: $('call-reconnecting'),
    };
    this._tiles = new CallTiles(this._el.tiles, this._t, CALL_TILE_LABELS, undefined,
      { onSizes: (sizes) => this._call && this._call.setVideoSizes(sizes) });
    this._el.self.setAttribute('aria-label', this._t('staff.call.selfView'));
    this._visit = null;
    this._check = null;
    this._call = null;
    this._levelTimer = null;
    this._busyTimer = null;
    this._el.retry.addEventListener('click', () => this._startDevices());
    this._el.join.addEventListener('click', () => this._join());
    this._el.cancel.addEventListener('click', () => this._close(null, false));
    this._el.leave.addEventListener('click', () => this._call && this._call.leave());
    this._el.mute.addEventListener('click', () => this._call && this._call.setMuted(!this._call.snapshot().muted));
    this._el.camera.addEventListener('click', () => this._call && this._call.setCameraOff(!this._call.snapshot().cameraOff));
  }

  /** Whether the screen is open (checking devices, or in a call). */
  get active() {
    return this._visit !== null;
  }

  /** Opens the screen for a visit of the list ({id, patient: {name}}): the device check first. */
  open(visit) {
    if (this.active) return;
    this._visit = { id: visit.id, name: visit.patient && visit.patient.name };
    this._onOpen();
    this._el.screen.hidden = false;
    setText(this._el.heading, this._t('staff.call.heading', { name: this._visit.name || this._t('staff.call.patient') }));
    this._doc.body.dataset.callState = 'idle';
    this._step('check');
    focusOn(this._el.heading);
    this._startDevices();
  }

  /** A message from the socket; true when it was this call's. */
  handle(message) {
    return this._call !== null && this._call.handle(message);
  }

  signalingLost() {
    if (this._call) this._call.signalingLost();
  }

  signalingReconnected() {
    if (this._call) this._call.signalingReconnected();
  }

  /** The console goes away (signed out, session over): out of the call, devices off, nothing said. */
  close() {
    if (!this.active) return;
    const call = this._call;
    this._teardown(); // first: what the call says as it leaves finds the screen closed, and is not told
    if (call && !['idle', 'ended'].includes(call.state)) call.leave();
  }

  // --- the device check

  async _startDevices() {
    const win = this._doc.defaultView;
    this._el.retry.hidden = true;
    this._el.join.disabled = true;
    if (!mediaSupported(win)) {
      this._devices('unsupported');
      return;
    }
    this._devices('starting');
    const check = this._check || new DeviceCheck({ window: win });
    this._check = check;
    try {
      const stream = await check.start();
      if (this._check !== check) {
        check.stop(); // the screen closed while the browser was opening them: camera and microphone off again
        return;
      }
      this._showSelf(stream);
      this._startLevel();
      this._devices('ready');
      this._el.join.disabled = false;
    } catch (e) {
      if (this._check !== check) return;
      const reason = reasonOf(e);
      this._devices(reason);
      this._el.retry.hidden = false;
      console.warn(`Lucarne: call screen device check: ${reason}`);
    }
  }

  _devices(state) {
    const m = this._el.message;
    m.dataset.state = state;
    m.classList.toggle('notice--problem', !['starting', 'ready'].includes(state));
    setText(m, this._t(`device.state.${state}`));
  }

  _showSelf(stream) {
    const v = this._el.self;
    if (v.srcObject !== stream) {
      v.srcObject = stream;
      v.play().catch(() => {}); // a muted video: a refusal only delays the picture
    }
  }

  _startLevel() {
    this._stopLevel();
    this._levelTimer = setInterval(() => this._setLevel(this._check ? this._check.level() : 0), LEVEL_EVERY_MS);
  }

  _stopLevel() {
    if (this._levelTimer !== null) clearInterval(this._levelTimer);
    this._levelTimer = null;
    this._setLevel(0);
  }

  _setLevel(level) {
    const value = level.toFixed(2);
    this._el.level.dataset.level = value;
    this._el.bar.style.transform = `scaleX(${value})`; // CSSOM, allowed by the CSP
  }

  // --- the call

  _join() {
    if (this._call || !this._check || !this._check.stream) return;
    this._stopLevel();
    this._call = new Call({
      send: (m) => this._send(m),
      localStream: this._check.stream,
      onChange: (s) => this._render(s),
    });
    this._busyTimer = setInterval(() => this._onBusy(), IN_CALL_ACTIVITY_MS);
    this._call.joinByVisit(this._visit.id);
  }

  _render(s) {
    if (!this.active) return;
    if (s.state === 'ended') {
      this._ended(s);
      return;
    }
    this._doc.body.dataset.callState = s.state;
    const inCall = s.self !== null;
    const step = inCall ? 'call' : s.state === 'lobby' || s.patientName !== null ? 'lobby' : 'joining';
    this._step(step);
    this._el.reconnecting.hidden = !(s.state === 'reconnecting' || s.resuming);
    if (step === 'lobby') setText(this._el.lobby, this._t('staff.call.lobby', { name: s.patientName }));
    if (inCall) {
      this._tiles.render(s.participants);
      this._el.alone.hidden = this._tiles.count > 0;
      const q = this._el.quality;
      const link = linkStatus(s);
      q.dataset.quality = link.quality;
      q.dataset.whose = link.whose;
      q.dataset.videoReduced = String(s.videoReduced);
      setText(q, this._t(link.key, link.params));
    } else {
      this._tiles.clear();
    }
    pressed(this._el.mute, s.muted, this._t(s.muted ? 'call.unmute' : 'call.mute'));
    pressed(this._el.camera, s.cameraOff, this._t(s.cameraOff ? 'call.cameraOn' : 'call.cameraOff'));
    this._el.self.classList.toggle('call-screen__self--off', s.cameraOff);
    this._keepFocus();
  }

  /** Shows the parts of one step: check, joining, lobby or call. */
  _step(step) {
    const el = this._el;
    if (el.screen.dataset.step === step) return;
    el.screen.dataset.step = step;
    el.check.hidden = step !== 'check';
    el.joining.hidden = step !== 'joining';
    el.lobby.hidden = step !== 'lobby';
    el.stage.hidden = step !== 'call';
    el.quality.hidden = step !== 'call';
    el.controls.hidden = step === 'check';
  }

  /** A keyboard user whose button just went away (Join) is put on the screen's heading. */
  _keepFocus() {
    const focused = this._doc.activeElement;
    if (!focused || focused === this._doc.body || focused.closest('[hidden]')) focusOn(this._el.heading);
  }

  _ended(s) {
    const name = this._visit.name || this._t('staff.call.patient');
    const key = callEndKey(s);
    const text = key ? this._t(key, { name })
      : this._t('staff.call.refused', { reason: this._t(errorMessageKey(s.error || 'internal')) });
    this._close(text, !key);
  }

  _close(text, problem) {
    const visitId = this._visit.id;
    this._teardown();
    this._onClose({ visitId, text, problem });
  }

  /** Everything off and hidden: the call, its timers, the camera and microphone, the tiles. */
  _teardown() {
    if (this._call) this._call.close();
    this._call = null;
    if (this._busyTimer !== null) clearInterval(this._busyTimer);
    this._busyTimer = null;
    this._stopLevel();
    if (this._check) this._check.stop();
    this._check = null;
    this._el.self.srcObject = null;
    this._tiles.clear();
    this._visit = null;
    this._el.screen.hidden = true;
    delete this._el.screen.dataset.step;
    delete this._doc.body.dataset.callState;
    this._el.reconnecting.hidden = true;
    showMessage(this._el.lobby, '');
  }
}

function pressed(button, on, label) {
  button.setAttribute('aria-pressed', String(on));
  setText(button, label);
}
