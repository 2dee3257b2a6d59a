// Reproduces the test vectors of docs/e2ee/vectors/*.json, written by the Java reference
// implementation (e2ee module), byte for byte. `files` maps a file name ("x3dh.json") to its
// parsed JSON; a file no check knows is a failure, so that none is skipped silently. Private keys
// are imported from the files' PKCS#8 (production generates them). The session files (x3dh,
// envelope, ratchet) are vectors-session.selftest.js's.

import {
  aesGcmDecrypt, aesGcmEncrypt, ascii, concat, ed25519Sign, ed25519Verify, fromBase64Url, hkdf,
  hmacSha256, keyPairFromPkcs8, labelPrefix, pkcs8Of, toBase64Url, utf8, x25519,
} from './primitives.js';
import { bindingProofMessage, identityFromKeyPairs, signBindingProof, verifyIdentityRecord } from './identity.js';
import { makeOneTimePrekeys, makeSignedPrekey, signedPart, verifySignedPrekey } from './prekeys.js';
import { bucketOf, pad, unpad } from './padding.js';
import { decodePlaintext, encodePlaintext } from './plaintext.js';
import { chunkNonce, openPhoto, sealPhoto } from './photo.js';
import { fingerprint, grouped, safetyCode, shortCode } from './safety.js';
import { envelopeVectors, ratchetVectors, x3dhVectors } from './vectors-session.selftest.js';
import { checker } from './selftest-support.js';

export const b = (text) => fromBase64Url(text);

/** The identity of a vector device ({sigPkcs8, dhPkcs8, ...}), checked against its given public parts. */
export async function vectorIdentity(device, failures) {
  const id = await identityFromKeyPairs(await keyPairFromPkcs8('Ed25519', b(device.sigPkcs8)), await keyPairFromPkcs8('X25519', b(device.dhPkcs8)));
  const c = checker(failures);
  const who = `device ${device.name}`;
  c.same(`${who} sigPkcs8 from its seed`, pkcs8Of('Ed25519', b(device.sigSeed)), device.sigPkcs8);
  c.same(`${who} dhPkcs8 from its private key`, pkcs8Of('X25519', b(device.dhPrivate)), device.dhPkcs8);
  c.same(`${who} IK_sig`, id.sig.publicKey, device.sigPublic);
  c.same(`${who} IK_dh`, id.dh.publicKey, device.dhPublic);
  c.same(`${who} id_sig`, id.idSig, device.idSig);
  c.same(`${who} record`, id.record, device.record);
  c.same(`${who} device id`, id.deviceId, device.deviceId);
  return id;
}

/** An X25519 key of a vector ({pkcs8, public}), checked. */
export async function vectorKey(key, failures) {
  const pair = await keyPairFromPkcs8('X25519', b(key.pkcs8));
  checker(failures).same(`key ${key.name} public`, pair.publicKey, key.public);
  return pair;
}

// Each file's check, and the sections it reads: a section it does not know (the reference wrote a
// new one) is a failure too, until a check reproduces it.
const ABOUT = ['description', 'encoding', 'inputs'];
const CHECKS = {
  'primitives.json': [primitives, 'x25519 x25519TopBitIgnored x25519AllZeroRefused ed25519 hkdfSha256 hmacSha256 aes256Gcm'],
  'identity.json': [identity, 'devices pairs invalidRecords'],
  'binding.json': [binding, 'device proofs refused'],
  'prekeys.json': [prekeys, 'owner signedPrekey oneTimePrekey checks'],
  'padding.json': [padding, 'buckets tooLarge invalid'],
  'plaintext.json': [plaintext, 'valid invalid'],
  'photo.json': [photo, 'key blob bytes sha256 picture ad chunks sets'],
  'x3dh.json': [x3dhVectors, 'initiator responder bundle now ephemeral link cases'],
  'envelope.json': [envelopeVectors, 'parse open'],
  'ratchet.json': [ratchetVectors, 'script family tablet tabletBundle now link randomValues x3dh familyStateAtStart steps'],
};

export async function runVectorChecks(files) {
  const failures = [];
  for (const [name, json] of Object.entries(files)) {
    if (!CHECKS[name]) {
      failures.push(`vectors: no check reproduces ${name}`);
      continue;
    }
    const [check, sections] = CHECKS[name];
    const known = new Set([...ABOUT, ...sections.split(' ')]);
    const own = Object.keys(json).filter((k) => !known.has(k)).map((k) => `no check reproduces its section "${k}"`);
    try {
      await check(json, own, files);
    } catch (e) {
      own.push(`threw ${e.code ?? e.stack ?? e}`);
    }
    failures.push(...own.map((f) => `vectors ${name}: ${f}`));
  }
  return failures;
}

