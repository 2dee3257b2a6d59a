// Checks session.js, x3dh.js, prekeys.js and envelope.js by conversations between two devices
// made here (the byte-for-byte vectors are e2ee.selftest.js's). In Node and in a browser page.
//
//   runSessionChecks() -> [] when all pass, else one line per failure

import { equalBytes, utf8 } from './primitives.js';
import { checker } from './selftest-support.js';
import { createIdentity } from './identity.js';
import { PREKEY_MESSAGE, NORMAL_MESSAGE, parseEnvelope } from './envelope.js';
import { makeOneTimePrekeys, makeSignedPrekey, verifySignedPrekey } from './prekeys.js';
import { pskOfLinkSecret } from './x3dh.js';
import { MAX_SKIP, acceptSession, decrypt, encrypt, startSession } from './session.js';

const NOW = 1_780_000_000_000;
const DAY = 86_400_000;
const text = (s) => new TextDecoder().decode(s);

/** Two devices, B with a signed prekey and a one-time prekey: {a, b, spk, opk, bundle(withOpk)}. */
export async function pair() {
  const a = await createIdentity();
  const b = await createIdentity();
  const spk = await makeSignedPrekey(b, 1, NOW - DAY);
  const [opk] = await makeOneTimePrekeys(1, 1);
  const bundle = (withOpk) => ({ identity: b.record, signedPrekey: spk.record, oneTime: withOpk ? opk.record : undefined });
  return { a, b, spk, opk, bundle };
}

/** What a device holds, as acceptSession asks for it. */
const lookupOf = (spk, opk, psk) => ({
  signedPrekey: (id) => (id === spk.id ? spk.pair : null),
  oneTimePrekey: (id) => (opk && id === opk.id ? opk.pair : null),
  psk: () => psk,
});

const expectCode = (failures, what, run, code) => checker(failures, 'session: ').code(what, run, code);

export async function runSessionChecks() {
  const failures = [];
  const fail = (m) => failures.push(`session: ${m}`);
  const psk = await pskOfLinkSecret(new Uint8Array(32).fill(7));
  for (const withOpk of [false, true]) {
    for (const withPsk of [false, true]) {
      const what = `start ${withOpk ? 'with' : 'without'} OPK, ${withPsk ? 'with' : 'without'} PSK`;
      try {
        await conversation(await pair(), withOpk, withPsk ? psk : null, (m) => fail(`${what}: ${m}`));
      } catch (e) {
        fail(`${what}: threw ${e.code ?? e}`);
      }
    }
  }
  await refusals(failures, psk);
  return failures;
}

async function conversation({ a, b, spk, opk, bundle }, withOpk, psk, fail) {
  let sa = await startSession({ identity: a, bundle: bundle(withOpk), expectedDevice: b.deviceId, psk, now: NOW });
  const sent = [];
  for (const words of ['one', 'two', 'three']) {
    const out = await encrypt(sa, a, utf8(words), { now: NOW });
    sa = out.state;
    sent.push(parseEnvelope(out.envelope));
  }
  if (!sent.every((e) => e.type === PREKEY_MESSAGE)) fail('messages before a reply are not all prekey messages');
  // B receives the third first: a new session from it, the first two from their skipped keys.
  const accepted = await acceptSession({ identity: b, envelope: sent[2], lookup: lookupOf(spk, withOpk ? opk : null, psk), now: NOW });
  let sb = accepted.state;
  if (text(accepted.plaintext) !== 'three') fail(`the first message B read is "${text(accepted.plaintext)}"`);
  for (const i of [0, 1]) {
    const got = await decrypt(sb, sent[i], { now: NOW });
    sb = got.state;
    if (text(got.plaintext) !== ['one', 'two'][i]) fail(`message ${i} decrypted as "${text(got.plaintext)}"`);
  }
  // A tampered copy fails and leaves the session as it was.
  const out = await encrypt(sb, b, utf8('reply 1'), { now: NOW });
  const tampered = parseEnvelope(out.envelope);
  tampered.ciphertext = tampered.ciphertext.slice();
  tampered.ciphertext[5] ^= 1;
  const before = sa;
  await decrypt(sa, tampered, { now: NOW }).then(() => fail('a tampered reply decrypted'), () => {});
  if (sa !== before || sa.nr !== 0 || sa.pending === null) fail('a failed decryption changed the session');
  sb = out.state;
  const r1 = parseEnvelope(out.envelope);
  if (r1.type !== NORMAL_MESSAGE) fail('B\'s reply is not a normal message');
  const r2out = await encrypt(sb, b, utf8('reply 2'), { now: NOW });
  sb = r2out.state;
  // A gets reply 2 first (reply 1 skipped), then its own next message is a normal one after a ratchet step.
  let got = await decrypt(sa, parseEnvelope(r2out.envelope), { now: NOW });
  sa = got.state;
  if (text(got.plaintext) !== 'reply 2' || !sa.confirmed || sa.pending !== null) fail('A did not take B\'s reply as confirmation');
  const a4 = await encrypt(sa, a, utf8('four'), { now: NOW });
  sa = a4.state;
  if (parseEnvelope(a4.envelope).type !== NORMAL_MESSAGE) fail('A still sends prekey messages after a reply');
  got = await decrypt(sb, parseEnvelope(a4.envelope), { now: NOW });
  sb = got.state;
  if (text(got.plaintext) !== 'four') fail('B could not read A after the ratchet step');
  if (!equalBytes(sa.cks, sb.ckr)) fail('A\'s sending chain and B\'s receiving chain differ');
  got = await decrypt(sa, r1, { now: NOW }); // skipped past A's ratchet step
  if (text(got.plaintext) !== 'reply 1') fail('the reply skipped past a ratchet step was lost');
  await decrypt(got.state, r1, { now: NOW }).then(() => fail('a replayed message decrypted twice'), () => {});
}

