// The kiosk's Messages screen: what the family wrote, newest first, in large print; opened from the
// idle screen's "Messages" button (with the number of unread messages on it). Photos open full screen,
// each message can be read aloud (where the browser has a voice in the patient's language), and a
// message is marked read once half of it has been on the screen (the conversation then emits the ids
// for the transport's `read`). The messages come from shared/messages/conversation.js; the DOM
// contract is in ../README.md ("Messages").

import { MessageItems, spokenText } from '/static/shared/messages/message-item.js';
import { PhotoViewer } from '/static/shared/messages/photo-viewer.js';
import { ReadAloud } from '/static/shared/messages/read-aloud.js';
import { SafetyCodeView, renderCodeWarnings } from '/static/shared/messages/safety-code.js';
import { SeenWatcher } from '/static/shared/messages/seen.js';
import { timeParts } from './clock.js';

const clockText = (date, locale) => timeParts(date, locale).map((p) => p.value).join('');

export class MessagesScreen {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {import('/static/shared/messages/conversation.js').Conversation} o.conversation
   * @param {(key: string, params?: object) => string} o.t in the language in use
   * @param {() => string} o.locale the language in use's locale
   * @param {() => void} o.open shows this screen (KioskScreens.showMessages(true))
   * @param {() => void} o.close back to the idle screen
   * @param {(device: string) => void} [o.codeSeen] the patient saw that this device's security code changed
   * @param {() => number} [o.now]
   * @param {ReadAloud} [o.readAloud]
   */
  constructor(doc, o) {
    this._doc = doc;
    this._o = o;
    this._now = o.now || (() => Date.now());
    this._voice = o.readAloud || new ReadAloud();
    this._conversation = o.conversation;
    this._shown = false;
    this._changed = [];
    this._day = new Date(this._now()).toDateString();
    const $ = (id) => doc.getElementById(id);
    this._el = {
      open: $('kiosk-messages-open'),
      badge: $('kiosk-messages-badge'),
      unread: $('kiosk-messages-unread'),
      title: $('kiosk-messages-title'),
      close: $('kiosk-messages-close'),
      list: $('kiosk-message-list'),
      empty: $('kiosk-messages-empty'),
      warnings: $('kiosk-code-warnings'),
      safety: $('kiosk-safety'),
      safetyCode: $('kiosk-safety-code'),
      safetyClose: $('kiosk-safety-close'),
    };
    this._items = new MessageItems(this._el.list, () => ({
      t: o.t,
      locale: o.locale(),
      now: this._now(),
      timeText: clockText,
      openPhoto: (m, opener) => this._viewer.open({ url: this._items.photos.urlOf(m), caption: m.photo.caption, name: m.from.name }, opener),
      speak: this._voice.available(this._lang()) ? (m) => this._speak(m) : null,
    }));
    this._viewer = new PhotoViewer(doc.body, { t: o.t, id: 'kiosk-photo' });
    this._safetyView = new SafetyCodeView(this._el.safetyCode, { t: o.t, headingLevel: 2 });
    this._el.open.addEventListener('click', () => o.open());
    this._el.close.addEventListener('click', () => o.close());
    this._el.safetyClose.addEventListener('click', () => this.closeSafetyCode());
    this._seen = new SeenWatcher(this._el.list, this._conversation, () => this._shown);
    this._conversation.subscribe((event) => {
      if (event.type === 'dropped') this._items.photos.forget(event.ids);
      if (event.type === 'cleared') this._items.photos.clear();
      this.refresh();
    });
    this._voice.onVoicesChanged(() => this.refresh(true));
    this.refresh();
  }

  /** A new minute on the clock: after midnight, "today" becomes "yesterday". */
  newMinute() {
    const day = new Date(this._now()).toDateString();
    if (day === this._day) return;
    this._day = day;
    this.refresh(true);
  }

  /** Whether the Messages screen is the one shown now (KioskScreens' onScreen). */
  screenShown(shown) {
    if (shown === this._shown) return;
    this._shown = shown;
    if (shown) {
      this.refresh();
      this._el.title.focus();
    } else {
      this._viewer.close();
      this._voice.stop();
      if (this._doc.body.dataset.kioskScreen === 'idle') this._el.open.focus();
    }
    this._seen.watch();
  }

  /**
   * Draws the badge and the list again; `all` draws every message anew (another day for "today",
   * another language, the voices arrived).
   */
  refresh(all = false) {
    if (all) this._items.invalidate();
    const t = this._o.t;
    const unread = this._conversation.unreadCount();
    const badge = this._el.badge;
    const text = unread > 99 ? '99+' : String(unread);
    if (badge.textContent !== text) badge.textContent = text;
    badge.hidden = unread === 0;
    this._el.open.dataset.unread = String(unread);
    // What a screen reader says after "Messages": "(4 new messages)" (the badge itself is hidden from it).
    const spoken = unread === 0 ? '' : unread === 1 ? t('kiosk.messages.newOne') : t('kiosk.messages.newMany', { count: unread });
    if (this._el.unread.textContent !== spoken) this._el.unread.textContent = spoken;
    const messages = this._conversation.list({ newestFirst: true });
    this._el.empty.hidden = messages.length > 0;
    this._items.draw(messages);
    this._seen.watch();
  }

  /** The banners "Jean's security code changed…", drawn at the top of this screen. */
  setCodeWarnings(changed) {
    this._changed = changed;
    renderCodeWarnings(this._el.warnings, changed, {
      t: this._o.t,
      onSeen: (device) => {
        this.setCodeWarnings(this._changed.filter((c) => c.device !== device));
        if (this._o.codeSeen) this._o.codeSeen(device);
        this._el.title.focus();
      },
    });
  }

  /** The security code with one family member, large, in a dialog over any screen. */
  showSafetyCode(code) {
    this._safetyView.render(code);
    const dialog = this._el.safety;
    if (!dialog.open) dialog.showModal();
    this._el.safetyClose.focus();
  }

  closeSafetyCode() {
    if (this._el.safety.open) this._el.safety.close();
  }

  _lang() {
    return this._doc.documentElement.lang || 'en';
  }

  _speak(m) {
    const o = this._o;
    this._voice.speak(spokenText(m, { t: o.t, locale: o.locale(), now: this._now(), timeText: clockText }), this._lang());
  }
}
