// One message drawn for people, the same on the kiosk and the family page (each page's CSS sizes it):
//
//   li.message[data-message-id][data-kind][data-own][data-read][data-status]
//     p.message__meta > span.message__from (the sender's name, or "You"), span.message__when ("today 14:05")
//     'text':          p.message__body
//     'photo':         button.message__photo > img.message__thumb (opens it full screen), p.message__caption;
//                      p.message__loading while its picture is fetched
//     'undecryptable': p.message__problem ("This message could not be read.")
//     own:             p.message__status ("Sent", "Read"…)
//     button.message__speak (read aloud) where the page offers it
//
// Built with DOM calls only: no markup from a message is ever parsed.

import { sentAtText } from './when.js';

/**
 * @param {Document} doc
 * @param {object} m a message of conversation.js
 * @param {object} o
 * @param {(key: string, params?: object) => string} o.t
 * @param {string} o.locale
 * @param {number} o.now ms since 1970
 * @param {(date: Date, locale: string) => string} [o.timeText]
 * @param {PhotoUrls} o.photos
 * @param {(m: object, opener: HTMLElement) => void} o.openPhoto
 * @param {?(m: object) => void} [o.speak] read aloud; no button when absent
 */
export function renderMessage(doc, m, o) {
  const t = o.t;
  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const li = el('li', 'message');
  li.dataset.messageId = m.id;
  li.dataset.kind = m.kind;
  li.dataset.own = String(Boolean(m.own));
  li.dataset.read = String(Boolean(m.own || m.read));
  if (m.own) li.dataset.status = m.status;
  li.dataset.role = m.from.role;

  const from = m.own ? t('messages.you') : m.from.name;
  const meta = el('p', 'message__meta');
  const when = sentAtText(m.sentAt, o.now, o.locale, t, o.timeText);
  const whenEl = el('time', 'message__when', when);
  whenEl.dateTime = new Date(m.sentAt).toISOString();
  meta.append(el('span', 'message__from', from), ' ', whenEl);
  li.append(meta);

  if (m.kind === 'text') li.append(el('p', 'message__body', m.body));
  if (m.kind === 'undecryptable') li.append(el('p', 'message__problem', t('messages.undecryptable')));
  if (m.kind === 'photo') {
    const url = o.photos.urlOf(m);
    if (url) {
      const button = el('button', 'message__photo');
      button.type = 'button';
      const img = el('img', 'message__thumb');
      img.src = url;
      img.alt = '';
      img.width = m.photo.width;
      img.height = m.photo.height;
      button.setAttribute('aria-label', m.photo.caption
        ? t('messages.photo.openCaption', { name: from, caption: m.photo.caption })
        : t('messages.photo.open', { name: from }));
      button.append(img);
      button.addEventListener('click', () => o.openPhoto(m, button));
      li.append(button);
    } else {
      li.append(el('p', 'message__loading', t('messages.photo.loading')));
    }
    if (m.photo.caption) li.append(el('p', 'message__caption', m.photo.caption));
  }
  if (m.own) li.append(el('p', 'message__status', t(`messages.status.${m.status}`)));
  if (o.speak) {
    const speak = el('button', 'message__speak');
    speak.type = 'button';
    const icon = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    icon.setAttribute('viewBox', '0 0 24 24');
    icon.setAttribute('aria-hidden', 'true');
    icon.setAttribute('focusable', 'false');
    icon.setAttribute('class', 'message__speak-icon');
    const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', 'M3 9v6h4l5 5V4L7 9H3zm13.5 3c0-1.77-1.02-3.29-2.5-4.03v8.05c1.48-.73 2.5-2.25 2.5-4.02zM14 3.23v2.06c2.89.86 5 3.54 5 6.71s-2.11 5.85-5 6.71v2.06c4.01-.91 7-4.49 7-8.77s-2.99-7.86-7-8.77z');
    icon.append(path);
    speak.append(icon, el('span', 'message__speak-label', t('messages.readAloud')));
    speak.setAttribute('aria-label', t('messages.readAloudFrom', { name: from }));
    speak.addEventListener('click', () => o.speak(m));
    li.append(speak);
  }
  return li;
}

