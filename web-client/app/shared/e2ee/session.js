// A pairwise session: the X3DH start (x3dh.js) and the Double Ratchet (DR §3, functions of DR
// §5.2; docs/e2ee.md, "Double Ratchet"). Pure: every function takes a state and returns a new
// one, never changing the one given, so a message that does not decrypt leaves the session as it
// was (DR §3.5). A state is structured-cloneable (IndexedDB): keys as bytes, ratchet private keys
// as CryptoKeys.
//
//   startSession({identity, bundle, expectedDevice, psk, now, keys}) -> state      (initiator)
//   acceptSession({identity, envelope, lookup, now, keys}) -> {state, plaintext}  (responder)
//   encrypt(state, identity, plaintext, {keys, now}) -> {state, envelope}
//   decrypt(state, envelope, {keys, now}) -> {state, plaintext}
//
// `keys` = {generate(): Promise<{privateKey, publicKey}>} makes ratchet key pairs (X25519 by
// default; test vectors give theirs). `envelope` to decrypt is parseEnvelope's result.

import {
  E2eeError, ZERO_SALT, aesGcmDecrypt, aesGcmEncrypt, concat, equalBytes, generateKeyPair, hkdf, hmacSha256,
  label, sha256, x25519,
} from './primitives.js';
import { NORMAL_MESSAGE, PREKEY_MESSAGE, encodeHeader } from './envelope.js';
import { pad, unpad } from './padding.js';
import { NO_PSK_ID, initiate, respond } from './x3dh.js';
import { verifyIdentityRecord } from './identity.js';

export const MAX_SKIP = 1000;
export const MAX_SKIPPED_KEYS = 2000;
export const SKIPPED_KEY_LIFETIME = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_KEYS = Object.freeze({ generate: () => generateKeyPair('X25519') });

/** KDF_RK (DR §5.2): HKDF(dh_out, salt = rk, "Lucarne ratchet v1", 64) -> [rk, ck]. */
export async function kdfRoot(rk, dhOut) {
  const out = await hkdf(dhOut, rk, label('ratchet'), 64);
  return [out.slice(0, 32), out.slice(32)];
}

/** KDF_CK (DR §5.2): [next ck = HMAC(ck, 0x02), mk = HMAC(ck, 0x01)]. */
export async function kdfChain(ck) {
  return [await hmacSha256(ck, Uint8Array.of(2)), await hmacSha256(ck, Uint8Array.of(1))];
}

/** The AES-256 key and GCM nonce of a message key: HKDF(mk, 32 × 0x00, "Lucarne message key v1", 44). */
export async function messageKeys(mk) {
  const out = await hkdf(mk, ZERO_SALT, label('messageKey'), 44);
  return { key: out.slice(0, 32), nonce: out.slice(32) };
}

/** The initiator's new session with the device of `bundle` (DR §3.3 RatchetInitAlice). */
export async function startSession({ identity, bundle, expectedDevice, psk = null, now, keys = DEFAULT_KEYS, ephemeral }) {
  const x = await initiate({ identity, bundle, expectedDevice, psk, now, ephemeral });
  const dhs = await keys.generate();
  const [rk, cks] = await kdfRoot(x.sk, await x25519(dhs.privateKey, x.spkPublic));
  return {
    self: identity.deviceId, peer: x.peer.deviceId, peerIdentity: bundle.identity, ad: x.ad,
    rk, dhs, dhr: x.spkPublic, cks, ckr: null, ns: 0, nr: 0, pn: 0, skipped: [],
    pending: x.prekey, withPsk: Boolean(psk), confirmed: false, initiator: true, theirEphemeral: null, createdAt: now,
  };
}

/**
 * The responder's side (X3DH §3.4, DR §3.3 RatchetInitBob, then RatchetDecrypt): a prekey message
 * accepted, {state, plaintext}, the session existing only if the message decrypts. `lookup` finds
 * what the message names: {signedPrekey(id), oneTimePrekey(id)} -> key pair or null, psk(pskId)
 * -> PSK bytes or null (each may be async). Checks in the Java reference's order (SessionStart):
 * envelope_not_prekey, the identity's codes, envelope_wrong_device, prekey_unknown, psk_unknown,
 * then decrypt's.
 */
export async function acceptSession({ identity, envelope, lookup, now, keys = DEFAULT_KEYS }) {
  if (envelope.type !== PREKEY_MESSAGE) throw new E2eeError('envelope_not_prekey', 'a session starts with a prekey message');
  const { prekey } = envelope;
  const peer = await verifyIdentityRecord(prekey.identity);
  if (!equalBytes(peer.deviceId, envelope.sender) || !equalBytes(envelope.recipient, identity.deviceId)) {
    throw new E2eeError('envelope_wrong_device', 'the sender id is not its keys\', or the recipient is not this device');
  }
  const signedPrekey = await lookup.signedPrekey(prekey.spkId);
  const oneTime = prekey.opkId ? await lookup.oneTimePrekey(prekey.opkId) : null;
  if (!signedPrekey || (prekey.opkId && !oneTime)) throw new E2eeError('prekey_unknown', `prekey ${prekey.spkId}/${prekey.opkId} is not held`);
  let psk = null;
  if (!equalBytes(prekey.pskId, NO_PSK_ID)) {
    psk = await lookup.psk(prekey.pskId);
    if (!psk) throw new E2eeError('psk_unknown', 'the message names a link secret this device does not hold');
  }
  const x = await respond({ identity, prekey, signedPrekey, oneTime, psk });
  const state = {
    self: identity.deviceId, peer: peer.deviceId, peerIdentity: prekey.identity, ad: x.ad,
    rk: x.sk, dhs: signedPrekey, dhr: null, cks: null, ckr: null, ns: 0, nr: 0, pn: 0, skipped: [],
    pending: null, withPsk: Boolean(psk), confirmed: true, initiator: false,
    theirEphemeral: await sha256(prekey.ephemeral), createdAt: now,
  };
  return decrypt(state, envelope, { keys, now });
}

