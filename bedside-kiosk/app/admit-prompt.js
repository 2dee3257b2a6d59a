// The patient lets in, or refuses, a device that opened a relative's link after another one
// (docs/e2ee.md, "Binding a link to a browser"): the server names it in `e2ee_waiting_device`
// {device, name}; a tap sends `e2ee_admit_device` {device, admit}; `e2ee_device_decided` (here,
// on another tablet or by staff) takes it away. One prompt at a time, over every other screen
// but a call; the others wait their turn. The server sends who waits again after each welcome.
//
// DOM contract (../README.md): #kiosk-admit[role=alertdialog] with #kiosk-admit-title (the
// relative's name), #kiosk-admit-text, #kiosk-admit-yes, #kiosk-admit-no; body[data-admit]
// is the device shown, absent when none.

export class AdmitPrompt {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {(message: object) => void} o.send
   * @param {(key: string, params?: object) => string} o.t in the language in use
   */
  constructor(doc, { send, t }) {
    this._doc = doc;
    this._send = send;
    this._t = t;
    this._waiting = []; // [{device, name}] in the order they came
    const $ = (id) => doc.getElementById(id);
    this._el = { prompt: $('kiosk-admit'), title: $('kiosk-admit-title'), text: $('kiosk-admit-text'),
      yes: $('kiosk-admit-yes'), no: $('kiosk-admit-no') };
    this._el.yes.addEventListener('click', () => this._decide(true));
    this._el.no.addEventListener('click', () => this._decide(false));
    this._draw();
  }

  /** A server message; true when it was the prompt's. */
  handle(m) {
    if (m.type === 'e2ee_waiting_device') {
      if (!this._waiting.some((w) => w.device === m.device)) this._waiting.push({ device: m.device, name: m.name });
    } else if (m.type === 'e2ee_device_decided') {
      this._waiting = this._waiting.filter((w) => w.device !== m.device);
    } else {
      return false;
    }
    this._draw();
    return true;
  }

  /** The socket's state: after a new welcome the server names who waits again. */
  signalingState(state) {
    if (state === 'connecting' || state === 'reconnecting') {
      this._waiting = [];
      this._draw();
    }
  }

  /** Draws again in the language in use. */
  refresh() {
    this._draw();
  }

  _decide(admit) {
    const first = this._waiting.shift();
    if (!first) return;
    this._send({ v: 1, type: 'e2ee_admit_device', device: first.device, admit });
    this._draw();
  }

  _draw() {
    const first = this._waiting[0];
    const body = this._doc.body;
    this._el.prompt.hidden = !first;
    if (!first) {
      delete body.dataset.admit;
      return;
    }
    body.dataset.admit = first.device;
    this._el.title.textContent = this._t('kiosk.admit.title', { name: first.name });
    this._el.text.textContent = this._t('kiosk.admit.text', { name: first.name });
  }
}
