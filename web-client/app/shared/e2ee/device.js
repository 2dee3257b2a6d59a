// One device's sessions with its peers, kept in its Store (store.js): encrypting a plaintext to a
// peer (starting a session from its bundle when there is none) and receiving an envelope (a new
// session from a prekey message, or one of the peer's sessions), each step under the scope's Web
// Lock and written in one transaction before it returns, so that the caller acknowledges an
// envelope only once its effect is kept (docs/e2ee.md, "Double Ratchet", "State").
//
// Rules kept here: at most 2 sessions per peer, the first the one that sends; two starts at once
// keep the one started by the device with the smaller id, the other for decryption only, 7 days;
// a one-time prekey's private key is deleted when a prekey message using it decrypts; an accepted
// EK_A is remembered as long as its signed prekey, and a repeat refused; after 3 envelopes in a row
// that do not decrypt, the next message starts a new session.

import { E2eeError, compareBytes, equalBytes, sha256, toBase64Url } from './primitives.js';
import { PREKEY_MESSAGE, parseEnvelope } from './envelope.js';
import { decodePlaintext, encodePlaintext } from './plaintext.js';
import { NO_PSK_ID } from './x3dh.js';
import { acceptSession, decrypt, encrypt, isSameStart, startSession } from './session.js';
import { SIGNED_PREKEY_KEPT } from './prekeys.js';
import * as pool from './prekey-pool.js';

export const MAX_SESSIONS_PER_PEER = 2;
export const OLD_SESSION_KEPT = 7 * 24 * 60 * 60 * 1000;
export const FAILURES_BEFORE_RESTART = 3;
export const MAX_SKIPPED_PER_DEVICE = 2000;

export class Device {
  /**
   * `store` a Store, `identity` this device's (identity.js), `now()` the time in ms, `keys` an
   * optional ratchet key source (session.js). `acceptFirstSession({peer, psk})` says whether a
   * first session from a peer never seen may start (the kiosk: only with a live link's value; psk
   * is the psks record or null); by default any may.
   */
  constructor({ store, identity, now = () => Date.now(), keys, acceptFirstSession = () => true }) {
    Object.assign(this, { store, identity, now, keys, acceptFirstSession });
  }

  /** Prekeys due for upload (prekey-pool.js), or null; `resendSigned` adds the current signed prekey. */
  prekeysDue({ oneTimeLeft, resendSigned = false } = {}) {
    return this.store.locked(() => pool.due(this.store, this.identity, this.now(), { oneTimeLeft, resendSigned }));
  }

  /** The server's `e2ee_prekeys_state`: notes what was handed out, returns what to upload or null. */
  prekeysState({ oneTimeLeft, handedOut }) {
    return this.store.locked(async () => {
      await pool.handedOut(this.store, handedOut ?? [], this.now());
      return pool.due(this.store, this.identity, this.now(), { oneTimeLeft });
    });
  }

  /**
   * The envelope (bytes) of `message` (a plaintext.js message) for `peer` (16 bytes). Without a
   * session that sends, one starts from `await bundle()` ({identity, signedPrekey, oneTime?}) and
   * `psk` (the link secret's value, or null).
   */
  encryptFor(peer, message, { bundle, psk = null } = {}) {
    const plaintext = encodePlaintext(message);
    const id = toBase64Url(peer);
    return this.store.locked(async () => {
      const now = this.now();
      const record = await this.store.read('sessions', id);
      const peerRecord = (await this.store.read('peers', id)) ?? { failures: 0 };
      let sessions = record?.sessions ?? [];
      if (sessions.length === 0 || peerRecord.failures >= FAILURES_BEFORE_RESTART) {
        if (!bundle) throw new E2eeError('e2ee_no_session', 'no session with this device and no bundle to start one');
        const fresh = await startSession({ identity: this.identity, bundle: await bundle(), expectedDevice: peer, psk, now, keys: this.keys });
        sessions = [fresh, ...sessions].slice(0, MAX_SESSIONS_PER_PEER);
      }
      const out = await encrypt(sessions[0], this.identity, plaintext, { now });
      await this.store.write([
        { store: 'sessions', id, value: { sessions: [out.state, ...sessions.slice(1)] } },
        { store: 'peers', id, value: { ...peerRecord, failures: 0 } },
      ]);
      return out.envelope;
    });
  }

  /**
   * Decrypts an envelope (bytes) for this device: {from (16 bytes), message, firstSession,
   * withPsk, psk (the psks record used, or null)}. Throws E2eeError: the envelope codes,
   * envelope_wrong_device, e2ee_replay, prekey_unknown, psk_unknown, e2ee_first_session_refused,
   * decrypt_failed (with `restart` true after 3 in a row), or a plaintext code. Nothing is kept
   * of an envelope that does not decrypt but the count of failures.
   */
  receive(bytes) {
    const envelope = parseEnvelope(bytes);
    if (!equalBytes(envelope.recipient, this.identity.deviceId)) throw new E2eeError('envelope_wrong_device', 'the envelope is another device\'s');
    const id = toBase64Url(envelope.sender);
    return this.store.locked(async () => {
      const now = this.now();
      const sessions = (await this.store.read('sessions', id))?.sessions ?? [];
      const peerRecord = (await this.store.read('peers', id)) ?? { failures: 0 };
      let result;
      try {
        result = await this.#open(envelope, sessions, now);
      } catch (e) {
        const failures = peerRecord.failures + 1;
        await this.store.write([{ store: 'peers', id, value: { ...peerRecord, failures } }]);
        if (e instanceof E2eeError) e.restart = failures >= FAILURES_BEFORE_RESTART;
        throw e;
      }
      const kept = result.sessions.filter((s, i) => i === 0 || now - (s.lastUsed ?? s.createdAt) < OLD_SESSION_KEPT);
      await this.store.write([
        { store: 'sessions', id, value: { sessions: kept } },
        { store: 'peers', id, value: { ...peerRecord, failures: 0 } },
        ...result.changes,
        ...(await this.#trimSkipped(id, kept)),
      ]);
      // It decrypted, so it is the peer's: the session moves on even if what it says is malformed.
      const message = decodePlaintext(result.plaintext);
      const { withPsk } = result.sessions[result.index];
      return { from: envelope.sender, message, firstSession: result.first, withPsk, psk: result.psk ?? null };
    });
  }

  async #open(envelope, sessions, now) {
    const opts = { keys: this.keys, now };
    if (envelope.type === PREKEY_MESSAGE) {
      for (const [index, s] of sessions.entries()) {
        if (await isSameStart(s, envelope)) return this.#withSession(sessions, index, await decrypt(s, envelope, opts));
      }
      return this.#newSession(envelope, sessions, now);
    }
    let last = new E2eeError('envelope_not_prekey', 'a session starts with a prekey message');
    for (const [index, s] of sessions.entries()) {
      try {
        return this.#withSession(sessions, index, await decrypt(s, envelope, opts));
      } catch (e) {
        last = e;
      }
    }
    throw last;
  }

