// The conversation of one device with its circle (the patient and their family): the messages the
// kiosk's Messages screen and the family page's messages panel draw. Pure: no DOM, no timer, no
// network. The E2EE transport (shared/e2ee/transport.js) feeds it; the views read it and listen.
//
// What the transport gives (the same shape in web-client/README.md, "Messages"):
//
//   conversation.receive({
//     id:     string, the message id (base64url of its 16 bytes); for an 'undecryptable' one, whose id
//             is inside the ciphertext, an id the transport makes, unique on this device (e.g. 'x-' + seq)
//     from:   {device: string (device id), name: string (shown), role: 'patient' | 'family'}
//     sentAt: number, ms since 1970 (the sender's clock, from the plaintext; arrival time for 'undecryptable')
//     kind:   'text' | 'photo' | 'undecryptable'
//     body:   string, 1–4,000 UTF-16 units ('text' only)
//     photo:  {url?: string (a blob: URL), blob?: Blob, width: number, height: number, caption?: string}
//             ('photo' only; neither url nor blob while its chunks are still being fetched: "Loading…")
//     own:    true for a message this device sent (drawn on its side, with its status), else absent
//     status: own messages only: 'queued' (offline: kept, sent when back) | 'sending' | 'sent' (stored by
//             the server) | 'delivered' (to the tablet) | 'read' | 'failed'
//   })                                  -> true when added; false for an id already held (the same
//                                          message twice: kept once, its status merged) or one older
//                                          than the MAX_MESSAGES kept
//   conversation.update(id, {photo})    -> the photo's picture once fetched and decrypted
//   conversation.setStatus(id, status)  -> an own message's progress; never goes back ('read' stays
//                                          'read'), but 'queued' or 'failed' may become 'sending' again
//   conversation.markRead(ids)          -> called by the views when the person saw messages; the ids
//                                          newly read go out in a 'read' event (the transport sends
//                                          the plaintext `read` for them; undecryptable ones excluded)
//   conversation.clear()                -> everything forgotten (the kiosk's circle changed)
//
// Events, to subscribe(listener) (returns the function that unsubscribes):
//   {type: 'added', ids}  {type: 'updated', ids}  {type: 'read', ids}  {type: 'dropped', ids}  {type: 'cleared'}
// 'dropped' lists the oldest messages let go beyond MAX_MESSAGES (the views revoke their pictures' URLs).

export const MAX_MESSAGES = 500;
export const MAX_TEXT = 4000;
export const MAX_CAPTION = 500;
export const KINDS = Object.freeze(['text', 'photo', 'undecryptable']);
/** An own message's statuses, in the order they come. */
export const STATUSES = Object.freeze(['queued', 'sending', 'sent', 'delivered', 'read', 'failed']);
const RANK = { queued: 0, sending: 1, failed: 1, sent: 2, delivered: 3, read: 4 };
const MAX_ID = 64;

