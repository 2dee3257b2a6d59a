// Photos (docs/e2ee.md, "Photos", with the sizes settled for the 64 KiB frame): the sending browser
// draws the picture at most 1600 px on its longer side and encodes it as JPEG (which drops its
// metadata: place, camera, time), pads it (0x80 then zeros) to a multiple of 32 KiB and cuts it into
// chunks of 32 KiB, 1 to 64 (2 MiB). Chunk i is
//   AES-256-GCM(key, nonce = 7 × 0x00 || i (4) || last (1), AD = "Lucarne photo chunk v1" || 0x00 || blob)
// so chunks cannot be reordered, dropped from the end or moved to another photo. The key goes to
// each recipient inside a `photo` message; the recipient checks the JPEG's SHA-256, since AES-GCM
// does not commit to its key.

import {
  E2eeError, aesGcmDecrypt, aesGcmEncrypt, concat, equalBytes, labelPrefix, randomBytes, sha256, toBase64Url, u32,
} from './primitives.js';
import { pad, unpad } from './padding.js';
import { MAX_PHOTO_CHUNKS, MAX_SIDE, PHOTO_CHUNK_BYTES } from './plaintext.js';

export const MAX_PHOTO_BYTES = MAX_PHOTO_CHUNKS * PHOTO_CHUNK_BYTES - 1;
const JPEG_QUALITY = 0.85;

/** The nonce of chunk `index`: 7 × 0x00 || index (4) || 0x01 for the last chunk, else 0x00. */
export function chunkNonce(index, last) {
  return concat(new Uint8Array(7), u32(index), Uint8Array.of(last ? 1 : 0));
}

const chunkAd = (blob) => concat(labelPrefix('photoChunk'), blob);

/** The size a picture is drawn at: its own, or scaled so that its longer side is 1600 px. */
export function fittedSize(width, height, maxSide = MAX_SIDE) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * A picture (a Blob or File the person chose) decoded, drawn at most 1600 px on its longer side and
 * encoded again as JPEG: {jpeg (bytes), width, height}. Browser only. Throws `photo_unreadable`
 * for what the browser cannot decode, `photo_too_large` for a JPEG over 2 MiB.
 */
export async function preparePhoto(file, { quality = JPEG_QUALITY } = {}) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new E2eeError('photo_unreadable', 'the browser cannot read this picture');
  }
  const { width, height } = fittedSize(bitmap.width, bitmap.height);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
  if (jpeg.length > MAX_PHOTO_BYTES) throw new E2eeError('photo_too_large', `${jpeg.length} bytes, at most ${MAX_PHOTO_BYTES}`);
  return { jpeg, width, height };
}

/**
 * The encrypted chunks of a JPEG: {blob (16), key (32), chunks: [bytes], bytes, sha256}. `key` and
 * `blob` are fresh unless given (test vectors).
 */
export async function sealPhoto(jpeg, { key = randomBytes(32), blob = randomBytes(16) } = {}) {
  if (jpeg.length < 1 || jpeg.length > MAX_PHOTO_BYTES) throw new E2eeError('photo_too_large', `${jpeg.length} bytes, 1 to ${MAX_PHOTO_BYTES}`);
  const count = Math.ceil((jpeg.length + 1) / PHOTO_CHUNK_BYTES);
  const padded = pad(jpeg, count * PHOTO_CHUNK_BYTES);
  const chunks = [];
  for (let i = 0; i < count; i++) {
    const part = padded.subarray(i * PHOTO_CHUNK_BYTES, (i + 1) * PHOTO_CHUNK_BYTES);
    chunks.push(await aesGcmEncrypt(key, chunkNonce(i, i === count - 1), part, chunkAd(blob)));
  }
  return { blob, key, chunks, bytes: jpeg.length, sha256: await sha256(jpeg) };
}

/**
 * The JPEG of a `photo` message's chunks (in order, as fetched): `photo` = {blob, key, chunks
 * (count), bytes, sha256} as bytes and numbers. Throws `photo_chunk_failed` when a chunk is
 * missing, out of place, of another photo or altered, `photo_hash_mismatch` when the picture is
 * not the one the sender hashed (the codes of the Java reference's PhotoChunks).
 */
export async function openPhoto(photo, chunks) {
  if (chunks.length !== photo.chunks) throw new E2eeError('photo_chunk_failed', `${chunks.length} chunks of ${photo.chunks}`);
  const parts = [];
  for (let i = 0; i < chunks.length; i++) {
    try {
      parts.push(await aesGcmDecrypt(photo.key, chunkNonce(i, i === chunks.length - 1), chunks[i], chunkAd(photo.blob)));
    } catch {
      throw new E2eeError('photo_chunk_failed', `chunk ${i} does not decrypt as chunk ${i} of this photo`);
    }
  }
  let jpeg;
  try {
    jpeg = unpad(concat(...parts), { anySize: true });
  } catch {
    throw new E2eeError('photo_chunk_failed', 'the picture\'s padding is wrong');
  }
  if (jpeg.length !== photo.bytes || !equalBytes(await sha256(jpeg), photo.sha256)) {
    throw new E2eeError('photo_hash_mismatch', 'the picture is not the one its sender hashed');
  }
  return jpeg;
}

/** The `photo` plaintext of a sealed picture (see plaintext.js). */
export function photoMessage({ id, sentAt, sealed, width, height, caption }) {
  const message = {
    type: 'photo', id: toBase64Url(id), sentAt, blob: toBase64Url(sealed.blob), key: toBase64Url(sealed.key),
    chunks: sealed.chunks.length, bytes: sealed.bytes, sha256: toBase64Url(sealed.sha256), width, height,
  };
  return caption ? { ...message, caption } : message;
}
