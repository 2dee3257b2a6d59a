// The kiosk's end-to-end encrypted messages (docs/e2ee.md; docs/kiosk.md, "Messages"): the glue
// between the socket, the browser's E2EE (shared/e2ee/) and the Messages screen.
//
//   e2ee_circle {circle, devices}  the circle id is the patient's stay: its identity is loaded or made
//     under that scope (another circle id: everything of the last deleted, the screen emptied), and
//     published (`e2ee_identity`) once a socket; the circle's devices then name this device, and
//     Messaging starts (prekeys topped up), takes the circle (warnings, removals, the roster sent to
//     the family devices on every change) and the relay's frames;
//   e2ee_link_secret               kept: a family device's first session needs its link's value;
//   deliveries                     decrypted, kept, shown, acknowledged (message-feed.js);
//   security codes                 of each family device, from the Messages screen (#kiosk-codes) and
//     next to a relative's tile during a call (.call-tile__code), in the large dialog.
// Every E2EE frame is handled in order, one at a time, whatever its work awaits.

import { forgetOtherScopes, loadOrCreateIdentity } from '/static/shared/e2ee/identity.js';
import { Store } from '/static/shared/e2ee/store.js';
import { Device } from '/static/shared/e2ee/device.js';
import { RelayFrames } from '/static/shared/e2ee/relay-frames.js';
import { Messaging, tabletAcceptsFirstSession } from '/static/shared/e2ee/messaging.js';
import { toBase64Url } from '/static/shared/e2ee/primitives.js';
import { MessageFeed } from '/static/shared/messages/message-feed.js';

const FAMILY = 'family';

export class KioskMessaging {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {(message: object) => void} o.send  one frame on the socket
   * @param {import('/static/shared/messages/conversation.js').Conversation} o.conversation
   * @param {import('./messages-screen.js').MessagesScreen} o.screen
   * @param {(key: string, params?: object) => string} o.t
   */
  constructor(doc, { send, conversation, screen, t }) {
    Object.assign(this, { doc, send, screen, t });
    this.feed = new MessageFeed({ conversation, t });
    this.scope = null; // the circle id whose identity is loaded
    this.messaging = null;
    this.frames = new RelayFrames({ send, messaging: () => this.messaging, feed: this.feed,
      circle: (m) => this.#circle(m) }); // every E2EE frame, in order
    this.store = null;
    this.self = null;
    this.published = false; // e2ee_identity sent on this socket
    this.started = false; // Messaging started on this socket
    this.family = []; // [{device, name}] of the circle
    this.codes = doc.getElementById('kiosk-codes');
    const grid = doc.getElementById('kiosk-grid');
    if (grid) new MutationObserver(() => this.#tileButtons(grid)).observe(grid, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-name'] });
  }

  /** A server frame; true when it was E2EE's. */
  handle(m) {
    return this.frames.handle(m);
  }

  /** The socket's state: a new socket proves the tablet's identity again. */
  signalingState(state) {
    if (state === 'connected') return;
    this.published = false;
    this.started = false;
    this.feed.setOnline(false);
    this.frames.lost();
    delete this.doc.body.dataset.messages;
  }

  /** The patient saw that `device`'s security code changed: messages to it are no longer held. */
  codeSeen(device) {
    this.frames.run(() => this.messaging?.acknowledge(device));
  }

  /** The 60-digit and 6-digit codes with a family device, for the dialog. */
  async showCode(device) {
    const who = this.family.find((d) => d.device === device);
    if (!this.messaging || !who) return;
    const codes = await this.messaging.safetyCodeWith(device);
    this.screen.showSafetyCode({ device, name: who.name, peer: 'person', shortCode: codes.short, fullCode: codes.code });
  }

  async #circle({ circle, devices }) {
    if (!circle) {
      if (this.scope) await this.#leave();
      return;
    }
    if (circle !== this.scope) await this.#enter(circle);
    if (!this.published) {
      // Each socket proves the tablet's identity again (the circle may already list it, from an
      // earlier page); the server answers with the circle once more, and the relay is open then.
      this.published = true;
      this.send({ v: 1, type: 'e2ee_identity', identity: toBase64Url(this.device.identity.record) });
      return;
    }
    if (!devices.some((d) => d.device === this.self)) return;
    if (!this.started) {
      this.started = true;
      await this.messaging.start();
      this.feed.setOnline(true);
      this.doc.body.dataset.messages = 'ready';
    }
    const tablet = devices.find((d) => d.role !== FAMILY);
    this.feed.setTablet(tablet && tablet.device);
    this.family = devices.filter((d) => d.role === FAMILY).map(({ device, name }) => ({ device, name }));
    const review = await this.messaging.circleChanged({ devices });
    this.#warnings(review);
    this.#codeButtons();
  }

  // A new patient stay: nothing of the last one stays (docs/e2ee.md, "A tablet identity per patient stay").
  async #enter(circle) {
    await this.#leave();
    await forgetOtherScopes(circle);
    const { identity } = await loadOrCreateIdentity(circle);
    this.store = await Store.open(circle);
    this.device = new Device({ store: this.store, identity, acceptFirstSession: tabletAcceptsFirstSession(this.store) });
    this.messaging = new Messaging({ device: this.device, transport: this.frames.transport, role: 'patient', onEvent: (e) => this.feed.event(e) });
    this.self = toBase64Url(identity.deviceId);
    this.scope = circle;
    this.published = false;
    this.started = false;
    await this.feed.open(this.messaging, this.store);
  }

  async #leave() {
    this.frames.lost();
    this.store?.close();
    Object.assign(this, { scope: null, messaging: null, store: null, self: null, family: [] });
    this.feed.clear();
    this.screen.setCodeWarnings([]);
    this.#codeButtons();
  }

  #warnings(review) {
    const changed = review.changed.map((device) => ({ device, name: this.family.find((d) => d.device === device)?.name ?? '' }));
    if (changed.length > 0) this.screen.setCodeWarnings(changed);
  }

  // The Messages screen's "Security code with Jean" buttons, one per family device.
  #codeButtons() {
    if (!this.codes) return;
    this.codes.replaceChildren(...this.family.map(({ device, name }) => {
      const b = this.doc.createElement('button');
      b.type = 'button';
      b.className = 'kiosk-button kiosk-codes__open';
      b.dataset.device = device;
      b.textContent = this.t('safety.title', { name });
      b.addEventListener('click', () => this.showCode(device));
      return b;
    }));
    this.codes.hidden = this.family.length === 0;
  }

  // During a call, a relative's tile gets its security code button (the first device of that name).
  #tileButtons(grid) {
    for (const tile of grid.querySelectorAll('.call-tile[data-role="family"]')) {
      const who = this.family.find((d) => d.name === tile.dataset.name);
      let button = tile.querySelector('.call-tile__code');
      if (!who) {
        button?.remove();
        continue;
      }
      if (button?.dataset.device === who.device) continue;
      button?.remove();
      button = this.doc.createElement('button');
      button.type = 'button';
      button.className = 'kiosk-button call-tile__code';
      button.dataset.device = who.device;
      button.textContent = this.t('kiosk.messages.code');
      button.addEventListener('click', () => this.showCode(who.device));
      tile.append(button);
    }
  }
}
