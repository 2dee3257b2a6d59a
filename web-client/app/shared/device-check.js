// The pre-call device check: camera and microphone opened before any call, a
// level for the microphone, the lists of cameras and microphones, switching
// between them, and a clear reason when it cannot work.
//
//   const check = new DeviceCheck();
//   const stream = await check.start();        // throws DeviceCheckError {reason}
//   const {cameras, microphones} = await check.devices();
//   await check.useMicrophone(deviceId);       // the stream keeps its camera
//   check.level();                             // 0..1, loudness of the last few ms
//   check.stop();                              // every track and the AudioContext
//
// Reasons (also the i18n key suffixes device.problem.{reason}):
//   denied       the person or the browser refused the permission (NotAllowedError)
//   notFound     no camera or no microphone (NotFoundError, OverconstrainedError)
//   busy         another application holds the device (NotReadableError, AbortError)
//   unsupported  no navigator.mediaDevices (old browser, or not HTTPS) or no RTCPeerConnection
//   failed       anything else

export const REASONS = Object.freeze(['denied', 'notFound', 'busy', 'unsupported', 'failed']);

export class DeviceCheckError extends Error {
  constructor(reason, cause) {
    super(`device check: ${reason}${cause && cause.name ? ` (${cause.name})` : ''}`);
    this.name = 'DeviceCheckError';
    this.reason = reason;
    this.cause = cause;
  }
}

/** The reason for a getUserMedia rejection (a DOMException or anything else). */
export function reasonOf(error) {
  if (error instanceof DeviceCheckError) return error.reason;
  switch (error && error.name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError': // older Chromium
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'notFound';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

/** True when this browser can both open devices and hold a call. */
export function mediaSupported(win) {
  const w = win || globalThis;
  const md = w.navigator && w.navigator.mediaDevices;
  return !!(md && typeof md.getUserMedia === 'function' && typeof md.enumerateDevices === 'function'
    && typeof w.RTCPeerConnection === 'function');
}

const VIDEO = Object.freeze({ width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' });
const AUDIO = Object.freeze({ echoCancellation: true, noiseSuppression: true, autoGainControl: true });

export class DeviceCheck {
  /** @param {{window?: object}} [options] the window to use (tests may pass a stand-in) */
  constructor(options) {
    this._win = (options && options.window) || globalThis;
    this._stream = null;
    this._audio = null; // {context, source, analyser, samples}
  }

  /** The stream being checked, or null. */
  get stream() {
    return this._stream;
  }

  /** Opens camera and microphone (the given devices, or the browser's choice). */
  async start(choice) {
    if (!mediaSupported(this._win)) throw new DeviceCheckError('unsupported');
    const c = choice || {};
    this.stop();
    const stream = await this._open({
      video: withDevice(VIDEO, c.cameraId),
      audio: withDevice(AUDIO, c.microphoneId),
    });
    this._stream = stream;
    this._listenTo(stream.getAudioTracks()[0]);
    return stream;
  }

  /** Cameras and microphones, [{deviceId, label}]; labels are empty before permission. */
  async devices() {
    if (!mediaSupported(this._win)) throw new DeviceCheckError('unsupported');
    const all = await this._win.navigator.mediaDevices.enumerateDevices();
    const of = (kind) => all.filter((d) => d.kind === kind && d.deviceId)
      .map((d) => ({ deviceId: d.deviceId, label: d.label || '' }));
    return { cameras: of('videoinput'), microphones: of('audioinput') };
  }

  /** The deviceId of the camera and the microphone in use ('' when unknown). */
  current() {
    const id = (track) => (track && track.getSettings && track.getSettings().deviceId) || '';
    const s = this._stream;
    return { cameraId: id(s && s.getVideoTracks()[0]), microphoneId: id(s && s.getAudioTracks()[0]) };
  }

  /** Switches the camera; the microphone keeps running. */
  async useCamera(deviceId) {
    return this._replace('video', { video: withDevice(VIDEO, deviceId) });
  }

  /** Switches the microphone; the camera keeps running and the level follows the new one. */
  async useMicrophone(deviceId) {
    const stream = await this._replace('audio', { audio: withDevice(AUDIO, deviceId) });
    this._listenTo(stream.getAudioTracks()[0]);
    return stream;
  }

  /** Resumes the level's AudioContext (browsers may keep it suspended until a tap). */
  resumeAudio() {
    if (this._audio && this._audio.context.state === 'suspended') {
      this._audio.context.resume().catch(() => {});
    }
  }

  /** The microphone's loudness now, 0..1 (RMS of the last samples, scaled so speech fills it). */
  level() {
    const a = this._audio;
    if (!a) return 0;
    a.analyser.getFloatTimeDomainData(a.samples);
    let sum = 0;
    for (const v of a.samples) sum += v * v;
    const rms = Math.sqrt(sum / a.samples.length);
    return Math.min(1, rms * 4);
  }

  /** Stops every track and closes the AudioContext. Safe to call twice. */
  stop() {
    this._stopAudio();
    if (this._stream) this._stream.getTracks().forEach((t) => t.stop());
    this._stream = null;
  }

  async _open(constraints) {
    try {
      return await this._win.navigator.mediaDevices.getUserMedia(constraints);
    } catch (e) {
      throw new DeviceCheckError(reasonOf(e), e);
    }
  }

  // Stops the old track first: many phones cannot open two cameras at once.
  async _replace(kind, constraints) {
    if (!this._stream) throw new DeviceCheckError('failed');
    const old = kind === 'video' ? this._stream.getVideoTracks() : this._stream.getAudioTracks();
    if (kind === 'audio') this._stopAudio();
    old.forEach((t) => t.stop());
    const fresh = await this._open(constraints);
    const kept = kind === 'video' ? this._stream.getAudioTracks() : this._stream.getVideoTracks();
    this._stream = new this._win.MediaStream([...kept, ...fresh.getTracks()]);
    return this._stream;
  }

  _listenTo(track) {
    this._stopAudio();
    const Ctx = this._win.AudioContext || this._win.webkitAudioContext;
    if (!track || !Ctx) return;
    const context = new Ctx();
    const source = context.createMediaStreamSource(new this._win.MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser); // not to the speakers: no echo of oneself
    this._audio = { context, source, analyser, samples: new Float32Array(analyser.fftSize) };
    this.resumeAudio();
  }

  _stopAudio() {
    const a = this._audio;
    this._audio = null;
    if (!a) return;
    a.source.disconnect();
    a.context.close().catch(() => {});
  }
}

function withDevice(base, deviceId) {
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : { ...base };
}
