// The relay's socket types (docs/e2ee.md, "Socket types"; docs/protocol.md, "Messages"), as
// promises and callbacks over the page's signaling socket. Bytes are Uint8Arrays here and base64url
// on the socket. Thin on purpose: what to encrypt, and to whom, is messaging.js's.
//
//   new Transport({send, timers, timeoutMs})   send(message) puts one frame on the socket
//   handle(message) -> true when it was one of these types (the page passes every server frame)
//   uploadPrekeys({signedPrekey?, oneTime}); bundle(device) -> {identity, signedPrekey, oneTime?}
//   sendEnvelope(bytes) -> {recipient, seq}; ack(seqs)
//   putBlob(blob, chunks); getBlob(blob, count) -> [chunk]
//   on: {deliver({seq, at, envelope}), delivered({recipient, seq}) (the recipient acknowledged
//        what `sendEnvelope` resolved with), prekeysState({oneTimeLeft, handedOut}),
//        linkSecret({invite, contact, psk, until}), circle({circle, devices})}
//
// A request the server answers with an `error` frame of a relay code is refused with that code
// (the oldest request waiting for that kind of answer); one not answered within `timeoutMs`
// (timers injected) is refused with `e2ee_timeout`.

import { E2eeError, fromBase64Url, toBase64Url } from './primitives.js';

const V = 1;
const b64 = toBase64Url;
export const ACK_BATCH = 100;
const TIMEOUT_MS = 20_000;
// Which waiting request an error code answers.
const ERROR_OWNER = {
  e2ee_no_prekey: 'bundle', e2ee_not_in_circle: 'sent', e2ee_queue_full: 'sent', envelope_truncated: 'sent',
  envelope_unsupported: 'sent', envelope_malformed: 'sent', e2ee_blob_unknown: 'chunk', e2ee_blob_invalid: 'stored',
  e2ee_prekey_invalid: 'prekeys', e2ee_prekeys_full: 'prekeys',
};

export class Transport {
  constructor({ send, timers = globalThis, timeoutMs = TIMEOUT_MS, on = {} }) {
    Object.assign(this, { sendFrame: send, timers, timeoutMs, on });
    this.waiting = { bundle: [], sent: [], stored: [], chunk: [] };
  }

  /** Uploads prekey records (prekey-pool.js's `due`). */
  uploadPrekeys({ signedPrekey, oneTime = [] }) {
    const message = { v: V, type: 'e2ee_prekeys', oneTime: oneTime.map(b64) };
    if (signedPrekey) message.signedPrekey = b64(signedPrekey);
    this.sendFrame(message);
  }

  /** The prekey bundle of `device` (16 bytes), from the server. */
  bundle(device) {
    const id = b64(device);
    return this.#request('bundle', (m) => m.device === id, { v: V, type: 'e2ee_bundle_get', device: id });
  }

  /** Queues an envelope; resolves with {recipient, seq} once the server has it. */
  sendEnvelope(envelope, recipient) {
    const id = b64(recipient);
    return this.#request('sent', (m) => m.recipient === id, { v: V, type: 'e2ee_send', envelope: b64(envelope) });
  }

  /** Acknowledges delivered envelopes (once their effect is stored), by batches of 100. */
  ack(seqs) {
    for (let i = 0; i < seqs.length; i += ACK_BATCH) this.sendFrame({ v: V, type: 'e2ee_ack', seqs: seqs.slice(i, i + ACK_BATCH) });
  }

  /** Stores a photo's chunks, one frame each, one at a time. */
  async putBlob(blob, chunks) {
    const id = b64(blob);
    for (const [index, data] of chunks.entries()) {
      await this.#request('stored', (m) => m.blob === id && m.index === index,
        { v: V, type: 'e2ee_blob_put', blob: id, index, count: chunks.length, data: b64(data) });
    }
  }

  /** A photo's `count` chunks, in order. */
  async getBlob(blob, count) {
    const id = b64(blob);
    const chunks = [];
    for (let index = 0; index < count; index++) {
      const m = await this.#request('chunk', (c) => c.blob === id && c.index === index, { v: V, type: 'e2ee_blob_get', blob: id, index });
      if (m.count !== count) throw new E2eeError('photo_chunk_failed', `the server has ${m.count} chunks, the message says ${count}`);
      chunks.push(fromBase64Url(m.data));
    }
    return chunks;
  }

  /** Takes a decoded server frame; true when it was the relay's. */
  handle(m) {
    switch (m.type) {
      case 'e2ee_bundle':
        return this.#answer('bundle', m, () => ({
          device: fromBase64Url(m.device, 16), identity: fromBase64Url(m.identity, 128), signedPrekey: fromBase64Url(m.signedPrekey, 108),
          oneTime: m.oneTime === undefined ? undefined : fromBase64Url(m.oneTime, 36),
        }));
      case 'e2ee_sent': return this.#answer('sent', m, () => ({ recipient: fromBase64Url(m.recipient, 16), seq: m.seq }));
      case 'e2ee_blob_stored': return this.#answer('stored', m, () => m);
      case 'e2ee_blob_chunk': return this.#answer('chunk', m, () => m);
      case 'e2ee_delivered':
        this.on.delivered?.({ recipient: fromBase64Url(m.recipient, 16), seq: m.seq });
        return true;
      case 'e2ee_deliver':
        this.on.deliver?.({ seq: m.seq, at: m.at, envelope: fromBase64Url(m.envelope) });
        return true;
      case 'e2ee_prekeys_state':
        this.on.prekeysState?.({ oneTimeLeft: m.oneTimeLeft, handedOut: m.handedOut });
        return true;
      case 'e2ee_link_secret':
        this.on.linkSecret?.({ invite: m.invite, contact: m.contact, psk: fromBase64Url(m.psk, 32), until: m.until });
        return true;
      case 'e2ee_circle':
        this.on.circle?.({ circle: m.circle ?? null, devices: m.devices });
        return true;
      case 'error': {
        const kind = ERROR_OWNER[m.code];
        const first = kind && this.waiting[kind][0];
        if (!first) return false;
        this.#settle(kind, first, null, new E2eeError(m.code, m.message));
        return true;
      }
      default:
        return false;
    }
  }

  /** The socket is gone: every waiting request is refused with `e2ee_offline`. */
  closed() {
    for (const kind of Object.keys(this.waiting)) {
      for (const w of [...this.waiting[kind]]) this.#settle(kind, w, null, new E2eeError('e2ee_offline', 'the connection was lost'));
    }
  }

  #request(kind, matches, frame) {
    return new Promise((resolve, reject) => {
      const w = { matches, resolve, reject };
      w.timer = this.timers.setTimeout(() => this.#settle(kind, w, null, new E2eeError('e2ee_timeout', `no answer to ${frame.type}`)), this.timeoutMs);
      this.waiting[kind].push(w);
      try {
        this.sendFrame(frame);
      } catch (e) {
        this.#settle(kind, w, null, e);
      }
    });
  }

  #answer(kind, message, read) {
    const w = this.waiting[kind].find((x) => x.matches(message));
    if (!w) return true; // late, after a timeout: nothing waits for it
    try {
      this.#settle(kind, w, read());
    } catch (e) {
      this.#settle(kind, w, null, e instanceof E2eeError ? e : new E2eeError('invalid_field', String(e)));
    }
    return true;
  }

  #settle(kind, w, value, error) {
    const at = this.waiting[kind].indexOf(w);
    if (at < 0) return;
    this.waiting[kind].splice(at, 1);
    this.timers.clearTimeout(w.timer);
    if (error) w.reject(error);
    else w.resolve(value);
  }
}