  #withSession(sessions, index, { state, plaintext }) {
    const next = sessions.slice();
    next[index] = state;
    return { sessions: next, index, plaintext, changes: [], first: false };
  }

  async #newSession(envelope, sessions, now) {
    const { prekey } = envelope;
    const ek = toBase64Url(await sha256(prekey.ephemeral));
    if (await this.store.read('seen', ek)) throw new E2eeError('e2ee_replay', 'this first message was already accepted');
    const spk = await this.store.read('prekeys', `s${prekey.spkId}`);
    const opk = prekey.opkId ? await this.store.read('prekeys', `o${prekey.opkId}`) : null;
    const kept = equalBytes(prekey.pskId, NO_PSK_ID) ? null : await this.store.read('psks', toBase64Url(prekey.pskId));
    const psk = kept && kept.until > now ? kept : null; // past its visit's end, a link's value is no longer held
    if (sessions.length === 0 && !(await this.acceptFirstSession({ peer: envelope.sender, psk }))) {
      throw new E2eeError('e2ee_first_session_refused', 'a first session from this device needs a live link');
    }
    const lookup = {
      signedPrekey: async () => spk?.pair ?? null,
      oneTimePrekey: async () => opk?.pair ?? null,
      psk: async () => psk?.psk ?? null,
    };
    const { state, plaintext } = await acceptSession({ identity: this.identity, envelope, lookup, now, keys: this.keys });
    // Two starts at once: the session of the device with the smaller id sends (docs/e2ee.md).
    const ours = sessions[0];
    const keepOurs = ours && ours.initiator && !ours.confirmed && compareBytes(this.identity.deviceId, envelope.sender) < 0;
    const next = (keepOurs ? [ours, state] : [state, ...sessions]).slice(0, MAX_SESSIONS_PER_PEER);
    const changes = [{ store: 'seen', id: ek, value: { spkId: prekey.spkId, at: now } }];
    if (opk) changes.push({ store: 'prekeys', id: `o${prekey.opkId}`, value: undefined });
    return { sessions: next, index: next.indexOf(state), plaintext, changes, first: true, psk };
  }

  /** Deletes every session with `peer` (it left the circle). */
  forgetPeer(peer) {
    const id = toBase64Url(peer);
    return this.store.locked(() => this.store.write([
      { store: 'sessions', id, value: undefined }, { store: 'peers', id, value: undefined }]));
  }

  /** Keeps a link secret's value (the kiosk: from `e2ee_link_secret`; a family page: its own link's). */
  async keepPsk({ psk, pskId, until, invite = null, contact = null }) {
    await this.store.locked(() => this.store.write([{ store: 'psks', id: toBase64Url(pskId), value: { psk, until, invite, contact } }]));
  }

  /** Deletes link secrets' values past their visit's end and EK_A hashes past their signed prekey's life. */
  purge() {
    return this.store.locked(async () => {
      const now = this.now();
      const changes = [];
      for (const { id, value } of await this.store.readAll('psks')) if (value.until <= now) changes.push({ store: 'psks', id, value: undefined });
      for (const { id, value } of await this.store.readAll('seen')) {
        if (now - value.at > SIGNED_PREKEY_KEPT + OLD_SESSION_KEPT) changes.push({ store: 'seen', id, value: undefined });
      }
      await this.store.write(changes);
    });
  }

  // At most 2000 skipped message keys on the device, across its sessions: the oldest go first.
  async #trimSkipped(changedId, changedSessions) {
    const all = (await this.store.readAll('sessions')).map((r) => (r.id === changedId ? { id: r.id, value: { sessions: changedSessions } } : r));
    if (!all.some((r) => r.id === changedId)) all.push({ id: changedId, value: { sessions: changedSessions } });
    const keys = all.flatMap((r) => r.value.sessions.flatMap((s) => s.skipped.map((k) => k.at)));
    if (keys.length <= MAX_SKIPPED_PER_DEVICE) return [];
    const cut = keys.sort((a, b) => a - b)[keys.length - MAX_SKIPPED_PER_DEVICE];
    return all.filter((r) => r.value.sessions.some((s) => s.skipped.some((k) => k.at < cut)))
      .map((r) => ({ store: 'sessions', id: r.id, value: { sessions: r.value.sessions.map((s) => ({ ...s, skipped: s.skipped.filter((k) => k.at >= cut) })) } }));
  }
}
