// Prekeys (docs/e2ee.md, "Prekeys", X3DH §3.2): the signed prekey record
// spk_id (4) || created (8, ms) || SPK (32) || sig (64), where
// sig = Ed25519(IK_sig, "Lucarne signed prekey v1" || 0x00 || suite || device id || spk_id || created || SPK),
// and the one-time prekey record opk_id (4) || OPK (32), unsigned. Key pairs are
// {privateKey (CryptoKey), publicKey (32 bytes)}.

import {
  E2eeError, concat, ed25519Sign, ed25519Verify, generateKeyPair, labelPrefix, readU32, readU64, u32, u64,
} from './primitives.js';
import { SUITE } from './envelope.js';

const DAY = 24 * 60 * 60 * 1000;
export const SIGNED_PREKEY_RECORD_BYTES = 108;
export const ONE_TIME_PREKEY_RECORD_BYTES = 36;
/** A new signed prekey every 7 days; the replaced one's private key kept 31 days; at most 6 kept. */
export const SIGNED_PREKEY_EVERY = 7 * DAY;
export const SIGNED_PREKEY_KEPT = 31 * DAY;
export const MAX_SIGNED_PREKEYS = 6;
/** A sender refuses a signed prekey made more than 35 days ago or more than a day ahead. */
export const SIGNED_PREKEY_MAX_AGE = 35 * DAY;
export const SIGNED_PREKEY_MAX_AHEAD = DAY;
/** One-time prekeys: uploaded by 100, refilled under 20, at most 200 held. */
export const ONE_TIME_BATCH = 100;
export const ONE_TIME_REFILL_UNDER = 20;
export const MAX_ONE_TIME = 200;
export const ONE_TIME_HANDED_OUT_KEPT = 31 * DAY;

const generate = () => generateKeyPair('X25519');

/** What a signed prekey's signature covers. */
export function signedPart(deviceId, id, created, publicKey) {
  return concat(labelPrefix('signedPrekey'), Uint8Array.of(SUITE), deviceId, u32(id), u64(created), publicKey);
}

/** A signed prekey of `identity`: {id, created, pair, record (108 bytes)}. `pair` is made unless given. */
export async function makeSignedPrekey(identity, id, created, pair) {
  if (id < 1) throw new RangeError('signed prekey ids start at 1');
  const keys = pair ?? (await generate());
  const sig = await ed25519Sign(identity.sig.privateKey, signedPart(identity.deviceId, id, created, keys.publicKey));
  return { id, created, pair: keys, record: concat(u32(id), u64(created), keys.publicKey, sig) };
}

/**
 * A peer's signed prekey record checked against its IK_sig and device id, at `now`:
 * {id, created, publicKey}. Throws E2eeError prekey_malformed, prekey_bad_signature,
 * prekey_too_old or prekey_in_future (a server replaying an old prekey, or a clock far off).
 */
export async function verifySignedPrekey(record, sigPublic, deviceId, now) {
  if (!(record instanceof Uint8Array) || record.length !== SIGNED_PREKEY_RECORD_BYTES) {
    throw new E2eeError('prekey_malformed', `a signed prekey record is ${SIGNED_PREKEY_RECORD_BYTES} bytes`);
  }
  const id = readU32(record, 0);
  let created;
  try {
    created = readU64(record, 4);
  } catch {
    throw new E2eeError('prekey_malformed', 'its creation time is out of range');
  }
  const publicKey = record.slice(12, 44);
  if (!(await ed25519Verify(sigPublic, record.slice(44), signedPart(deviceId, id, created, publicKey)))) {
    throw new E2eeError('prekey_bad_signature', `signed prekey ${id} is not signed by the device's IK_sig`);
  }
  if (created < now - SIGNED_PREKEY_MAX_AGE) throw new E2eeError('prekey_too_old', `signed prekey ${id} was made over 35 days ago`);
  if (created > now + SIGNED_PREKEY_MAX_AHEAD) throw new E2eeError('prekey_in_future', `signed prekey ${id} is dated over a day ahead`);
  return { id, created, publicKey };
}

/** `count` one-time prekeys from id `firstId`: [{id, pair, record (36 bytes)}]. */
export async function makeOneTimePrekeys(firstId, count, pairs = []) {
  if (firstId < 1) throw new RangeError('one-time prekey ids start at 1 (0 means none)');
  const out = [];
  for (let i = 0; i < count; i++) {
    const pair = pairs[i] ?? (await generate());
    out.push({ id: firstId + i, pair, record: concat(u32(firstId + i), pair.publicKey) });
  }
  return out;
}

/** {id, publicKey} of a one-time prekey record; throws prekey_malformed. */
export function parseOneTimePrekey(record) {
  if (!(record instanceof Uint8Array) || record.length !== ONE_TIME_PREKEY_RECORD_BYTES) {
    throw new E2eeError('prekey_malformed', `a one-time prekey record is ${ONE_TIME_PREKEY_RECORD_BYTES} bytes`);
  }
  const id = readU32(record, 0);
  if (id === 0) throw new E2eeError('prekey_malformed', 'one-time prekey id 0 means none');
  return { id, publicKey: record.slice(4) };
}
