// Safety codes (docs/e2ee.md, "Safety codes"), built as Signal's safety numbers are:
//
//   fingerprint  h = SHA-512(0x00 0x01 || "Lucarne safety code v1" || IK_sig || IK_dh), then 5,199
//                times h = SHA-512(h || IK_sig || IK_dh); the first 30 bytes as six 5-byte numbers,
//                each mod 100,000, as 5 digits: 30 digits
//   safety code  the two devices' fingerprints, the smaller first: 60 digits, shown as 12 groups of 5
//   short code   HKDF-SHA-256(the 60 digits as ASCII, 32 × 0x00, "Lucarne short safety code v1", 4)
//                as a number, mod 1,000,000: 6 digits (a convenience: 20 bits can be ground, Q7)

import { ZERO_SALT, ascii, concat, hkdf, label, readU32, sha512 } from './primitives.js';

export const ITERATIONS = 5200;

/** The 30-digit fingerprint of a device's public keys (32 bytes each). */
export async function fingerprint(sigPublic, dhPublic) {
  const keys = concat(sigPublic, dhPublic);
  let h = await sha512(concat(Uint8Array.of(0, 1), label('safetyCode'), keys));
  for (let i = 1; i < ITERATIONS; i++) h = await sha512(concat(h, keys));
  let digits = '';
  for (let i = 0; i < 30; i += 5) {
    const n = h[i] * 2 ** 32 + readU32(h, i + 1);
    digits += String(n % 100000).padStart(5, '0');
  }
  return digits;
}

/** The 60-digit safety code of two fingerprints: the same on both devices. */
export function safetyCode(fingerprintA, fingerprintB) {
  return fingerprintA < fingerprintB ? fingerprintA + fingerprintB : fingerprintB + fingerprintA;
}

/** The 6-digit short code of a 60-digit safety code. */
export async function shortCode(code) {
  const bytes = await hkdf(ascii(code), ZERO_SALT, label('shortSafetyCode'), 4);
  return String(readU32(bytes, 0) % 1000000).padStart(6, '0');
}

/** A code as groups of 5 digits ("12345 67890 …"), as it is shown. */
export const grouped = (code) => code.match(/.{1,5}/g).join(' ');

/** Both codes of this device and a peer, each given as {sigPublic, dhPublic}: {code, short, groups}. */
export async function safetyCodes(mine, theirs) {
  const code = safetyCode(await fingerprint(mine.sigPublic, mine.dhPublic), await fingerprint(theirs.sigPublic, theirs.dhPublic));
  return { code, short: await shortCode(code), groups: grouped(code) };
}
