// The cryptographic primitives of suite 1 (docs/e2ee.md, "Suites"), WebCrypto only, and the
// encodings and labels every other E2EE module uses. No state: every function takes what it needs.
//
// Private keys are CryptoKeys (non-extractable in production); public keys are their 32-byte
// encodings (RFC 7748 §5 for X25519, RFC 8032 §5.1.5 for Ed25519); everything else is a Uint8Array.

const subtle = () => globalThis.crypto.subtle;

/** An error of the protocol with a stable `code` (as the Java side's codes). */
export class E2eeError extends Error {
  constructor(code, detail) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'E2eeError';
    this.code = code;
  }
}

// ---- labels (docs/e2ee.md, "Encodings and labels") ----

export const LABELS = Object.freeze({
  identityDh: 'Lucarne identity dh key v1',
  deviceId: 'Lucarne device id v1',
  signedPrekey: 'Lucarne signed prekey v1',
  linkBinding: 'Lucarne link binding v1',
  invitePsk: 'Lucarne invite psk v1',
  invitePskId: 'Lucarne invite psk id v1',
  x3dh: 'Lucarne X3DH v1',
  ratchet: 'Lucarne ratchet v1',
  messageKey: 'Lucarne message key v1',
  photoChunk: 'Lucarne photo chunk v1',
  safetyCode: 'Lucarne safety code v1',
  shortSafetyCode: 'Lucarne short safety code v1',
});

/** A label's ASCII bytes. */
export function label(name) {
  const text = LABELS[name];
  if (text === undefined) throw new Error(`no label ${name}`);
  return ascii(text);
}

/** A label followed by one 0x00, as it prefixes signed data. */
export function labelPrefix(name) {
  return concat(label(name), Uint8Array.of(0));
}

// ---- bytes ----

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** ASCII bytes of `text`; refuses anything outside 0x01–0x7f (a 0x00 would blur a boundary). */
export function ascii(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c > 0x7f) throw new E2eeError('not_ascii', `character ${i} of a value that must be ASCII`);
    out[i] = c;
  }
  return out;
}

export const utf8 = (text) => new TextEncoder().encode(text);

/** `n` as 4 bytes, big-endian. */
export function u32(n) {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`not a 32-bit unsigned integer: ${n}`);
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** `n` (a safe integer, e.g. epoch ms) as 8 bytes, big-endian. */
export function u64(n) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a safe unsigned integer: ${n}`);
  return concat(u32(Math.floor(n / 2 ** 32)), u32(n % 2 ** 32));
}

export function readU32(bytes, at) {
  return ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3];
}

export function readU64(bytes, at) {
  const value = readU32(bytes, at) * 2 ** 32 + readU32(bytes, at + 4);
  if (!Number.isSafeInteger(value)) throw new E2eeError('not_safe_integer', `a 64-bit value over 2^53 at byte ${at}`);
  return value;
}

export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Byte order: negative when `a` sorts first. */
export function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/** `n` random bytes (getRandomValues gives at most 65,536 at a time). */
export function randomBytes(n) {
  const out = new Uint8Array(n);
  for (let at = 0; at < n; at += 65536) globalThis.crypto.getRandomValues(out.subarray(at, Math.min(n, at + 65536)));
  return out;
}

const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64U[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/**
 * The bytes of canonical base64url without padding; throws `bad_base64url` for anything else
 * (padding, other alphabets, whitespace, a length of 1 mod 4, non-zero unused bits).
 * With `length`, the decoded bytes must be exactly that long.
 */
export function fromBase64Url(text, length) {
  if (typeof text !== 'string' || text.length % 4 === 1) throw new E2eeError('bad_base64url', 'not base64url');
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const v = B64U.indexOf(text[i]);
    if (v < 0) throw new E2eeError('bad_base64url', `character ${i} is not base64url`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new E2eeError('bad_base64url', 'not canonical (unused bits set)');
  if (length !== undefined && out.length !== length) {
    throw new E2eeError('bad_base64url', `${out.length} bytes where ${length} are expected`);
  }
  return out;
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex) {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new Error(`not hex: ${hex}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// ---- hashes, MAC, KDF ----

export async function sha256(data) {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}

export async function sha512(data) {
  return new Uint8Array(await subtle().digest('SHA-512', data));
}

/** HMAC-SHA-256 (RFC 2104) of `data` under `key` (bytes). */
export async function hmacSha256(key, data) {
  const k = await subtle().importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', k, data));
}

