// Checks the codecs: padding.js, envelope.js, plaintext.js, and safety.js against a known answer
// (computed with Python's hashlib and pyca/cryptography from the spec's text). In Node and in a
// browser page.
//
//   runCodecChecks() -> [] when all pass, else one line per failure

import { E2eeError, fromHex, toBase64Url, toHex, utf8 } from './primitives.js';
import { checker } from './selftest-support.js';
import { BUCKETS, MAX_PLAINTEXT, bucketOf, pad, unpad } from './padding.js';
import { NORMAL_MESSAGE, PREKEY_MESSAGE, encodeHeader, parseEnvelope } from './envelope.js';
import { decodePlaintext, encodePlaintext } from './plaintext.js';
import { fingerprint, grouped, safetyCode, shortCode } from './safety.js';

const range = (from, n) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);

const refused = (failures, what, run, code) => checker(failures, 'codec: ').code(what, run, code);

export async function runCodecChecks() {
  const failures = [];
  await paddingChecks(failures);
  await envelopeChecks(failures);
  await plaintextChecks(failures);
  await safetyChecks(failures);
  fuzzChecks(failures);
  return failures;
}

/** A seeded xorshift32: the same bytes on every run and platform. */
function prng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

/**
 * The parsers of untrusted bytes on random and mutated input: each returns or throws its own
 * codes, never anything else (a TypeError, a RangeError), and never loops.
 */
function fuzzChecks(failures) {
  const next = prng(20261205);
  const envelopeCodes = new Set(['envelope_truncated', 'envelope_unsupported', 'envelope_malformed']);
  const valid = new Uint8Array(75 + 256 + 16).fill(7);
  valid.set([1, 1, 2]);
  for (let i = 0; i < 3000; i++) {
    let bytes;
    if (i % 2) {
      bytes = valid.slice(0, next(valid.length + 1));
      for (let k = next(4); k > 0; k--) if (bytes.length) bytes[next(bytes.length)] = next(256);
    } else {
      bytes = Uint8Array.from({ length: next(600) }, () => (next(4) ? next(3) : next(256)));
    }
    try {
      parseEnvelope(bytes);
    } catch (e) {
      if (!(e instanceof E2eeError) || !envelopeCodes.has(e.code)) failures.push(`codec: fuzz input ${toHex(bytes.slice(0, 8))}… threw ${e}`);
    }
  }
  const pieces = ['{', '}', '[', ']', '"type"', ':', ',', '"text"', '"id"', '"body"', '"x"', '1', '-1', '1e400', 'null', '"\\u0000"', '"\\ud800"', ' '];
  for (let i = 0; i < 3000; i++) {
    const text = Array.from({ length: next(20) }, () => pieces[next(pieces.length)]).join('');
    try {
      decodePlaintext(utf8(text));
    } catch (e) {
      if (!(e instanceof E2eeError) || e.code !== 'plaintext_malformed') failures.push(`codec: plaintext ${text} threw ${e}`);
    }
  }
}

async function paddingChecks(failures) {
  for (const [length, bucket] of [[0, 256], [255, 256], [256, 512], [1023, 1024], [MAX_PLAINTEXT, 32768]]) {
    if (bucketOf(length) !== bucket) failures.push(`codec: ${length} bytes pad to ${bucketOf(length)}, expected ${bucket}`);
    const p = range(1, length).map((b) => b || 1);
    const padded = pad(p);
    if (padded.length !== bucket || padded[length] !== 0x80 || toHex(unpad(padded)) !== toHex(p)) {
      failures.push(`codec: ${length} bytes do not pad and unpad back`);
    }
  }
  await refused(failures, 'a plaintext of 32 KiB', () => pad(new Uint8Array(32768)), 'plaintext_too_large');
  await refused(failures, 'a padded plaintext of 300 bytes', () => unpad(pad(utf8('hi'), 300)), 'plaintext_malformed');
  const bad = pad(utf8('hi'));
  bad[200] = 1;
  await refused(failures, 'padding with a non-zero byte after 0x80', () => unpad(bad), 'plaintext_malformed');
  await refused(failures, 'padding of zeros only', () => unpad(new Uint8Array(256)), 'plaintext_malformed');
}

