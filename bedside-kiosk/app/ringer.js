// A gentle ring made with WebAudio (no sound file): two soft notes, a pause, again.
// Never throws: where audio is blocked or missing, the tablet simply rings in silence.
//
//   const ringer = new Ringer();  ringer.start();  ringer.stop();

const NOTES = [
  { hz: 659.25, at: 0, length: 0.45 },   // E5
  { hz: 523.25, at: 0.5, length: 0.7 },  // C5
];
const EVERY_MS = 3000;
const VOLUME = 0.18;

export class Ringer {
  /**
   * @param {object} [o]
   * @param {Function} [o.AudioContext] defaults to the browser's
   * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
   * @param {{warn: Function}} [o.logger]
   */
  constructor(o) {
    const options = o || {};
    this._AudioContext = options.AudioContext || globalThis.AudioContext || globalThis.webkitAudioContext;
    this._timers = options.timers || globalThis;
    this._logger = options.logger || console;
    this._context = null;
    this._output = null; // one gain node per ring, so stop() silences it all at once
    this._timer = null;
  }

  get ringing() {
    return this._output !== null;
  }

  start() {
    if (this._output) return;
    try {
      if (!this._context) {
        if (!this._AudioContext) return;
        this._context = new this._AudioContext();
      }
      const ctx = this._context;
      if (ctx.state === 'suspended' && ctx.resume) ctx.resume().catch(() => {});
      this._output = ctx.createGain();
      this._output.gain.value = 1;
      this._output.connect(ctx.destination);
    } catch (e) {
      this._logger.warn(`Lucarne kiosk: cannot ring (${e && e.message})`);
      this._output = null;
      return;
    }
    this._chime();
  }

  stop() {
    this._timers.clearTimeout(this._timer);
    this._timer = null;
    const output = this._output;
    this._output = null;
    if (!output) return;
    try {
      const t = this._context.currentTime;
      output.gain.cancelScheduledValues(t);
      output.gain.setValueAtTime(output.gain.value, t);
      output.gain.linearRampToValueAtTime(0, t + 0.08); // no click
      this._timers.setTimeout(() => output.disconnect(), 150);
    } catch (e) {
      // the context is gone: nothing is playing
    }
  }

  _chime() {
    const output = this._output;
    if (!output) return;
    try {
      const ctx = this._context;
      const start = ctx.currentTime + 0.05;
      for (const note of NOTES) {
        const osc = ctx.createOscillator();
        const env = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = note.hz;
        const t0 = start + note.at;
        const t1 = t0 + note.length;
        // Soft attack and a long fade, like a small bell.
        env.gain.setValueAtTime(0, t0);
        env.gain.linearRampToValueAtTime(VOLUME, t0 + 0.04);
        env.gain.exponentialRampToValueAtTime(0.001, t1);
        osc.connect(env);
        env.connect(output);
        osc.start(t0);
        osc.stop(t1 + 0.05);
      }
    } catch (e) {
      this._logger.warn(`Lucarne kiosk: the ring tone failed (${e && e.message})`);
    }
    this._timer = this._timers.setTimeout(() => this._chime(), EVERY_MS);
  }
}
