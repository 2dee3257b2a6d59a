// The family page's messages panel, usable in the lobby, during the call and between visits: the
// conversation with the patient and the other relatives (oldest first, each with its sender), a text
// box (1–4,000 characters, a counter near the limit), a photo button (camera or files), and each own
// message's progress: not sent yet (offline) / sending / sent / delivered / read. The messages come
// from shared/messages/conversation.js; what is typed goes to the sender given to attach() (the E2EE
// transport). The panel stays hidden until then. DOM contract: ../../README.md ("Messages").

import { MAX_TEXT } from '../shared/messages/conversation.js';
import { MessageItems } from '../shared/messages/message-item.js';
import { PhotoViewer } from '../shared/messages/photo-viewer.js';
import { SafetyCodeView, renderCodeWarnings } from '../shared/messages/safety-code.js';
import { SeenWatcher } from '../shared/messages/seen.js';

/** The counter shows from this many characters on. */
export const COUNTER_FROM = 3600;
/** The error codes a sender may reject with (error.code), and their words. */
const ERRORS = {
  empty: 'family.messages.error.empty',
  too_long: 'family.messages.error.tooLong',
  photo_too_large: 'family.messages.error.photoTooLarge',
  not_an_image: 'family.messages.error.notAnImage',
  offline: 'family.messages.error.offline',
  failed: 'family.messages.error.failed',
};

/** What is wrong with a text before it is sent: null, 'empty' or 'too_long'. */
export function textProblem(text) {
  if (text.trim() === '') return 'empty';
  if (text.length > MAX_TEXT) return 'too_long';
  return null;
}