/** HKDF-SHA-256 (RFC 5869): `length` bytes. */
export async function hkdf(ikm, salt, info, length) {
  const k = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, k, length * 8));
}

export const ZERO_SALT = new Uint8Array(32);

// ---- AES-256-GCM (16-byte tag) ----

// Chromium refuses an undefined additionalData: none is the empty one.
const gcm = (iv, associatedData) => ({ name: 'AES-GCM', iv, additionalData: associatedData ?? new Uint8Array(0), tagLength: 128 });

export async function aesGcmEncrypt(key, nonce, plaintext, associatedData) {
  const k = await subtle().importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await subtle().encrypt(gcm(nonce, associatedData), k, plaintext));
}

/** The plaintext, or an E2eeError `decrypt_failed` when the tag does not verify. */
export async function aesGcmDecrypt(key, nonce, ciphertext, associatedData) {
  const k = await subtle().importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  try {
    return new Uint8Array(await subtle().decrypt(gcm(nonce, associatedData), k, ciphertext));
  } catch {
    throw new E2eeError('decrypt_failed', 'the ciphertext does not match its key, nonce and associated data');
  }
}

// ---- X25519 and Ed25519 ----

/** A fresh key pair: {privateKey (CryptoKey), publicKey (32 bytes)}. */
export async function generateKeyPair(algorithm, extractable = false) {
  const usages = algorithm === 'Ed25519' ? ['sign', 'verify'] : ['deriveBits'];
  const pair = await subtle().generateKey({ name: algorithm }, extractable, usages);
  return { privateKey: pair.privateKey, publicKey: await exportPublic(pair.publicKey) };
}

export async function exportPublic(publicKey) {
  return new Uint8Array(await subtle().exportKey('raw', publicKey));
}

// PKCS#8 (RFC 8410 §7) of a 32-byte private key, for keys given by test vectors.
const PKCS8_PREFIX = { X25519: '302e020100300506032b656e04220420', Ed25519: '302e020100300506032b657004220420' };

/** The PKCS#8 encoding (RFC 8410 §7) of a 32-byte X25519 or Ed25519 private key. */
export function pkcs8Of(algorithm, privateBytes) {
  if (privateBytes.length !== 32) throw new RangeError('a private key is 32 bytes');
  return concat(fromHex(PKCS8_PREFIX[algorithm]), privateBytes);
}

/**
 * A key pair from a given private key as PKCS#8 (test vectors; production generates its keys):
 * {privateKey (non-extractable CryptoKey), publicKey (32 bytes)}.
 */
export async function keyPairFromPkcs8(algorithm, pkcs8) {
  const usages = algorithm === 'Ed25519' ? ['sign'] : ['deriveBits'];
  const open = await subtle().importKey('pkcs8', pkcs8, { name: algorithm }, true, usages);
  const jwk = await subtle().exportKey('jwk', open);
  const privateKey = await subtle().importKey('pkcs8', pkcs8, { name: algorithm }, false, usages);
  return { privateKey, publicKey: fromBase64Url(jwk.x, 32) };
}

/** A key pair from a given 32-byte private key (an X25519 scalar or an Ed25519 seed), for test vectors. */
export function keyPairFromPrivate(algorithm, privateBytes) {
  return keyPairFromPkcs8(algorithm, pkcs8Of(algorithm, privateBytes));
}

/**
 * X25519(privateKey, publicKey) (RFC 7748 §5): 32 bytes. An all-zero result (a low-order public
 * key, RFC 7748 §6.1) throws `dh_zero`.
 */
export async function x25519(privateKey, publicKey) {
  const pub = await subtle().importKey('raw', publicKey, { name: 'X25519' }, true, []);
  let out;
  try {
    out = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: pub }, privateKey, 256));
  } catch {
    throw new E2eeError('dh_zero', 'X25519 gave no shared secret (a low-order public key)');
  }
  if (out.every((b) => b === 0)) throw new E2eeError('dh_zero', 'X25519 gave the all-zero value');
  return out;
}

/** Ed25519 signature (RFC 8032 §5.1.6, pure): 64 bytes. */
export async function ed25519Sign(privateKey, message) {
  return new Uint8Array(await subtle().sign({ name: 'Ed25519' }, privateKey, message));
}

/** Whether `signature` is `publicKey`'s over `message`; false for malformed keys or signatures. */
export async function ed25519Verify(publicKey, signature, message) {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const pub = await subtle().importKey('raw', publicKey, { name: 'Ed25519' }, true, ['verify']);
    return await subtle().verify({ name: 'Ed25519' }, pub, signature, message);
  } catch {
    return false;
  }
}
