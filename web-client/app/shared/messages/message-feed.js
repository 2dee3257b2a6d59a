// Between a device's Messaging (shared/e2ee/messaging.js) and its Conversation (conversation.js),
// for the kiosk and the family page alike:
//
//   what arrives   a `text` or `photo` plaintext is kept in the device's E2EE store, then shown, and
//                  only then acknowledged (Messaging awaits `event`); a photo's chunks are fetched and
//                  decrypted after; one that does not decrypt is the plain "could not be read" entry;
//                  a `read` plaintext moves the named own messages to 'read';
//   what is sent   own texts and photos, shown at once ('sending', or 'queued' while offline and sent
//                  when back), then 'sent' (the server stored every copy), 'delivered' (the tablet
//                  acknowledged its copy: `e2ee_delivered`), 'read' (the tablet's `read`);
//   what is seen   the conversation's 'read' events go out as a `read` plaintext.
//
// Kept messages live in the store's `peers` records 'msg:' + id (at most MAX_MESSAGES, the oldest
// deleted first), so a reload shows them again; everything goes with the store's scope (the kiosk's
// new circle deletes it). Received photos keep their `photo` plaintext (its key) and are fetched again.

import { MAX_MESSAGES } from './conversation.js';
import { randomBytes, toBase64Url } from '../e2ee/primitives.js';
import { MAX_READ_IDS } from '../e2ee/plaintext.js';

const KEPT = 'msg:';
const MAX_SEQS = 2000; // own envelopes to the tablet awaiting `e2ee_delivered`, remembered in memory

export class MessageFeed {
  /**
   * @param {object} o
   * @param {import('./conversation.js').Conversation} o.conversation
   * @param {(key: string) => string} o.t  the page's words (an unknown sender's name)
   * @param {() => number} [o.now]
   */
  constructor({ conversation, t, now = () => Date.now() }) {
    Object.assign(this, { conversation, t, now });
    this.messaging = null;
    this.store = null;
    this.tablet = null; // the circle's tablet device id, whose acknowledgement is "delivered"
    this.online = false;
    this.outbox = []; // own messages waiting for the socket: [{id, send}]
    this.awaiting = new Map(); // `${recipient} ${seq}` -> message id
    this.restoring = false;
    conversation.subscribe((e) => {
      if (e.type === 'read') this.#seen(e);
    });
  }

  /** A device's messaging and store (the kiosk: again for each new circle): kept messages shown again. */
  async open(messaging, store) {
    this.messaging = messaging;
    this.store = store;
    const kept = (await store.readAll('peers')).filter((r) => r.id.startsWith(KEPT)).map((r) => r.value);
    this.restoring = true;
    try {
      for (const m of kept.sort((a, b) => a.sentAt - b.sentAt)) this.#show(m);
      this.conversation.markRead(kept.filter((m) => m.read).map((m) => m.id));
    } finally {
      this.restoring = false;
    }
    for (const m of kept) if (m.photoMessage && !m.own) this.#fetchPhoto(m.id, m.photoMessage);
  }

  /** The socket can carry messages again (the relay took this device) or not. */
  setOnline(online) {
    this.online = online;
    if (online) for (const w of this.outbox.splice(0)) w.send();
  }

  /** The circle's tablet (its acknowledgements are "delivered"). */
  setTablet(device) {
    this.tablet = device;
  }

  /** Messaging's `onEvent` for deliveries: kept, then shown (awaited before the acknowledgement). */
  async event(e) {
    if (e.kind === 'unreadable') {
      console.warn(`Lucarne: envelope ${e.seq} from device ${e.from} could not be read (${e.code})`);
      const from = e.sender ?? { device: e.from ?? 'unknown', name: this.t('messages.unknownSender'), role: 'family' };
      await this.#keepAndShow({ id: `x-${e.seq}`, from, sentAt: this.now(), kind: 'undecryptable' });
      return;
    }
    if (e.kind !== 'message') return;
    const m = e.message;
    const from = { device: e.from, name: e.sender?.name ?? this.t('messages.unknownSender'), role: e.sender?.role ?? 'family' };
    if (m.type === 'text') await this.#keepAndShow({ id: m.id, from, sentAt: m.sentAt, kind: 'text', body: m.body });
    else if (m.type === 'photo') {
      await this.#keepAndShow({ id: m.id, from, sentAt: m.sentAt, kind: 'photo', photo: photoShape(m), photoMessage: m });
      this.#fetchPhoto(m.id, m);
    } else if (m.type === 'read') {
      for (const id of m.ids) if (this.conversation.setStatus(id, 'read')) await this.#keepStatus(id);
    }
  }