async function primitives(v, failures) {
  const c = checker(failures);
  const x = v.x25519;
  const alice = await keyPairFromPkcs8('X25519', b(x.alicePkcs8));
  const bob = await keyPairFromPkcs8('X25519', b(x.bobPkcs8));
  c.same('X25519 Alice public', alice.publicKey, x.alicePublic);
  c.same('X25519 Bob public', bob.publicKey, x.bobPublic);
  c.same('X25519 shared (Alice)', await x25519(alice.privateKey, bob.publicKey), x.shared);
  c.same('X25519 shared (Bob)', await x25519(bob.privateKey, alice.publicKey), x.shared);
  const top = v.x25519TopBitIgnored;
  const t = await keyPairFromPkcs8('X25519', pkcs8Of('X25519', b(top.private)));
  c.same('X25519 with the top bit of the public key set', await x25519(t.privateKey, b(top.public)), top.shared);
  const zero = v.x25519AllZeroRefused;
  const z = await keyPairFromPkcs8('X25519', pkcs8Of('X25519', b(zero.private)));
  await c.code('X25519 with a small-order key', () => x25519(z.privateKey, b(zero.public)), zero.code);
  for (const t of v.ed25519) {
    const pair = await keyPairFromPkcs8('Ed25519', b(t.pkcs8));
    c.same(`${t.source} public`, pair.publicKey, t.public);
    c.same(`${t.source} signature`, await ed25519Sign(pair.privateKey, b(t.message)), t.signature);
    if (!(await ed25519Verify(b(t.public), b(t.signature), b(t.message)))) failures.push(`${t.source} does not verify`);
  }
  const h = v.hkdfSha256;
  c.same(h.source, await hkdf(b(h.ikm), b(h.salt), b(h.info), h.length), h.okm);
  c.same(v.hmacSha256.source, await hmacSha256(b(v.hmacSha256.key), b(v.hmacSha256.data)), v.hmacSha256.mac);
  for (const t of v.aes256Gcm) {
    c.same(t.source, await aesGcmEncrypt(b(t.key), b(t.nonce), b(t.plaintext), b(t.ad)), t.ciphertextAndTag);
    c.same(`${t.source} decrypted`, await aesGcmDecrypt(b(t.key), b(t.nonce), b(t.ciphertextAndTag), b(t.ad)), t.plaintext);
  }
}

async function identity(v, failures) {
  const c = checker(failures);
  const fingerprints = {};
  for (const d of v.devices) {
    const id = await vectorIdentity(d, failures);
    c.same(`${d.name} idSigSigned`, concat(labelPrefix('identityDh'), id.dh.publicKey), d.idSigSigned);
    c.same(`${d.name} deviceIdInput`, concat(labelPrefix('deviceId'), id.sig.publicKey, id.dh.publicKey), d.deviceIdInput);
    fingerprints[d.name] = await fingerprint(id.sig.publicKey, id.dh.publicKey);
    c.same(`${d.name} fingerprint`, fingerprints[d.name], d.fingerprint);
  }
  for (const p of v.pairs) {
    const code = safetyCode(fingerprints[p.a], fingerprints[p.b]);
    c.same(`safety code ${p.a}/${p.b}`, code, p.safetyCode);
    c.same(`safety code ${p.b}/${p.a}`, safetyCode(fingerprints[p.b], fingerprints[p.a]), p.safetyCode);
    c.same(`shown ${p.a}/${p.b}`, grouped(code), p.shown);
    c.same(`short code input ${p.a}/${p.b}`, ascii(code), p.shortCodeInput);
    c.same(`short code ${p.a}/${p.b}`, await shortCode(code), p.shortCode);
  }
  for (const r of v.invalidRecords) await c.code(r.name, () => verifyIdentityRecord(b(r.record)), r.code);
}

async function binding(v, failures) {
  const c = checker(failures);
  const id = await vectorIdentity(v.device, failures);
  const args = (p) => (p.invite ? [1, p.origin, p.invite, b(p.challenge)] : [2, p.origin, b(p.device), b(p.challenge)]);
  for (const p of v.proofs) {
    c.same(`${p.kind} signed bytes`, bindingProofMessage(...args(p)), p.signed);
    c.same(`${p.kind} proof`, await signBindingProof(id, ...args(p)), p.proof);
  }
  for (const r of v.refused) {
    c.same(r.name, await ed25519Verify(id.sig.publicKey, b(r.proof), bindingProofMessage(...args(r))), r.valid);
  }
}