async function refusals(failures, psk) {
  const p = await pair();
  const start = (extra) => startSession({ identity: p.a, bundle: p.bundle(true), now: NOW, ...extra });
  await expectCode(failures, 'a bundle of another device', () => start({ expectedDevice: p.a.deviceId }), 'bundle_wrong_device');
  await expectCode(failures, 'a signed prekey 36 days old', () => start({ now: NOW + 35 * DAY }), 'prekey_too_old');
  await expectCode(failures, 'a signed prekey dated 2 days ahead', () => start({ now: NOW - 3 * DAY }), 'prekey_in_future');
  const forged = p.spk.record.slice();
  forged[20] ^= 1;
  await expectCode(failures, 'a signed prekey with another key', () => verifySignedPrekey(forged, p.b.sig.publicKey, p.b.deviceId, NOW), 'prekey_bad_signature');
  const withPsk = await startSession({ identity: p.a, bundle: p.bundle(false), psk, now: NOW });
  const first = parseEnvelope((await encrypt(withPsk, p.a, utf8('hi'), { now: NOW })).envelope);
  await expectCode(failures, 'a PSK message where the device holds none',
    () => acceptSession({ identity: p.b, envelope: first, lookup: lookupOf(p.spk, null, null), now: NOW }), 'psk_unknown');
  const otherPsk = await pskOfLinkSecret(new Uint8Array(32).fill(8));
  await expectCode(failures, 'a PSK message with another PSK',
    () => acceptSession({ identity: p.b, envelope: first, lookup: lookupOf(p.spk, null, otherPsk), now: NOW }), 'psk_unknown');
  await expectCode(failures, 'a prekey message naming a one-time prekey not held',
    async () => acceptSession({ identity: p.b, envelope: parseEnvelope((await encrypt(await startSession({ identity: p.a, bundle: p.bundle(true), now: NOW }), p.a, utf8('x'), { now: NOW })).envelope),
      lookup: lookupOf(p.spk, null, null), now: NOW }), 'prekey_unknown');
  await expectCode(failures, 'a prekey message for another device',
    () => acceptSession({ identity: p.a, envelope: first, lookup: lookupOf(p.spk, null, psk), now: NOW }), 'envelope_wrong_device');
  // MAX_SKIP: a message numbered past 1000 unread ones is refused, the session unchanged.
  let sa = await startSession({ identity: p.a, bundle: p.bundle(false), now: NOW });
  const firstOut = await encrypt(sa, p.a, utf8('0'), { now: NOW });
  sa = firstOut.state;
  const sb = (await acceptSession({ identity: p.b, envelope: parseEnvelope(firstOut.envelope), lookup: lookupOf(p.spk, null, null), now: NOW })).state;
  let far;
  for (let i = 0; i < MAX_SKIP + 2; i++) {
    const o = await encrypt(sa, p.a, utf8(String(i)), { now: NOW });
    sa = o.state;
    far = o.envelope;
  }
  await expectCode(failures, `a message after ${MAX_SKIP + 1} skipped`, () => decrypt(sb, parseEnvelope(far), { now: NOW }), 'too_many_skipped');
  if (sb.nr !== 1 || sb.skipped.length !== 0) failures.push('session: a refused skip changed the session');
}