  /** The relay's `e2ee_delivered`: the tablet took an own message off its queue. */
  async delivered(recipient, seq) {
    const key = `${recipient} ${seq}`;
    const id = this.awaiting.get(key);
    this.awaiting.delete(key);
    if (id && this.conversation.setStatus(id, 'delivered')) await this.#keepStatus(id);
  }

  /**
   * Sends an own message: `from` is this device as the conversation names it, `shape` its kind and
   * body or photo, `send(id, sentAt)` does the fan-out (Messaging's sendText or sendPhoto) and
   * resolves with its result. Resolves once it is sent, or kept for later while offline.
   */
  async send(from, shape, send) {
    const id = toBase64Url(randomBytes(16));
    const sentAt = this.now();
    const own = { id, from, sentAt, own: true, status: this.online ? 'sending' : 'queued', ...shape };
    await this.#keepAndShow(own);
    const attempt = async () => {
      if (this.conversation.setStatus(id, 'sending')) await this.#keepStatus(id);
      const result = await send(id, sentAt);
      for (const { device, seq } of result.seqs) {
        if (device === this.tablet) this.#await(device, seq, id);
      }
      const status = result.sent.length === 0 ? 'failed' : 'sent';
      if (this.conversation.setStatus(id, status)) await this.#keepStatus(id);
      const code = result.failed[0]?.code ?? 'e2ee_no_recipient';
      if (status === 'failed') throw Object.assign(new Error(code), { code });
    };
    if (!this.online) {
      this.outbox.push({ id, send: () => attempt().catch(() => this.#failed(id)) });
      return;
    }
    try {
      await attempt();
    } catch (e) {
      await this.#failed(id);
      throw e;
    }
  }

  /** Everything forgotten (the kiosk's new circle: its store is deleted with the scope). */
  clear() {
    this.outbox = [];
    this.awaiting.clear();
    this.conversation.clear();
  }

  #seen(e) {
    if (this.restoring || !this.messaging) return;
    for (const id of e.ids) this.#keepStatus(id).catch(() => {});
    for (let i = 0; i < e.toSay.length; i += MAX_READ_IDS) {
      this.messaging.sendRead(e.toSay.slice(i, i + MAX_READ_IDS)).catch((err) => console.warn(`Lucarne: read not sent: ${err && err.code}`));
    }
  }

  #await(device, seq, id) {
    this.awaiting.set(`${device} ${seq}`, id);
    if (this.awaiting.size > MAX_SEQS) this.awaiting.delete(this.awaiting.keys().next().value);
  }

  async #failed(id) {
    if (this.conversation.setStatus(id, 'failed')) await this.#keepStatus(id);
  }

  #show(kept) {
    const { photoMessage, read, ...message } = kept;
    const shown = this.conversation.receive(message);
    if (!shown && message.own && message.status) this.conversation.setStatus(message.id, message.status);
  }

  async #keepAndShow(message) {
    if (this.conversation.get(message.id)) return; // the same message again (a second copy): shown once
    await this.store.write([{ store: 'peers', id: KEPT + message.id, value: { ...message, photo: message.photo && strip(message.photo) } }]);
    await this.#trim();
    this.#show(message);
  }

  async #keepStatus(id) {
    const held = this.conversation.get(id);
    if (!held || !this.store) return;
    const kept = await this.store.read('peers', KEPT + id);
    if (kept) await this.store.write([{ store: 'peers', id: KEPT + id, value: { ...kept, status: held.status, read: held.read } }]);
  }

  async #trim() {
    const kept = (await this.store.readAll('peers')).filter((r) => r.id.startsWith(KEPT));
    if (kept.length <= MAX_MESSAGES) return;
    const old = kept.sort((a, b) => a.value.sentAt - b.value.sentAt).slice(0, kept.length - MAX_MESSAGES);
    await this.store.write(old.map((r) => ({ store: 'peers', id: r.id, value: undefined })));
  }

  #fetchPhoto(id, message) {
    this.messaging.openPhoto(message)
      .then((jpeg) => this.conversation.update(id, { photo: { blob: new Blob([jpeg], { type: 'image/jpeg' }) } }))
      .catch((e) => console.warn(`Lucarne: photo ${id} could not be opened: ${e && e.code}`));
  }
}

/** What the conversation shows of a `photo` plaintext before its picture arrives. */
export function photoShape(m) {
  return m.caption ? { width: m.width, height: m.height, caption: m.caption } : { width: m.width, height: m.height };
}

const strip = ({ width, height, caption }) => (caption ? { width, height, caption } : { width, height });