/** Encrypts `plaintext` (bytes, padded here) as the next message (DR §3.4 RatchetEncrypt). */
export async function encrypt(state, identity, plaintext, { now } = {}) {
  if (!state.cks) throw new E2eeError('e2ee_cannot_send_yet', 'a responder sends once it has received');
  const [cks, mk] = await kdfChain(state.cks);
  const header = {
    type: state.pending ? PREKEY_MESSAGE : NORMAL_MESSAGE, sender: state.self, recipient: state.peer,
    prekey: state.pending ? { identity: identity.record, ...state.pending } : undefined,
    ratchet: { publicKey: state.dhs.publicKey, pn: state.pn, n: state.ns },
  };
  const clear = encodeHeader(header);
  const { key, nonce } = await messageKeys(mk);
  const ciphertext = await aesGcmEncrypt(key, nonce, pad(plaintext), concat(state.ad, clear));
  return { state: { ...state, cks, ns: state.ns + 1, lastUsed: now ?? state.lastUsed }, envelope: concat(clear, ciphertext) };
}

/** Decrypts a parsed envelope of this session (DR §3.5 RatchetDecrypt); throws, state unchanged, when it does not. */
export async function decrypt(state, envelope, { keys = DEFAULT_KEYS, now = Date.now() } = {}) {
  checkBelongs(state, envelope);
  const s = { ...state, skipped: pruneSkipped(state.skipped, now) };
  const { publicKey, pn, n } = envelope.ratchet;
  const found = s.skipped.findIndex((k) => k.n === n && equalBytes(k.dh, publicKey));
  let mk;
  if (found >= 0) {
    mk = s.skipped[found].mk;
    s.skipped = s.skipped.filter((_, i) => i !== found);
  } else {
    if (!s.dhr || !equalBytes(publicKey, s.dhr)) {
      await skipKeys(s, pn, now);
      await ratchetStep(s, publicKey, keys);
    }
    await skipKeys(s, n, now);
    if (!s.ckr) throw new E2eeError('decrypt_failed', 'no receiving chain');
    [s.ckr, mk] = await kdfChain(s.ckr);
    s.nr += 1;
  }
  const { key, nonce } = await messageKeys(mk);
  const padded = await aesGcmDecrypt(key, nonce, envelope.ciphertext, concat(s.ad, envelope.clear));
  const plaintext = unpad(padded);
  return { state: { ...s, pending: null, confirmed: true, lastUsed: now }, plaintext };
}

function checkBelongs(state, envelope) {
  if (!equalBytes(envelope.sender, state.peer) || !equalBytes(envelope.recipient, state.self)) {
    throw new E2eeError('envelope_wrong_device', 'the envelope is not of this session');
  }
}

/** Whether a prekey message `envelope` is one more first message of this (responder's) session. */
export async function isSameStart(state, envelope) {
  return Boolean(state.theirEphemeral && envelope.prekey
    && equalBytes(state.theirEphemeral, await sha256(envelope.prekey.ephemeral)));
}

// DR §3.5 SkipMessageKeys: keeps the keys of messages not yet received, MAX_SKIP at most per chain.
async function skipKeys(s, until, now) {
  if (!s.ckr) return;
  if (until - s.nr > MAX_SKIP) throw new E2eeError('too_many_skipped', `${until - s.nr} messages skipped, at most ${MAX_SKIP}`);
  const added = [];
  while (s.nr < until) {
    let mk;
    [s.ckr, mk] = await kdfChain(s.ckr);
    added.push({ dh: s.dhr, n: s.nr, mk, at: now });
    s.nr += 1;
  }
  s.skipped = [...s.skipped, ...added].slice(-MAX_SKIPPED_KEYS); // the oldest go first
}

// DR §3.5 DHRatchet.
async function ratchetStep(s, theirKey, keys) {
  s.pn = s.ns;
  s.ns = 0;
  s.nr = 0;
  s.dhr = theirKey;
  [s.rk, s.ckr] = await kdfRoot(s.rk, await x25519(s.dhs.privateKey, theirKey));
  s.dhs = await keys.generate();
  [s.rk, s.cks] = await kdfRoot(s.rk, await x25519(s.dhs.privateKey, theirKey));
}

function pruneSkipped(skipped, now) {
  return skipped.filter((k) => now - k.at < SKIPPED_KEY_LIFETIME);
}
