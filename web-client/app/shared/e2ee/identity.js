// A device's identity (docs/e2ee.md, "Identity"): an Ed25519 key pair IK_sig that signs and an
// X25519 key pair IK_dh for X3DH, made once on the device, private keys non-extractable, kept in
// IndexedDB ("lucarne-e2ee") under a scope name: the kiosk scopes by its circle id (a new patient
// stay, a new identity), the family page by its origin.
//
//   loadOrCreateIdentity(scope)      -> identity (made and stored at first use; persistence asked)
//   forgetIdentity(scope)            -> deletes the identity and everything else of the scope
//   forgetOtherScopes(scope)         -> the kiosk, when its circle id changes: deletes every other scope
//   identityFromKeyPairs(sig, dh)    -> identity from two key pairs (pure; tests give fixed keys)
//   verifyIdentityRecord(record)     -> {sigPublic, dhPublic, idSig, deviceId} of a peer's 128 bytes
//   signBindingProof(identity, kind, origin, subject, challenge) -> 64-byte proof
//
// An identity is {sig: {privateKey, publicKey (32)}, dh: {privateKey, publicKey (32)}, idSig (64),
// record (128) = IK_sig || IK_dh || id_sig, deviceId (16)}; private keys are CryptoKeys.

import {
  E2eeError, ascii, concat, ed25519Sign, ed25519Verify, exportPublic, generateKeyPair, labelPrefix, sha256,
} from './primitives.js';
import { done, forgetScope, openDatabase, scopes, transact, withLock } from './db.js';

export const IDENTITY_RECORD_BYTES = 128;
export const DEVICE_ID_BYTES = 16;
export const CHALLENGE_BYTES = 32;
/** Binding proof kinds (docs/e2ee.md, "Binding a link to a browser", steps 2 and 4). */
export const PROOF_BIND_INVITE = 1;
export const PROOF_DEVICE_HELLO = 2;

const INVITE_ID = /^[A-Za-z0-9_-]{43}$/;

/** The device id of a pair of public keys: SHA-256("Lucarne device id v1" || 0x00 || IK_sig || IK_dh)[0..16]. */
export async function deviceIdOf(sigPublic, dhPublic) {
  return (await sha256(concat(labelPrefix('deviceId'), sigPublic, dhPublic))).slice(0, DEVICE_ID_BYTES);
}

/**
 * The identity of two key pairs, each {privateKey, publicKey} with publicKey a CryptoKey or its 32
 * bytes: signs IK_dh with IK_sig (id_sig) and computes the record and the device id.
 */
export async function identityFromKeyPairs(sigPair, dhPair) {
  const sigPublic = await publicBytes(sigPair.publicKey);
  const dhPublic = await publicBytes(dhPair.publicKey);
  const idSig = await ed25519Sign(sigPair.privateKey, concat(labelPrefix('identityDh'), dhPublic));
  return {
    sig: { privateKey: sigPair.privateKey, publicKey: sigPublic },
    dh: { privateKey: dhPair.privateKey, publicKey: dhPublic },
    idSig,
    record: concat(sigPublic, dhPublic, idSig),
    deviceId: await deviceIdOf(sigPublic, dhPublic),
  };
}

async function publicBytes(key) {
  const bytes = key instanceof Uint8Array ? key : await exportPublic(key);
  if (bytes.length !== 32) throw new E2eeError('identity_malformed', 'a public key is 32 bytes');
  return bytes;
}

/** A fresh identity with non-extractable private keys (not stored). */
export async function createIdentity() {
  return identityFromKeyPairs(await generateKeyPair('Ed25519'), await generateKeyPair('X25519'));
}

/**
 * A peer's identity record checked: 128 bytes whose id_sig verifies. Throws E2eeError
 * `identity_malformed` (length) or `identity_bad_signature`.
 */
export async function verifyIdentityRecord(record) {
  if (!(record instanceof Uint8Array) || record.length !== IDENTITY_RECORD_BYTES) {
    throw new E2eeError('identity_malformed', `an identity record is ${IDENTITY_RECORD_BYTES} bytes`);
  }
  const sigPublic = record.slice(0, 32);
  const dhPublic = record.slice(32, 64);
  const idSig = record.slice(64);
  if (!(await ed25519Verify(sigPublic, idSig, concat(labelPrefix('identityDh'), dhPublic)))) {
    throw new E2eeError('identity_bad_signature', 'id_sig does not verify under IK_sig');
  }
  return { sigPublic, dhPublic, idSig, deviceId: await deviceIdOf(sigPublic, dhPublic) };
}

