// Checks primitives.js against the RFCs' own test vectors (RFC 7748 §6.1, RFC 8032 §7.1 tests
// 1–3, RFC 5869 A.1, RFC 4231 case 2, AES-256-GCM test cases 13–14 of McGrew and Viega's GCM
// paper) and the strict base64url. In Node and in a browser page.
//
//   runPrimitiveChecks() -> [] when all pass, else one line per failure

import {
  E2eeError, aesGcmDecrypt, aesGcmEncrypt, ed25519Sign, ed25519Verify, fromBase64Url, fromHex, hkdf, hmacSha256,
  keyPairFromPrivate, toBase64Url, toHex, utf8, x25519,
} from './primitives.js';

const X25519_RFC7748 = {
  alicePrivate: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  alicePublic: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
  bobPrivate: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
  bobPublic: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
  shared: '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
};

const ED25519_RFC8032 = [
  ['9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'],
  ['4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'],
  ['c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7', 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025', 'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a'],
];

export async function runPrimitiveChecks() {
  const failures = [];
  const expect = (what, got, want) => {
    if (got !== want) failures.push(`primitives: ${what} is ${got}, expected ${want}`);
  };
  const v = X25519_RFC7748;
  const alice = await keyPairFromPrivate('X25519', fromHex(v.alicePrivate));
  const bob = await keyPairFromPrivate('X25519', fromHex(v.bobPrivate));
  expect('RFC 7748 Alice public key', toHex(alice.publicKey), v.alicePublic);
  expect('RFC 7748 Bob public key', toHex(bob.publicKey), v.bobPublic);
  expect('RFC 7748 shared secret (Alice)', toHex(await x25519(alice.privateKey, bob.publicKey)), v.shared);
  expect('RFC 7748 shared secret (Bob)', toHex(await x25519(bob.privateKey, alice.publicKey)), v.shared);
  for (const low of [new Uint8Array(32), Uint8Array.of(1, ...new Uint8Array(31))]) {
    await x25519(alice.privateKey, low).then(
      () => failures.push(`primitives: X25519 with the low-order point ${toHex(low).slice(0, 4)}… was accepted`),
      (e) => { if (e.code !== 'dh_zero') failures.push(`primitives: a low-order point threw ${e.code ?? e}`); });
  }
  for (const [i, [seed, pub, msg, sig]] of ED25519_RFC8032.entries()) {
    const pair = await keyPairFromPrivate('Ed25519', fromHex(seed));
    expect(`RFC 8032 test ${i + 1} public key`, toHex(pair.publicKey), pub);
    expect(`RFC 8032 test ${i + 1} signature`, toHex(await ed25519Sign(pair.privateKey, fromHex(msg))), sig);
    if (!(await ed25519Verify(fromHex(pub), fromHex(sig), fromHex(msg)))) failures.push(`primitives: RFC 8032 test ${i + 1} does not verify`);
    if (await ed25519Verify(fromHex(pub), fromHex(sig), utf8('other'))) failures.push(`primitives: RFC 8032 test ${i + 1} verifies another message`);
  }
  const okm = await hkdf(new Uint8Array(22).fill(0x0b), fromHex('000102030405060708090a0b0c'), fromHex('f0f1f2f3f4f5f6f7f8f9'), 42);
  expect('RFC 5869 A.1 OKM', toHex(okm), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  expect('RFC 4231 case 2', toHex(await hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?'))),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  const zero = new Uint8Array(32);
  expect('GCM test case 13', toHex(await aesGcmEncrypt(zero, new Uint8Array(12), new Uint8Array(0))), '530f8afbc74536b9a963b4f1c4cb738b');
  const c14 = await aesGcmEncrypt(zero, new Uint8Array(12), new Uint8Array(16));
  expect('GCM test case 14', toHex(c14), 'cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919');
  await aesGcmDecrypt(zero, new Uint8Array(12), c14, utf8('other AD')).then(
    () => failures.push('primitives: AES-GCM decrypted under other associated data'),
    (e) => { if (e.code !== 'decrypt_failed') failures.push(`primitives: a wrong AD threw ${e.code ?? e}`); });
  base64Checks(failures);
  return failures;
}

function base64Checks(failures) {
  const cases = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['\u00fb\u00ff', '-_8']];
  for (const [plain, coded] of cases) {
    const bytes = Uint8Array.from(plain, (c) => c.charCodeAt(0));
    if (toBase64Url(bytes) !== coded) failures.push(`primitives: base64url of "${plain}" is ${toBase64Url(bytes)}, expected ${coded}`);
    if (toHex(fromBase64Url(coded)) !== toHex(bytes)) failures.push(`primitives: ${coded} does not decode to "${plain}"`);
  }
  for (const bad of ['Zg==', 'Zm9v+', 'Zm9v/', 'Z', 'Zh', 'Zm9 v', 'Zm9vYh']) {
    try {
      fromBase64Url(bad);
      failures.push(`primitives: "${bad}" was accepted as base64url`);
    } catch (e) {
      if (!(e instanceof E2eeError) || e.code !== 'bad_base64url') failures.push(`primitives: "${bad}" threw ${e}`);
    }
  }
  try {
    fromBase64Url('Zm9v', 4);
    failures.push('primitives: 3 bytes accepted where 4 are expected');
  } catch { /* refused, as it should */ }
}