export class MessagesPanel {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {import('../shared/messages/conversation.js').Conversation} o.conversation
   * @param {(key: string, params?: object) => string} o.t
   * @param {() => string} o.locale
   * @param {() => number} [o.now]
   */
  constructor(doc, o) {
    this._doc = doc;
    this._o = o;
    this._now = o.now || (() => Date.now());
    this._conversation = o.conversation;
    this._sender = null;
    this._patient = '';
    this._changed = [];
    this._online = true;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      panel: $('messages-panel'),
      intro: $('messages-intro'),
      warnings: $('messages-warnings'),
      safetyOpen: $('messages-safety-open'),
      safety: $('messages-safety'),
      empty: $('messages-empty'),
      list: $('message-list'),
      form: $('message-form'),
      text: $('message-text'),
      counter: $('message-counter'),
      offline: $('message-offline'),
      error: $('message-error'),
      photo: $('message-photo'),
      photoButton: $('message-photo-button'),
      send: $('message-send'),
    };
    this._items = new MessageItems(this._el.list, () => ({
      t: o.t,
      locale: o.locale(),
      now: this._now(),
      openPhoto: (m, opener) => this._viewer.open({ url: this._items.photos.urlOf(m), caption: m.photo.caption, name: m.from.name }, opener),
      speak: null,
    }));
    this._viewer = new PhotoViewer(doc.body, { t: o.t, id: 'message-photo-viewer' });
    this._safetyView = new SafetyCodeView(this._el.safety, { t: o.t, headingLevel: 3 });
    this._seen = new SeenWatcher(this._el.list, this._conversation, () => !this._el.panel.hidden);
    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._sendText();
    });
    this._el.text.addEventListener('input', () => this._renderCounter());
    this._el.photoButton.addEventListener('click', () => this._el.photo.click());
    this._el.photo.addEventListener('change', () => this._sendPhoto());
    this._el.safetyOpen.addEventListener('click', () => {
      this._el.safety.hidden = !this._el.safety.hidden;
      this._el.safetyOpen.setAttribute('aria-expanded', String(!this._el.safety.hidden));
    });
    // A page left open overnight: "today" becomes "yesterday" when it is seen again.
    doc.addEventListener('visibilitychange', () => { if (doc.visibilityState === 'visible') this.refresh(true); });
    this._conversation.subscribe((event) => {
      if (event.type === 'dropped') this._items.photos.forget(event.ids);
      if (event.type === 'cleared') this._items.photos.clear();
      this.refresh();
    });
  }

  /**
   * Shows the panel, with what sends: sendText(body) and sendPhoto(file), each a Promise that rejects
   * with an Error whose `code` is one of 'too_long', 'photo_too_large', 'not_an_image', 'offline',
   * 'failed' (said to the person); the sender adds the own message to the conversation itself.
   * @param {{sendText: (body: string) => Promise<void>, sendPhoto: (file: File) => Promise<void>}} sender
   */
  attach(sender) {
    this._sender = sender;
    this._el.panel.hidden = false;
    this.refresh();
  }

  /** The patient's name, for the panel's first words. */
  setPatientName(name) {
    this._patient = name;
    this._renderIntro();
  }

  /** The signaling socket's state: while it is lost, "kept and sent when back". */
  setConnection(state) {
    this._online = state !== 'offline' && state !== 'reconnecting';
    this._el.offline.hidden = this._online;
    if (!this._online) this._el.offline.textContent = this._o.t('family.messages.error.offline');
  }

  /** The security code with the tablet (or another relative), or null to take it away. */
  setSafetyCode(code) {
    this._el.safetyOpen.hidden = code === null;
    if (code === null) {
      this._safetyView.clear();
      this._el.safety.hidden = true;
      this._el.safetyOpen.setAttribute('aria-expanded', 'false');
    } else this._safetyView.render(code);
  }

  /** The banners "Jean's security code changed…"; onSeen(device) once the person said they understood. */
  setCodeWarnings(changed, onSeen) {
    this._changed = changed;
    renderCodeWarnings(this._el.warnings, changed, {
      t: this._o.t,
      onSeen: (device) => {
        this.setCodeWarnings(this._changed.filter((c) => c.device !== device), onSeen);
        if (onSeen) onSeen(device);
        this._el.text.focus();
      },
    });
  }

  /** Says what went wrong, in words (an error code of ERRORS); null clears it. */
  showError(code, params = {}) {
    const el = this._el.error;
    el.hidden = code === null;
    el.dataset.code = code || '';
    el.textContent = code === null ? '' : this._o.t(ERRORS[code] || ERRORS.failed, params);
    this._el.text.setAttribute('aria-invalid', String(code === 'too_long' || code === 'empty'));
  }

  /** Draws the list again; `all` draws every message anew (another day, another language). */
  refresh(all = false) {
    if (all) this._items.invalidate();
    const list = this._el.list;
    const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const messages = this._conversation.list();
    this._el.empty.hidden = messages.length > 0;
    this._items.draw(messages);
    if (atEnd) list.scrollTop = list.scrollHeight; // the newest stays in view
    this._renderIntro();
    this._renderCounter();
    this._seen.watch();
  }

  _renderIntro() {
    const t = this._o.t;
    this._el.intro.textContent = this._patient ? t('family.messages.intro', { name: this._patient })
      : t('family.messages.introNoName');
  }

  _renderCounter() {
    const n = this._el.text.value.length;
    const counter = this._el.counter;
    counter.hidden = n < COUNTER_FROM;
    counter.dataset.over = String(n > MAX_TEXT);
    const text = this._o.t('family.messages.counter', this._sizes(n));
    if (counter.textContent !== text) counter.textContent = text;
  }

  /** {count, max} written in the page's language ("4,001" or "4 001"). */
  _sizes(count) {
    const number = new Intl.NumberFormat(this._o.locale());
    return { count: number.format(count), max: number.format(MAX_TEXT) };
  }

  async _sendText() {
    const text = this._el.text.value;
    const problem = textProblem(text);
    if (problem) {
      this.showError(problem, this._sizes(text.length));
      this._el.text.focus();
      return;
    }
    this.showError(null);
    if (!this._sender) return;
    this._el.send.disabled = true;
    try {
      await this._sender.sendText(text.trim());
      this._el.text.value = '';
      this._renderCounter();
    } catch (e) {
      this.showError(e && ERRORS[e.code] ? e.code : 'failed', this._sizes(text.length));
    } finally {
      this._el.send.disabled = false;
      this._el.text.focus();
    }
  }

  async _sendPhoto() {
    const file = this._el.photo.files && this._el.photo.files[0];
    this._el.photo.value = '';
    if (!file) return;
    if (!/^image\//.test(file.type)) {
      this.showError('not_an_image');
      return;
    }
    this.showError(null);
    if (!this._sender) return;
    try {
      await this._sender.sendPhoto(file);
    } catch (e) {
      this.showError(e && ERRORS[e.code] ? e.code : 'failed');
    }
    this._el.photoButton.focus();
  }
}
