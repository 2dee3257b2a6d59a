// Binds the family link to this browser (docs/e2ee.md, "Binding a link to a browser";
// docs/protocol.md, "Devices and circles"), on every socket the page opens:
//   e2ee_hello {}  ->  e2ee_challenge {nonce}  ->  e2ee_bind {invite, identity, proof}
//   ->  e2ee_bound {device}                 this browser holds the link: the page may join
//   ->  error e2ee_link_taken               someone else's device holds it: wait for the patient or staff
//        ... later e2ee_bound | e2ee_refused
//   ->  e2ee_refused {device}               the patient or staff said no
//   ->  error invite_* / visit_ended        the link cannot be used: the join shows why
// The identity is made once per origin (shared/e2ee/identity.js) and its private keys never
// leave the browser; only the invite id is sent, never the link's secret.

import { PROOF_BIND_INVITE, signBindingProof } from '../shared/e2ee/identity.js';
import { fromBase64Url, toBase64Url } from '../shared/e2ee/primitives.js';

/** The binding's states: body[data-link] on the family page. */
export const LINK_STATES = Object.freeze(['binding', 'bound', 'waiting', 'refused', 'unusable']);
/** Refusals that mean the link itself cannot be used now; the join says which, in the call's words. */
const UNUSABLE = new Set(['invite_invalid', 'invite_revoked', 'visit_ended', 'not_allowed']);

export class LinkBinding {
  /**
   * @param {object} o
   * @param {(message: object) => void} o.send           sends one protocol message on the socket
   * @param {string} o.inviteId                           the link's invite id (never its secret)
   * @param {string} o.origin                             this page's origin, which the proof signs
   * @param {() => Promise<object>} o.identity            this browser's identity (identity.js)
   * @param {(state: string, code: ?string) => void} o.onChange
   */
  constructor({ send, inviteId, origin, identity, onChange }) {
    this._send = send;
    this._inviteId = inviteId;
    this._origin = origin;
    this._identity = identity;
    this._onChange = onChange;
    this.state = 'binding';
    this.code = null;
    this._whenBound = [];
  }

  /** A new socket said welcome: bind again on it (the proof is per socket); `then` runs once bound. */
  connected(then) {
    if (then) this._whenBound.push(then);
    if (this.state === 'refused') return;
    this._set(this.state === 'waiting' ? 'waiting' : 'binding', null);
    this._send({ v: 1, type: 'e2ee_hello' });
  }

  /** A server message; true when it was the binding's. */
  handle(m) {
    switch (m.type) {
      case 'e2ee_challenge':
        this._bind(m.nonce).catch((e) => {
          console.warn(`Lucarne: this browser could not sign its link: ${e && e.message}`);
          this._set('unusable', 'e2ee_bad_proof');
        });
        return true;
      case 'e2ee_bound':
        this._set('bound', null);
        this._whenBound.splice(0).forEach((f) => f());
        return true;
      case 'e2ee_refused':
        this._set('refused', null);
        this._whenBound.length = 0;
        return true;
      case 'error':
        if (m.code === 'e2ee_link_taken') {
          this._set('waiting', null);
          return true;
        }
        if (this.state === 'binding' && (UNUSABLE.has(m.code) || m.code === 'e2ee_bad_proof')) {
          this._set('unusable', m.code);
          this._whenBound.splice(0).forEach((f) => f()); // the join then shows why, as for any refused link
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  async _bind(nonce) {
    const identity = await this._identity();
    const proof = await signBindingProof(identity, PROOF_BIND_INVITE, this._origin, this._inviteId,
      fromBase64Url(nonce, 32));
    this._send({
      v: 1, type: 'e2ee_bind', invite: this._inviteId, identity: toBase64Url(identity.record), proof: toBase64Url(proof),
    });
  }

  _set(state, code) {
    const changed = state !== this.state || code !== this.code;
    this.state = state;
    this.code = code;
    if (changed) this._onChange(state, code);
  }
}
