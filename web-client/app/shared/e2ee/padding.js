// Padding of plaintexts (docs/e2ee.md, "Padding", with the sizes settled for the 64 KiB frame):
// P || 0x80 || 0x00… up to the smallest bucket ≥ len(P) + 1 (ISO/IEC 7816-4), the buckets being
// 256 B, 512 B, 1 KiB … 32 KiB. The largest plaintext is 32 KiB − 1.

import { E2eeError } from './primitives.js';

export const BUCKETS = Object.freeze([256, 512, 1024, 2048, 4096, 8192, 16384, 32768]);
export const MAX_PLAINTEXT = BUCKETS[BUCKETS.length - 1] - 1;

export const isBucket = (n) => BUCKETS.includes(n);

/** The bucket a plaintext of `length` bytes is padded to; throws `plaintext_too_large` beyond. */
export function bucketOf(length) {
  const bucket = BUCKETS.find((b) => b >= length + 1);
  if (bucket === undefined) throw new E2eeError('plaintext_too_large', `${length} bytes, at most ${MAX_PLAINTEXT}`);
  return bucket;
}

/** `plaintext` padded to its bucket, or to `size` when given (photos: a multiple of 32 KiB). */
export function pad(plaintext, size = bucketOf(plaintext.length)) {
  if (size < plaintext.length + 1) throw new E2eeError('plaintext_too_large', `${plaintext.length} bytes do not fit ${size}`);
  const out = new Uint8Array(size);
  out.set(plaintext);
  out[plaintext.length] = 0x80;
  return out;
}

/**
 * The plaintext before the last 0x80; throws `plaintext_malformed` when what follows it is not
 * zeros, or when `padded` is not a bucket's size (`anySize`: photos, padded to 32 KiB multiples).
 */
export function unpad(padded, { anySize = false } = {}) {
  if (!anySize && !isBucket(padded.length)) throw new E2eeError('plaintext_malformed', `${padded.length} bytes is no bucket size`);
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  if (i < 0 || padded[i] !== 0x80) throw new E2eeError('plaintext_malformed', 'the padding has no 0x80 after the message');
  return padded.slice(0, i);
}
