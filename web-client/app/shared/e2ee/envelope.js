// The binary envelope (docs/e2ee.md, "Envelope"): its clear part and its ciphertext.
//
//   0   version 0x01        1 suite 0x01       2 type (0x01 prekey message, 0x02 normal message)
//   3   sender device id (16)                  19 recipient device id (16)
//   35  prekey messages only (184): sender's identity record (128), EK_A (32), spk_id (4),
//       opk_id (4, 0 = none), psk id (16)
//   then the ratchet header: ratchet public key (32), PN (4), N (4); then the AES-256-GCM
//   ciphertext of a padded plaintext with its 16-byte tag.
//
// Parse errors have the Java parser's codes (org.lucarne.e2ee.wire): envelope_truncated,
// envelope_unsupported, envelope_malformed.

import { E2eeError, concat, readU32, u32 } from './primitives.js';
import { isBucket } from './padding.js';

export const VERSION = 1;
export const SUITE = 1;
export const PREKEY_MESSAGE = 1;
export const NORMAL_MESSAGE = 2;
export const TAG_BYTES = 16;
/** The relay's bound (e2ee.max.envelope.bytes); the largest valid envelope (33,043 bytes) is under it. */
export const MAX_ENVELOPE_BYTES = 40 * 1024;
const PREFIX = 35;
const PREKEY_PART = 184;
const RATCHET_HEADER = 40;

/** Bytes of the clear part of an envelope of `type` (what precedes its ciphertext). */
export const clearLength = (type) => PREFIX + (type === PREKEY_MESSAGE ? PREKEY_PART : 0) + RATCHET_HEADER;

/**
 * The clear part of an envelope: {type, sender, recipient, prekey?, ratchet: {publicKey, pn, n}},
 * prekey = {identity (128), ephemeral (32), spkId, opkId, pskId (16)}.
 */
export function encodeHeader(header) {
  const { type, sender, recipient, prekey, ratchet } = header;
  if (type !== PREKEY_MESSAGE && type !== NORMAL_MESSAGE) throw new E2eeError('envelope_unsupported', `type ${type}`);
  if ((type === PREKEY_MESSAGE) !== Boolean(prekey)) throw new E2eeError('envelope_malformed', 'a prekey part only in a prekey message');
  need(sender, 16, 'sender');
  need(recipient, 16, 'recipient');
  need(ratchet.publicKey, 32, 'ratchet key');
  const parts = [Uint8Array.of(VERSION, SUITE, type), sender, recipient];
  if (prekey) {
    need(prekey.identity, 128, 'identity record');
    need(prekey.ephemeral, 32, 'EK_A');
    need(prekey.pskId, 16, 'psk id');
    parts.push(prekey.identity, prekey.ephemeral, u32(prekey.spkId), u32(prekey.opkId), prekey.pskId);
  }
  parts.push(ratchet.publicKey, u32(ratchet.pn), u32(ratchet.n));
  return concat(...parts);
}

function need(bytes, length, what) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) throw new E2eeError('envelope_malformed', `${what} is ${length} bytes`);
}

/** The envelope: its clear part, then the ciphertext (tag included). */
export function encodeEnvelope(header, ciphertext) {
  const bytes = concat(encodeHeader(header), ciphertext);
  parseEnvelope(bytes); // the same checks as a receiver's
  return bytes;
}

/**
 * Parses an envelope, with the checks in the order of the Java parser (EnvelopeHeader.parse): under
 * 3 bytes truncated; version, suite, type unsupported; under its type's clear part and a tag
 * truncated; a sealed length that is no bucket malformed (so nothing over 33,043 bytes passes).
 * Returns the header fields, `clear` (the bytes before the ciphertext, for the
 * associated data) and `ciphertext`. Throws E2eeError envelope_truncated / envelope_unsupported /
 * envelope_malformed.
 */
export function parseEnvelope(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('an envelope is a Uint8Array');
  if (bytes.length < 3) throw new E2eeError('envelope_truncated', `${bytes.length} bytes`);
  const [version, suite, type] = bytes;
  if (version !== VERSION) throw new E2eeError('envelope_unsupported', `version ${version}`);
  if (suite !== SUITE) throw new E2eeError('envelope_unsupported', `suite ${suite}`);
  if (type !== PREKEY_MESSAGE && type !== NORMAL_MESSAGE) throw new E2eeError('envelope_unsupported', `type ${type}`);
  const clear = clearLength(type);
  if (bytes.length < clear + TAG_BYTES) throw new E2eeError('envelope_truncated', `${bytes.length} bytes, a type ${type} has at least ${clear + TAG_BYTES}`);
  const sealed = bytes.length - clear - TAG_BYTES;
  if (!isBucket(sealed)) throw new E2eeError('envelope_malformed', `a padded plaintext of ${sealed} bytes is no bucket size`);
  let at = PREFIX;
  const take = (n) => bytes.slice(at, (at += n));
  const header = { version, suite, type, sender: bytes.slice(3, 19), recipient: bytes.slice(19, 35) };
  if (type === PREKEY_MESSAGE) {
    const identity = take(128);
    const ephemeral = take(32);
    const spkId = readU32(bytes, at); at += 4;
    const opkId = readU32(bytes, at); at += 4;
    header.prekey = { identity, ephemeral, spkId, opkId, pskId: take(16) };
  }
  const publicKey = take(32);
  header.ratchet = { publicKey, pn: readU32(bytes, at), n: readU32(bytes, at + 4) };
  at += 8;
  return { ...header, clear: bytes.slice(0, clear), ciphertext: bytes.slice(clear) };
}
