// The family page's end-to-end encrypted messages (docs/e2ee.md): the glue between the socket, the
// browser's E2EE (shared/e2ee/) and the messages panel (messages-panel.js).
//
//   The page's device is this browser's identity for its origin (the one binding.js binds); the
//   server sends `e2ee_circle` once the socket is bound or proven, and then this device is in it:
//   Messaging starts (prekeys), takes the circle (the tablet first), and the panel is attached, in the
//   lobby, during the call and outside the visit's slot alike.
//   The first session with the tablet mixes in the link's secret (its PSK), read from the fragment.
//   Sending: the text or the picture (drawn again as JPEG by photo.js) goes through message-feed.js,
//   which shows it at once and follows it to sent, delivered and read. The transport's refusals are
//   turned into the panel's codes here, in one place (PANEL_CODES).
// Every E2EE frame is handled in order, one at a time, whatever its work awaits.

import { loadOrCreateIdentity } from '../shared/e2ee/identity.js';
import { Store } from '../shared/e2ee/store.js';
import { Device } from '../shared/e2ee/device.js';
import { RelayFrames } from '../shared/e2ee/relay-frames.js';
import { Messaging } from '../shared/e2ee/messaging.js';
import { preparePhoto } from '../shared/e2ee/photo.js';
import { fromBase64Url, toBase64Url } from '../shared/e2ee/primitives.js';
import { pskOfLinkSecret } from '../shared/e2ee/x3dh.js';
import { MessageFeed, photoShape } from '../shared/messages/message-feed.js';

/** The transport's refusal codes as the panel's (its words: too_long, photo_too_large, not_an_image, offline, failed). */
const PANEL_CODES = {
  plaintext_too_large: 'too_long',
  plaintext_malformed: 'too_long',
  photo_too_large: 'photo_too_large',
  photo_unreadable: 'not_an_image',
  e2ee_offline: 'offline',
  e2ee_timeout: 'offline',
};

/** The panel's code for an error of the transport or the E2EE code. */
export function panelCode(error) {
  return PANEL_CODES[error && error.code] || 'failed';
}

export class FamilyMessaging {
  /**
   * @param {object} o
   * @param {(message: object) => void} o.send  one frame on the socket
   * @param {import('../shared/messages/conversation.js').Conversation} o.conversation
   * @param {import('./messages-panel.js').MessagesPanel} o.panel
   * @param {(key: string, params?: object) => string} o.t
   * @param {string} o.linkSecret  the link's fragment (never sent)
   * @param {string} o.origin  this page's origin: the identity's scope
   */
  constructor({ send, conversation, panel, t, linkSecret, origin }) {
    Object.assign(this, { send, panel, t, linkSecret, origin });
    this.feed = new MessageFeed({ conversation, t });
    this.messaging = null;
    this.frames = new RelayFrames({ send, messaging: () => this.messaging, feed: this.feed,
      circle: (m) => this.#circle(m) }); // every E2EE frame, in order
    this.self = null;
    this.me = null; // this device as the conversation names it
    this.tablet = null;
    this.started = false;
  }

  /** A server frame; true when it was the messages'. */
  handle(m) {
    return this.frames.handle(m);
  }

  /** The socket's state: a new socket must be bound again before messages go. */
  signalingState(state) {
    if (state === 'connected') return;
    this.started = false;
    this.feed.setOnline(false);
    this.frames.lost();
  }

  async #open() {
    const { identity } = await loadOrCreateIdentity(this.origin);
    const store = await Store.open(this.origin);
    const device = new Device({ store, identity });
    const psk = this.linkSecret ? await pskOfLinkSecret(fromBase64Url(this.linkSecret, 32)) : null;
    this.messaging = new Messaging({ device, transport: this.frames.transport, role: 'family', psk, onEvent: (e) => this.feed.event(e) });
    this.self = toBase64Url(identity.deviceId);
    await this.feed.open(this.messaging, store);
  }

  async #circle({ devices }) {
    if (!this.messaging) await this.#open();
    const me = devices.find((d) => d.device === this.self);
    if (!me) return; // not (or no longer) in the circle: the panel keeps what it shows
    this.me = { device: me.device, name: me.name, role: 'family' };
    if (!this.started) {
      this.started = true;
      await this.messaging.start();
      this.feed.setOnline(true);
      this.panel.attach({ sendText: (body) => this.#sendText(body), sendPhoto: (file) => this.#sendPhoto(file) });
    }
    const tablet = devices.find((d) => d.role === 'patient');
    this.tablet = tablet ? tablet.device : null;
    this.feed.setTablet(this.tablet);
    if (tablet) this.panel.setPatientName(tablet.name);
    const review = await this.messaging.circleChanged({ devices });
    const changed = review.changed.map((device) => ({ device, name: devices.find((d) => d.device === device)?.name ?? '' }));
    if (changed.length > 0) this.panel.setCodeWarnings(changed, (device) => this.frames.run(() => this.messaging.acknowledge(device)));
    await this.#showCode(tablet);
  }

  async #showCode(tablet) {
    if (!tablet) {
      this.panel.setSafetyCode(null);
      return;
    }
    const codes = await this.messaging.safetyCodeWith(tablet.device);
    this.panel.setSafetyCode({ device: tablet.device, name: tablet.name, peer: 'tablet', shortCode: codes.short, fullCode: codes.code });
  }

  async #sendText(body) {
    try {
      await this.feed.send(this.me, { kind: 'text', body }, (id, sentAt) => this.messaging.sendText(body, { id, sentAt }));
    } catch (e) {
      throw Object.assign(new Error(e.message), { code: panelCode(e) });
    }
  }

  async #sendPhoto(file) {
    try {
      const prepared = await preparePhoto(file);
      const blob = new Blob([prepared.jpeg], { type: 'image/jpeg' });
      await this.feed.send(this.me, { kind: 'photo', photo: { ...photoShape(prepared), blob } },
        (id, sentAt) => this.messaging.sendPhoto(prepared, undefined, { id, sentAt }));
    } catch (e) {
      throw Object.assign(new Error(e.message), { code: panelCode(e) });
    }
  }
}