/** What reading a message aloud says: "Jean Dupont, today 14:05: See you on Sunday!". */
export function spokenText(m, o) {
  const when = sentAtText(m.sentAt, o.now, o.locale, o.t, o.timeText);
  let what = o.t('messages.undecryptable');
  if (m.kind === 'text') what = m.body;
  if (m.kind === 'photo') {
    what = m.photo.caption ? o.t('messages.photo.spokenCaption', { caption: m.photo.caption }) : o.t('messages.photo.spoken');
  }
  return o.t('messages.spoken', { name: m.from.name, when, text: what });
}

/**
 * The pictures' URLs: a photo given as a Blob gets an object URL, made once and revoked when the
 * message is let go (forget) or everything is (clear); a given url is the transport's to revoke.
 */
export class PhotoUrls {
  constructor(urlApi = globalThis.URL) {
    this._url = urlApi;
    this._made = new Map(); // message id -> {blob, url}
  }

  urlOf(m) {
    if (!m.photo) return null;
    if (m.photo.url) return m.photo.url;
    if (!m.photo.blob) return null;
    const made = this._made.get(m.id);
    if (made && made.blob === m.photo.blob) return made.url;
    if (made) this._url.revokeObjectURL(made.url);
    const url = this._url.createObjectURL(m.photo.blob);
    this._made.set(m.id, { blob: m.photo.blob, url });
    return url;
  }

  forget(ids) {
    for (const id of ids) {
      const made = this._made.get(id);
      if (made) this._url.revokeObjectURL(made.url);
      this._made.delete(id);
    }
  }

  clear() {
    this.forget([...this._made.keys()]);
  }
}

/** Whether two versions of a message differ only in being read or in their status. */
function onlyMarksDiffer(a, b) {
  return a.kind === b.kind && a.body === b.body && a.photo === b.photo && a.sentAt === b.sentAt && a.from === b.from;
}

/** A drawn message read, or further on its way, changed in place. */
function markItem(li, m, t) {
  li.dataset.read = String(Boolean(m.own || m.read));
  if (m.own) {
    li.dataset.status = m.status;
    const status = li.querySelector('.message__status');
    if (status) status.textContent = t(`messages.status.${m.status}`);
  }
  return li;
}

/**
 * Puts `nodes` into `list` in that order, moving only what is out of place (so the focus and the
 * scroll position stay where they were), and removes the rest.
 */
export function syncChildren(list, nodes) {
  nodes.forEach((node, i) => {
    const here = list.children[i] || null;
    if (here !== node) list.insertBefore(node, here);
  });
  while (list.children.length > nodes.length) list.lastElementChild.remove();
}

/**
 * Draws messages into a list, keeping each item's element while its message is the same (messages
 * are frozen: a change is a new object), and the photos' URLs.
 */
export class MessageItems {
  /** @param {HTMLElement} list @param {() => object} options renderMessage's options, asked at each draw */
  constructor(list, options) {
    this._list = list;
    this._options = options;
    this._items = new Map(); // id -> {m, li}
    this.photos = new PhotoUrls();
  }

  /** @param {object[]} messages in the order to show */
  draw(messages) {
    const o = { ...this._options(), photos: this.photos };
    const keep = new Map();
    const nodes = messages.map((m) => {
      const held = this._items.get(m.id);
      let li;
      if (held && held.m === m) li = held.li;
      else if (held && onlyMarksDiffer(held.m, m)) li = markItem(held.li, m, o.t); // the focus stays on it
      else li = renderMessage(this._list.ownerDocument, m, o);
      keep.set(m.id, { m, li });
      return li;
    });
    const gone = [...this._items.keys()].filter((id) => !keep.has(id));
    this.photos.forget(gone);
    this._items = keep;
    syncChildren(this._list, nodes);
  }

  /** Every item drawn again at the next draw (a new day for "today", another language, voices). */
  invalidate() {
    this._items = new Map();
  }

  elementOf(id) {
    const held = this._items.get(id);
    return held ? held.li : null;
  }
}
