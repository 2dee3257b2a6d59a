// The family page's device check section (#device-check): self-view, level bar,
// camera and microphone pickers, and one message that says what is happening.
//
// DOM contract (the browser tests rely on it):
//   #device-message[data-state]  starting | ready | denied | notFound | busy | unsupported | failed,
//                                 with the localized text
//   #self-view                   the video element showing the camera
//   #mic-level[data-level]       0..1 (two decimals); [data-device] the microphone in use
//   #camera-select, #microphone-select   one <option> per device, value = deviceId

import { DeviceCheck, mediaSupported, reasonOf } from '../shared/device-check.js';

const LEVEL_EVERY_MS = 100;

export class DevicePanel {
  /**
   * @param {Document} doc  @param {(key: string, params?: object) => string} t
   * @param {(state: string) => void} [onState] after each message (the data-state values)
   */
  constructor(doc, t, onState) {
    this._doc = doc;
    this._t = t;
    this._onState = onState || (() => {});
    this._check = new DeviceCheck({ window: doc.defaultView });
    this._el = {
      message: doc.getElementById('device-message'),
      video: doc.getElementById('self-view'),
      level: doc.getElementById('mic-level'),
      bar: doc.querySelector('#mic-level .level__bar'),
      camera: doc.getElementById('camera-select'),
      microphone: doc.getElementById('microphone-select'),
      pickers: doc.getElementById('device-pickers'),
      preview: doc.getElementById('device-preview'),
      retry: doc.getElementById('device-retry'),
    };
    this._timer = null;
    this._busy = false;
    this._locked = false; // the call has the stream: no more switching

    this._el.camera.addEventListener('change', () => this._switch('camera', this._el.camera.value));
    this._el.microphone.addEventListener('change', () => this._switch('microphone', this._el.microphone.value));
    this._el.retry.addEventListener('click', () => this.start());
    // Some browsers keep the level's AudioContext suspended until the person touches the page.
    for (const type of ['pointerdown', 'keydown']) {
      doc.addEventListener(type, () => this._check.resumeAudio(), { passive: true });
    }
    const md = doc.defaultView.navigator.mediaDevices;
    if (md && md.addEventListener) md.addEventListener('devicechange', () => this._fillPickers());
    doc.defaultView.addEventListener('pagehide', () => this.stop());
  }

  async start() {
    if (!mediaSupported(this._doc.defaultView)) {
      this._problem('unsupported');
      return;
    }
    this._say('starting');
    this._el.retry.hidden = true;
    try {
      this._show(await this._check.start());
      await this._fillPickers();
      this._say('ready');
    } catch (e) {
      this._problem(reasonOf(e), e);
    }
  }

  /** The camera and microphone being checked, or null. */
  get stream() {
    return this._check.stream;
  }

  /** The call takes the stream over: the level meter stops, the tracks keep running. */
  handOver() {
    this._locked = true;
    this._stopLevel();
    this._el.camera.disabled = true;
    this._el.microphone.disabled = true;
    return this._check.stream;
  }

  stop() {
    this._stopLevel();
    this._check.stop();
    this._el.video.srcObject = null;
  }

  async _switch(kind, deviceId) {
    if (this._busy || this._locked || !deviceId) return;
    this._busy = true;
    this._setLevel(0);
    try {
      const stream = kind === 'camera'
        ? await this._check.useCamera(deviceId)
        : await this._check.useMicrophone(deviceId);
      this._show(stream);
      this._say('ready');
    } catch (e) {
      this._problem(reasonOf(e), e);
    } finally {
      this._busy = false;
    }
  }

  _show(stream) {
    const video = this._el.video;
    video.srcObject = stream;
    video.play().catch(() => {}); // autoplay of a muted video: a refusal here only delays the picture
    this._el.preview.hidden = false;
    this._el.pickers.hidden = false;
    this._el.level.setAttribute('data-device', this._check.current().microphoneId);
    this._startLevel();
  }

  async _fillPickers() {
    if (!this._check.stream) return;
    if (this._locked) return;
    const { cameras, microphones } = await this._check.devices();
    const now = this._check.current();
    fill(this._el.camera, cameras, now.cameraId, (n) => this._t('device.cameraNumber', { n }));
    fill(this._el.microphone, microphones, now.microphoneId, (n) => this._t('device.microphoneNumber', { n }));
  }

  _startLevel() {
    this._stopLevel();
    this._timer = this._doc.defaultView.setInterval(() => this._setLevel(this._check.level()), LEVEL_EVERY_MS);
  }

  _stopLevel() {
    if (this._timer !== null) this._doc.defaultView.clearInterval(this._timer);
    this._timer = null;
    this._setLevel(0);
  }

  _setLevel(level) {
    const value = level.toFixed(2);
    this._el.level.setAttribute('data-level', value);
    this._el.bar.style.transform = `scaleX(${value})`; // CSSOM, allowed by the CSP
  }

  _say(state) {
    const m = this._el.message;
    m.setAttribute('data-state', state);
    m.classList.toggle('notice--problem', !['starting', 'ready'].includes(state));
    const text = this._t(`device.state.${state}`);
    if (m.textContent !== text) m.textContent = text;
    this._onState(state);
  }

  _problem(reason, error) {
    this.stop();
    this._el.preview.hidden = true;
    this._el.pickers.hidden = true;
    this._say(reason);
    this._el.retry.hidden = reason === 'unsupported';
    if (error) console.warn(`Lucarne: device check: ${reason}: ${error.message}`);
  }
}

function fill(select, devices, currentId, numbered) {
  const options = devices.map((d, i) => {
    const o = select.ownerDocument.createElement('option');
    o.value = d.deviceId;
    o.textContent = d.label || numbered(i + 1);
    o.selected = d.deviceId === currentId;
    return o;
  });
  select.replaceChildren(...options);
  select.disabled = devices.length < 2;
}