/** Orders messages by sentAt, then id (so that every device shows the same order). */
export function compareMessages(a, b) {
  if (a.sentAt !== b.sentAt) return a.sentAt - b.sentAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Whether an own message may go from one status to another: forward only, except that a message
 * not yet stored ('queued', 'sending', 'failed') may be tried again or fail.
 */
export function statusMayBecome(from, to) {
  if (from === to) return false;
  if (RANK[from] <= 1 && RANK[to] <= 1) return true;
  return RANK[to] > RANK[from];
}

export class Conversation {
  /** @param {{max?: number}} [o] how many messages are kept (the newest), MAX_MESSAGES by default */
  constructor(o = {}) {
    this._max = o.max || MAX_MESSAGES;
    this._byId = new Map();
    this._sorted = [];
    this._listeners = new Set();
  }

  /** How many messages are held. */
  get size() {
    return this._sorted.length;
  }

  /** Adds a message (see the top of this file); throws a TypeError saying what is wrong with a bad one. */
  receive(input) {
    const message = checked(input);
    const held = this._byId.get(message.id);
    if (held) {
      if (held.own && message.status && statusMayBecome(held.status, message.status)) {
        this._replace(held, { status: message.status });
        this._emit({ type: 'updated', ids: [held.id] });
      }
      return false;
    }
    const at = this._insertionIndex(message);
    if (at === 0 && this._sorted.length >= this._max) return false; // older than all the kept ones
    this._byId.set(message.id, message);
    this._sorted.splice(at, 0, message);
    const dropped = [];
    while (this._sorted.length > this._max) {
      const old = this._sorted.shift();
      this._byId.delete(old.id);
      dropped.push(old.id);
    }
    this._emit({ type: 'added', ids: [message.id] });
    if (dropped.length > 0) this._emit({ type: 'dropped', ids: dropped });
    return true;
  }

  /** A photo's picture once fetched: {photo: {url | blob, width, height, caption}}; false when unknown. */
  update(id, changes) {
    const held = this._byId.get(id);
    if (!held || held.kind !== 'photo' || !changes || !changes.photo) return false;
    this._replace(held, { photo: checkedPhoto({ ...held.photo, ...changes.photo }) });
    this._emit({ type: 'updated', ids: [id] });
    return true;
  }

  /** An own message's progress; false when unknown, not own, or a step back. */
  setStatus(id, status) {
    if (!STATUSES.includes(status)) throw new TypeError(`unknown message status: ${status}`);
    const held = this._byId.get(id);
    if (!held || !held.own || !statusMayBecome(held.status, status)) return false;
    this._replace(held, { status });
    this._emit({ type: 'updated', ids: [id] });
    return true;
  }

  /**
   * The person saw these messages. Returns the ids newly read, and tells the listeners in a 'read'
   * event those the transport should say were read (received and decrypted ones).
   */
  markRead(ids) {
    const fresh = [];
    for (const id of ids) {
      const held = this._byId.get(id);
      if (!held || held.own || held.read) continue;
      this._replace(held, { read: true });
      fresh.push(id);
    }
    if (fresh.length > 0) {
      const toSay = fresh.filter((id) => this._byId.get(id).kind !== 'undecryptable');
      this._emit({ type: 'read', ids: fresh, toSay });
    }
    return fresh;
  }

  /** Messages of others not yet read on this device. */
  unreadCount() {
    let n = 0;
    for (const m of this._sorted) if (!m.own && !m.read) n += 1;
    return n;
  }

  get(id) {
    return this._byId.get(id) || null;
  }

  /** The messages, oldest first (or newest first), as frozen objects. */
  list({ newestFirst = false } = {}) {
    return newestFirst ? [...this._sorted].reverse() : [...this._sorted];
  }

  clear() {
    this._byId.clear();
    this._sorted = [];
    this._emit({ type: 'cleared' });
  }

  subscribe(listener) {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  _replace(held, changes) {
    const next = Object.freeze({ ...held, ...changes });
    this._byId.set(held.id, next);
    this._sorted[this._sorted.indexOf(held)] = next;
  }

  _insertionIndex(message) {
    let lo = 0;
    let hi = this._sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareMessages(this._sorted[mid], message) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  _emit(event) {
    for (const listener of [...this._listeners]) {
      try {
        listener(event);
      } catch (e) {
        console.warn(`Lucarne messages: a listener failed: ${e && e.message}`);
      }
    }
  }
}

function checked(m) {
  if (!m || typeof m !== 'object') throw new TypeError('a message must be an object');
  if (typeof m.id !== 'string' || m.id.length < 1 || m.id.length > MAX_ID) {
    throw new TypeError(`message id: a string of 1 to ${MAX_ID} characters, got ${JSON.stringify(m.id)}`);
  }
  const from = m.from;
  if (!from || typeof from.device !== 'string' || typeof from.name !== 'string') {
    throw new TypeError(`message ${m.id}: from must be {device, name, role}`);
  }
  if (!Number.isFinite(m.sentAt) || m.sentAt < 0) throw new TypeError(`message ${m.id}: sentAt must be ms since 1970`);
  if (!KINDS.includes(m.kind)) throw new TypeError(`message ${m.id}: kind must be one of ${KINDS.join(', ')}`);
  const out = {
    id: m.id,
    from: Object.freeze({ device: from.device, name: from.name, role: from.role === 'patient' ? 'patient' : 'family' }),
    sentAt: m.sentAt,
    kind: m.kind,
    own: m.own === true,
    read: false,
  };
  if (m.kind === 'text') {
    if (typeof m.body !== 'string' || m.body.length < 1 || m.body.length > MAX_TEXT) {
      throw new TypeError(`message ${m.id}: body must be 1 to ${MAX_TEXT} characters`);
    }
    out.body = m.body;
  }
  if (m.kind === 'photo') out.photo = checkedPhoto(m.photo || {});
  if (out.own) {
    const status = m.status || 'sending';
    if (!STATUSES.includes(status)) throw new TypeError(`message ${m.id}: unknown status ${status}`);
    out.status = status;
  }
  return Object.freeze(out);
}

function checkedPhoto(p) {
  const size = (v) => Number.isInteger(v) && v > 0 && v <= 10000;
  if (!size(p.width) || !size(p.height)) throw new TypeError('photo: width and height must be whole numbers of pixels');
  if (p.url !== undefined && typeof p.url !== 'string') throw new TypeError('photo: url must be a string');
  const caption = p.caption === undefined || p.caption === null ? '' : p.caption;
  if (typeof caption !== 'string' || caption.length > MAX_CAPTION) {
    throw new TypeError(`photo: caption must be at most ${MAX_CAPTION} characters`);
  }
  const photo = { width: p.width, height: p.height, caption };
  if (p.url) photo.url = p.url;
  if (p.blob) photo.blob = p.blob;
  return Object.freeze(photo);
}