/**
 * The signed bytes of a binding proof: "Lucarne link binding v1" || 0x00 || kind || origin (ASCII)
 * || 0x00 || subject || challenge, where subject is the invite id's 43 ASCII characters (kind 1)
 * or the device id's 16 bytes (kind 2).
 */
export function bindingProofMessage(kind, origin, subject, challenge) {
  let subjectBytes;
  if (kind === PROOF_BIND_INVITE) {
    if (typeof subject !== 'string' || !INVITE_ID.test(subject)) {
      throw new E2eeError('bad_proof_input', 'an invite id is 43 base64url characters');
    }
    subjectBytes = ascii(subject);
  } else if (kind === PROOF_DEVICE_HELLO) {
    if (!(subject instanceof Uint8Array) || subject.length !== DEVICE_ID_BYTES) {
      throw new E2eeError('bad_proof_input', 'a device id is 16 bytes');
    }
    subjectBytes = subject;
  } else {
    throw new E2eeError('bad_proof_input', `proof kind ${kind} is neither 1 (bind) nor 2 (hello)`);
  }
  if (typeof origin !== 'string' || !/^https?:\/\/[!-~]+$/.test(origin)) {
    throw new E2eeError('bad_proof_input', 'the origin is "https://host[:port]"');
  }
  if (!(challenge instanceof Uint8Array) || challenge.length !== CHALLENGE_BYTES) {
    throw new E2eeError('bad_proof_input', `a challenge is ${CHALLENGE_BYTES} bytes`);
  }
  return concat(labelPrefix('linkBinding'), Uint8Array.of(kind), ascii(origin), Uint8Array.of(0), subjectBytes, challenge);
}

/** The 64-byte proof (Ed25519 with IK_sig) of `bindingProofMessage(kind, origin, subject, challenge)`. */
export async function signBindingProof(identity, kind, origin, subject, challenge) {
  return ed25519Sign(identity.sig.privateKey, bindingProofMessage(kind, origin, subject, challenge));
}

/**
 * The identity of `scope`, made and stored at first use. Two tabs asking at once get the same
 * identity (a Web Lock). Asks the browser to keep the site's storage (`navigator.storage.persist()`)
 * when it makes one; `persisted` says whether it agreed (false: it may evict it under pressure).
 * Options: `indexedDB` (an IDBFactory, the page's by default).
 * Resolves with {identity, created, persisted}.
 */
export async function loadOrCreateIdentity(scope, { indexedDB = globalThis.indexedDB } = {}) {
  checkScope(scope);
  const db = await openDatabase(indexedDB);
  try {
    return await withLock(`identity:${scope}`, async () => {
      const kept = await transact(db, ['identity'], 'readonly', (s) => done(s.identity.get([scope, 'self'])));
      if (kept) return { identity: kept.identity, created: false, persisted: await isPersisted() };
      const identity = await createIdentity();
      await transact(db, ['identity'], 'readwrite', (s) =>
        done(s.identity.add({ identity, createdAt: Date.now() }, [scope, 'self'])));
      return { identity, created: true, persisted: await askPersistence() };
    });
  } finally {
    db.close();
  }
}

/** Deletes the identity of `scope` and every session, prekey and key kept under it. */
export async function forgetIdentity(scope, { indexedDB = globalThis.indexedDB } = {}) {
  checkScope(scope);
  const db = await openDatabase(indexedDB);
  try {
    await withLock(`identity:${scope}`, () => forgetScope(db, scope));
  } finally {
    db.close();
  }
}

/**
 * Deletes every scope but `scope`, each with its identity, sessions and keys: the kiosk calls it
 * when the server names a new circle id (a new patient stay), so nothing of one patient stays for
 * the next. Resolves with the scopes deleted.
 */
export async function forgetOtherScopes(scope, { indexedDB = globalThis.indexedDB } = {}) {
  checkScope(scope);
  const db = await openDatabase(indexedDB);
  try {
    const others = (await scopes(db)).filter((s) => s !== scope);
    for (const other of others) await withLock(`identity:${other}`, () => forgetScope(db, other));
    return others;
  } finally {
    db.close();
  }
}

function checkScope(scope) {
  if (typeof scope !== 'string' || scope.length === 0 || scope.length > 200) {
    throw new E2eeError('bad_scope', 'a scope is a name of 1–200 characters');
  }
}

async function askPersistence() {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}

async function isPersisted() {
  const storage = globalThis.navigator?.storage;
  try {
    return storage?.persisted ? await storage.persisted() : false;
  } catch {
    return false;
  }
}
