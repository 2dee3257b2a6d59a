// Reads a message aloud with the browser's speech synthesis, in the page's language. Offered only
// where the browser has a voice for that language (none in many locked-down or headless browsers):
// `available(lang)` says so, and `onVoicesChanged` tells when the list of voices arrives (late in Chromium).

export class ReadAloud {
  /**
   * @param {{synth?: ?SpeechSynthesis, Utterance?: Function}} [o] the browser's by default
   */
  constructor(o = {}) {
    this._synth = 'synth' in o ? o.synth : (globalThis.speechSynthesis || null);
    this._Utterance = o.Utterance || globalThis.SpeechSynthesisUtterance || null;
  }

  /** The first voice for the language ('fr' matches 'fr-FR'), or null. */
  voiceFor(lang) {
    if (!this._synth || !this._Utterance) return null;
    const prefix = String(lang || '').toLowerCase();
    const voices = this._synth.getVoices() || [];
    return voices.find((v) => String(v.lang).toLowerCase().split(/[-_]/)[0] === prefix) || null;
  }

  available(lang) {
    return this.voiceFor(lang) !== null;
  }

  /** Calls fn when the browser's list of voices changes; returns the function that stops it. */
  onVoicesChanged(fn) {
    if (!this._synth || !this._synth.addEventListener) return () => {};
    this._synth.addEventListener('voiceschanged', fn);
    return () => this._synth.removeEventListener('voiceschanged', fn);
  }

  /** Says the text (what was being said stops); false when there is no voice for the language. */
  speak(text, lang) {
    const voice = this.voiceFor(lang);
    if (!voice) return false;
    this._synth.cancel();
    const utterance = new this._Utterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9; // a little slower than usual, for a tired listener
    this._synth.speak(utterance);
    return true;
  }

  stop() {
    if (this._synth) this._synth.cancel();
  }
}
