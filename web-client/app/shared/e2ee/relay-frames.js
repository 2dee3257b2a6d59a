// The relay's frames for a page's messages (the kiosk's and the family page's glue): one Transport
// whose callbacks go to a Messaging and a MessageFeed, and the frames whose work must be done one at
// a time, in order (a delivery decrypted, kept and acknowledged before the next is opened; a link
// secret's value kept before the envelope that needs it), whatever each awaits.
//
//   const frames = new RelayFrames({ send, messaging: () => messaging, feed, circle: (m) => work });
//   frames.transport          the Transport (transport.js)
//   frames.run(work)          queues work after every frame taken before
//   frames.handle(message)    true when it was E2EE's: `e2ee_circle` goes to `circle` in order, the
//                             relay's frames to the transport once there is a Messaging
//   frames.lost()             the socket is gone: requests waiting are refused (e2ee_offline)

import { Transport } from './transport.js';
import { toBase64Url } from './primitives.js';

/** The relay's frames whose work is awaited before the next frame is taken. */
const IN_ORDER = new Set(['e2ee_deliver', 'e2ee_link_secret', 'e2ee_prekeys_state', 'e2ee_delivered']);

export class RelayFrames {
  /**
   * @param {object} o
   * @param {(message: object) => void} o.send  one frame on the socket
   * @param {() => import('./messaging.js').Messaging} o.messaging  the device's, once it has one
   * @param {import('../messages/message-feed.js').MessageFeed} o.feed
   * @param {(message: object) => Promise<void>} o.circle  what an `e2ee_circle` does
   */
  constructor({ send, messaging, feed, circle }) {
    this.messaging = messaging;
    this.circle = circle;
    this.work = Promise.resolve();
    this.pending = null; // the work a transport callback started, for run() to await
    const leave = (promise) => { this.pending = promise; };
    this.transport = new Transport({
      send,
      on: {
        deliver: (d) => leave(messaging().deliver(d)),
        delivered: ({ recipient, seq }) => leave(feed.delivered(toBase64Url(recipient), seq)),
        prekeysState: (s) => leave(messaging().prekeysState(s)),
        linkSecret: (s) => leave(messaging().linkSecret(s)),
      },
    });
  }

  /** The socket is gone: every request waiting for an answer is refused with `e2ee_offline`. */
  lost() {
    this.transport.closed();
  }

  /** Runs `work` after every frame and work queued before; a failure is logged (by its code), not thrown. */
  run(work) {
    this.work = this.work.then(work).catch((e) => console.warn(`Lucarne: messages: ${e && (e.code || e.message)}`));
  }

  /** A server frame: true when it was E2EE's (its work queued or, for an answer, done). */
  handle(m) {
    if (m.type === 'e2ee_circle') {
      this.run(() => this.circle(m));
      return true;
    }
    if (!this.messaging()) return false;
    if (!IN_ORDER.has(m.type)) return this.transport.handle(m);
    this.run(() => {
      this.pending = null;
      this.transport.handle(m); // its callback leaves its work in this.pending
      return this.pending;
    });
    return true;
  }
}