async function envelopeChecks(failures) {
  const ratchet = { publicKey: range(100, 32), pn: 3, n: 70000 };
  const prekey = { identity: range(0, 128), ephemeral: range(200, 32), spkId: 7, opkId: 0, pskId: range(50, 16) };
  const sender = range(1, 16);
  const recipient = range(17, 16);
  for (const [type, extra, clear] of [[NORMAL_MESSAGE, {}, 75], [PREKEY_MESSAGE, { prekey }, 259]]) {
    const head = encodeHeader({ type, sender, recipient, ratchet, ...extra });
    if (head.length !== clear) failures.push(`codec: a type ${type} clear part is ${head.length} bytes, expected ${clear}`);
    const bytes = new Uint8Array(clear + 256 + 16);
    bytes.set(head);
    const e = parseEnvelope(bytes);
    if (e.type !== type || toHex(e.sender) !== toHex(sender) || toHex(e.recipient) !== toHex(recipient)
      || e.ratchet.pn !== 3 || e.ratchet.n !== 70000 || toHex(e.ratchet.publicKey) !== toHex(ratchet.publicKey)
      || e.ciphertext.length !== 272 || toHex(e.clear) !== toHex(head)) {
      failures.push(`codec: a type ${type} envelope does not parse back`);
    }
    if (type === PREKEY_MESSAGE && (e.prekey.spkId !== 7 || e.prekey.opkId !== 0 || toHex(e.prekey.pskId) !== toHex(prekey.pskId))) {
      failures.push('codec: a prekey part does not parse back');
    }
    await refused(failures, `a type ${type} envelope without its tag`, () => parseEnvelope(bytes.slice(0, clear + 15)), 'envelope_truncated');
    await refused(failures, `a type ${type} envelope of 300 sealed bytes`, () => parseEnvelope(new Uint8Array(clear + 300).fill(type, 2, 3).fill(1, 0, 2)), 'envelope_malformed');
    for (const [at, value, what] of [[0, 2, 'version 2'], [1, 2, 'suite 2'], [2, 3, 'type 3']]) {
      const other = bytes.slice();
      other[at] = value;
      await refused(failures, `an envelope of ${what}`, () => parseEnvelope(other), 'envelope_unsupported');
    }
  }
  await refused(failures, 'an envelope of 2 bytes', () => parseEnvelope(Uint8Array.of(1, 1)), 'envelope_truncated');
  await refused(failures, 'an envelope over 40 KiB', () => parseEnvelope(new Uint8Array(40 * 1024 + 1).fill(1, 0, 3)), 'envelope_malformed');
  if (BUCKETS.some((b) => b > 32768)) failures.push('codec: a bucket over 32 KiB');
}

async function plaintextChecks(failures) {
  const id = toBase64Url(range(1, 16));
  const valid = [
    { type: 'text', id, sentAt: 1780000000000, body: 'Bonjour Mamie 🌷' },
    { type: 'photo', id, sentAt: 1, blob: id, key: toBase64Url(range(9, 32)), chunks: 2, bytes: 40000,
      sha256: toBase64Url(range(3, 32)), width: 1600, height: 1200, caption: 'Le jardin' },
    { type: 'read', ids: [id, toBase64Url(range(2, 16))] },
    { type: 'roster', devices: [] },
  ];
  for (const m of valid) {
    try {
      const back = decodePlaintext(encodePlaintext(m));
      if (JSON.stringify(back) !== JSON.stringify(m)) failures.push(`codec: ${m.type} came back as ${JSON.stringify(back)}`);
    } catch (e) {
      failures.push(`codec: a valid ${m.type} threw ${e.code ?? e}`);
    }
  }
  const invalid = [
    ['{"type":"text","id":"' + id + '","sentAt":1,"body":"a","body":"b"}', 'plaintext_malformed'],
    ['{"type":"text","id":"' + id + '","sentAt":1,"body":"a","extra":1}', 'plaintext_malformed'],
    ['{"type":"text","id":"' + id + '","sentAt":1}', 'plaintext_malformed'],
    ['{"type":"text","id":"' + id + '","sentAt":1,"body":""}', 'plaintext_malformed'],
    ['{"type":"text","id":"' + id + '","sentAt":1.5,"body":"a"}', 'plaintext_malformed'],
    ['{"type":"text","id":"AAAA","sentAt":1,"body":"a"}', 'plaintext_malformed'],
    ['{"type":"text","id":"' + id + '","sentAt":1,"body":"' + 'x'.repeat(4001) + '"}', 'plaintext_malformed'],
    ['{"type":"photo","id":"' + id + '","sentAt":1,"blob":"' + id + '","key":"' + toBase64Url(range(9, 32)) + '","chunks":1,"bytes":40000,"sha256":"' + toBase64Url(range(3, 32)) + '","width":10,"height":10}', 'plaintext_malformed'],
    ['{"type":"read","ids":[]}', 'plaintext_malformed'],
    ['{"type":"read","ids":["' + id + '","' + id + '"]}', 'plaintext_malformed'],
    ['{"type":"call","id":"' + id + '"}', 'plaintext_malformed'],
    ['{"type":"text","id":"' + id + '","sentAt":1,"body":"\\udc90 alone"}', 'plaintext_malformed'],
    ['["text"]', 'plaintext_malformed'],
    ['{"type":"text",', 'plaintext_malformed'],
  ];
  for (const [text, code] of invalid) await refused(failures, `plaintext ${text.slice(0, 60)}`, async () => decodePlaintext(utf8(text)), code);
  await refused(failures, 'a plaintext that is not UTF-8', () => decodePlaintext(Uint8Array.of(0x7b, 0xff, 0x7d)), 'plaintext_malformed');
}

async function safetyChecks(failures) {
  const a = await fingerprint(fromHex('79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664'),
    fromHex('5869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b'));
  const b = await fingerprint(range(100, 32), range(150, 32));
  const expect = (what, got, want) => { if (got !== want) failures.push(`codec: ${what} is ${got}, expected ${want}`); };
  expect('fingerprint A', a, '081432106852340623333346442031');
  expect('fingerprint B', b, '371461776979897224823446426441');
  const code = safetyCode(b, a);
  expect('safety code', code, '081432106852340623333346442031371461776979897224823446426441');
  expect('safety code the other way', safetyCode(a, b), code);
  expect('short code', await shortCode(code), '521989');
  expect('groups', grouped(code).split(' ').length, 12);
}
