// Checks photo.js. Returns a list of failures, empty when all pass.
//
//   runPhotoChecks()        chunk encryption and its refusals (Node and browser)
//   runPhotoBrowserChecks() a large picture drawn at 1600 px and encoded as JPEG without its
//                           metadata (the browser only: createImageBitmap, OffscreenCanvas)

import { concat, randomBytes, utf8 } from './primitives.js';
import { checker } from './selftest-support.js';
import { MAX_PHOTO_BYTES, fittedSize, openPhoto, photoMessage, preparePhoto, sealPhoto } from './photo.js';
import { decodePlaintext, encodePlaintext } from './plaintext.js';

const refused = (failures, what, run, code = 'photo_chunk_failed') => checker(failures, 'photo: ').code(what, run, code);

export async function runPhotoChecks() {
  const failures = [];
  const jpeg = randomBytes(70000);
  const sealed = await sealPhoto(jpeg);
  if (sealed.chunks.length !== 3 || sealed.chunks.some((c) => c.length !== 32768 + 16)) {
    failures.push(`photo: 70,000 bytes made ${sealed.chunks.length} chunks of ${sealed.chunks.map((c) => c.length)}`);
  }
  const photo = { ...sealed, chunks: sealed.chunks.length };
  const back = await openPhoto(photo, sealed.chunks);
  if (back.length !== jpeg.length || back.some((b, i) => b !== jpeg[i])) failures.push('photo: the picture did not come back');
  const [c0, c1, c2] = sealed.chunks;
  await refused(failures, 'chunks reordered', () => openPhoto(photo, [c1, c0, c2]));
  await refused(failures, 'the last chunk dropped', () => openPhoto({ ...photo, chunks: 2 }, [c0, c1]));
  const other = await sealPhoto(jpeg, { key: sealed.key });
  await refused(failures, 'a chunk of another photo under the same key', () => openPhoto(photo, [c0, other.chunks[1], c2]));
  const altered = c2.slice();
  altered[9] ^= 1;
  await refused(failures, 'an altered chunk', () => openPhoto(photo, [c0, c1, altered]));
  await refused(failures, 'a hash of another picture', () => openPhoto({ ...photo, sha256: new Uint8Array(32) }, sealed.chunks), 'photo_hash_mismatch');
  const exact = await sealPhoto(new Uint8Array(32767));
  if (exact.chunks.length !== 1) failures.push('photo: 32,767 bytes did not fit one chunk');
  if ((await sealPhoto(new Uint8Array(32768))).chunks.length !== 2) failures.push('photo: 32,768 bytes did not take two chunks');
  try {
    await sealPhoto(new Uint8Array(MAX_PHOTO_BYTES + 1));
    failures.push('photo: a picture over 2 MiB was sealed');
  } catch (e) {
    if (e.code !== 'photo_too_large') failures.push(`photo: a picture over 2 MiB threw ${e.code ?? e}`);
  }
  const message = photoMessage({ id: randomBytes(16), sentAt: 5, sealed, width: 1600, height: 900, caption: 'Le chat' });
  try {
    decodePlaintext(encodePlaintext(message));
  } catch (e) {
    failures.push(`photo: its message is refused: ${e.code ?? e}`);
  }
  for (const [w, h, fw, fh] of [[4000, 3000, 1600, 1200], [900, 2400, 600, 1600], [800, 600, 800, 600]]) {
    const got = fittedSize(w, h);
    if (got.width !== fw || got.height !== fh) failures.push(`photo: ${w}×${h} fits as ${got.width}×${got.height}, expected ${fw}×${fh}`);
  }
  return failures;
}

/** A 3000×2000 picture with an EXIF block comes out 1600×1067, a JPEG with no EXIF left. */
export async function runPhotoBrowserChecks() {
  const failures = [];
  const canvas = new OffscreenCanvas(3000, 2000);
  const g = canvas.getContext('2d');
  g.fillStyle = '#3a7';
  g.fillRect(0, 0, 3000, 2000);
  g.fillStyle = '#fff';
  g.fillRect(500, 500, 1000, 700);
  const plain = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
  // An APP1 "Exif" segment (with a place in it) right after SOI, as a phone's camera writes one.
  const exifText = utf8('Exif\u0000\u0000GPS 48.8566N 2.3522E');
  const app1 = concat(Uint8Array.of(0xff, 0xe1, (exifText.length + 2) >> 8, (exifText.length + 2) & 0xff), exifText);
  const withExif = new Blob([concat(plain.subarray(0, 2), app1, plain.subarray(2))], { type: 'image/jpeg' });
  const { jpeg, width, height } = await preparePhoto(withExif);
  if (width !== 1600 || height !== 1067) failures.push(`photo: 3000×2000 was drawn ${width}×${height}, expected 1600×1067`);
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) failures.push('photo: the result is not a JPEG');
  const text = new TextDecoder('latin1').decode(jpeg);
  if (text.includes('Exif') || text.includes('GPS')) failures.push('photo: the EXIF block survived');
  try {
    await preparePhoto(new Blob([utf8('not a picture')], { type: 'image/png' }));
    failures.push('photo: text was taken for a picture');
  } catch (e) {
    if (e.code !== 'photo_unreadable') failures.push(`photo: text threw ${e.code ?? e}, expected photo_unreadable`);
  }
  return failures;
}