async function prekeys(v, failures) {
  const c = checker(failures);
  const owner = await vectorIdentity(v.owner, failures);
  const s = v.signedPrekey;
  const spk = await makeSignedPrekey(owner, s.id, s.createdAt, await vectorKey(s.key, failures));
  c.same('signed prekey signed bytes', signedPart(owner.deviceId, s.id, s.createdAt, spk.pair.publicKey), s.signed);
  c.same('signed prekey signature', spk.record.slice(44), s.signature);
  c.same('signed prekey record', spk.record, s.record);
  const o = v.oneTimePrekey;
  const [opk] = await makeOneTimePrekeys(o.id, 1, [await vectorKey(o.key, failures)]);
  c.same('one-time prekey record', opk.record, o.record);
  for (const t of v.checks) {
    const run = () => verifySignedPrekey(b(t.record), owner.sig.publicKey, owner.deviceId, t.now);
    if (t.result === 'ok') await run().catch((e) => failures.push(`${t.name}: refused with ${e.code ?? e}`));
    else await c.code(t.name, run, t.result);
  }
}

async function padding(v, failures) {
  const c = checker(failures);
  const plaintextOf = (length) => Uint8Array.from({ length }, (_, i) => (i * 7 + 1) % 256);
  for (const t of v.buckets) {
    c.same(`bucket of ${t.length} bytes`, bucketOf(t.length), t.bucket);
    const padded = pad(plaintextOf(t.length));
    if (t.plaintext !== undefined) c.same(`plaintext of ${t.length} bytes`, plaintextOf(t.length), t.plaintext);
    if (t.padded !== undefined) c.same(`padded ${t.length} bytes`, padded, t.padded);
    c.same(`unpadded ${t.length} bytes`, unpad(padded), toBase64Url(plaintextOf(t.length)));
  }
  for (const t of v.tooLarge) await c.code(`padding ${t.length} bytes`, async () => pad(new Uint8Array(t.length)), t.code);
  for (const t of v.invalid) await c.code(t.name, async () => unpad(b(t.padded)), t.code);
}

async function plaintext(v, failures) {
  const c = checker(failures);
  for (const t of v.valid) {
    try {
      const message = decodePlaintext(utf8(t.text));
      c.same(`${t.name}: its encoded form`, JSON.stringify(decodePlaintext(utf8(t.encoded))), JSON.stringify(message));
      c.same(`${t.name}: encoded here and read again`, JSON.stringify(decodePlaintext(encodePlaintext(message))), JSON.stringify(message));
    } catch (e) {
      failures.push(`${t.name}: refused with ${e.code ?? e}`);
    }
  }
  for (const t of v.invalid) await c.code(t.name, async () => decodePlaintext(t.bytes !== undefined ? b(t.bytes) : utf8(t.text)), t.code);
}

async function photo(v, failures) {
  const c = checker(failures);
  const sealed = await sealPhoto(b(v.picture), { key: b(v.key), blob: b(v.blob) });
  c.same('picture bytes', sealed.bytes, v.bytes);
  c.same('picture sha256', sealed.sha256, v.sha256);
  c.same('chunks', sealed.chunks.length, v.chunks.length);
  c.same('associated data', concat(labelPrefix('photoChunk'), b(v.blob)), v.ad);
  for (const [i, chunk] of v.chunks.entries()) {
    c.same(`chunk ${i} index`, chunk.index, i);
    c.same(`chunk ${i} nonce`, chunkNonce(i, i === v.chunks.length - 1), chunk.nonce);
    c.same(`chunk ${i} ciphertext`, sealed.chunks[i], chunk.ciphertext);
  }
  for (const set of v.sets) {
    const message = { key: b(v.key), blob: b(set.blob ?? v.blob), chunks: v.chunks.length, bytes: v.bytes, sha256: b(set.sha256 ?? v.sha256) };
    const run = () => openPhoto(message, set.order.map((i) => b(v.chunks[i].ciphertext)));
    if (set.result === 'ok') c.same(set.name, await run().catch((e) => e.code), v.picture);
    else await c.code(set.name, run, set.result);
  }
}
