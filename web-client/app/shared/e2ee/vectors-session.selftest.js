// The session vectors of docs/e2ee/vectors (see vectors.selftest.js): x3dh.json (the four
// starts), envelope.json (the clear part, and prekey messages opened by ratchet.json's tablet) and
// ratchet.json (a scripted conversation, every envelope, key and state byte for byte).

import { equalBytes } from './primitives.js';
import { PREKEY_MESSAGE, parseEnvelope } from './envelope.js';
import { initiate, pskIdOf, pskOfLinkSecret, respond } from './x3dh.js';
import { acceptSession, decrypt, encrypt, kdfChain, messageKeys, startSession } from './session.js';
import { b, vectorIdentity, vectorKey } from './vectors.selftest.js';
import { checker } from './selftest-support.js';

export async function x3dhVectors(v, failures) {
  const c = checker(failures);
  const a = await vectorIdentity(v.initiator, failures);
  const bob = await vectorIdentity(v.responder, failures);
  const spk = await vectorKey(v.bundle.signedPrekeyKey, failures);
  const opk = await vectorKey(v.bundle.oneTimePrekeyKey, failures);
  const psk = await pskOfLinkSecret(b(v.link.secret));
  c.same('PSK of the link secret', psk, v.link.psk);
  c.same('psk id', await pskIdOf(psk), v.link.pskId);
  for (const t of v.cases) {
    const bundle = { identity: bob.record, signedPrekey: b(v.bundle.signedPrekey), oneTime: t.oneTimePrekey ? b(v.bundle.oneTimePrekey) : undefined };
    const x = await initiate({
      identity: a, bundle, expectedDevice: bob.deviceId, psk: t.linkSecret ? psk : null, now: v.now,
      ephemeral: await vectorKey(v.ephemeral, failures),
    });
    ['dh1', 'dh2', 'dh3', 'dh4'].forEach((name, i) => c.same(`${t.name}: ${name}`, x.trace.dh[i] ?? null, t[name]));
    c.same(`${t.name}: psk id`, x.prekey.pskId, t.pskId);
    c.same(`${t.name}: flags`, x.trace.flags, t.flags);
    c.same(`${t.name}: info`, x.trace.info, t.info);
    c.same(`${t.name}: ikm`, x.trace.ikm, t.ikm);
    c.same(`${t.name}: SK`, x.sk, t.sk);
    c.same(`${t.name}: AD`, x.ad, t.ad);
    const prekey = { identity: a.record, ephemeral: x.prekey.ephemeral, spkId: x.prekey.spkId, opkId: x.prekey.opkId, pskId: x.prekey.pskId };
    const r = await respond({ identity: bob, prekey, signedPrekey: spk, oneTime: t.oneTimePrekey ? opk : null, psk: t.linkSecret ? psk : null });
    c.same(`${t.name}: the responder's SK`, r.sk, t.sk);
    c.same(`${t.name}: the responder's AD`, r.ad, t.ad);
  }
}

/** ratchet.json's parties: identities, the tablet's prekeys and link, the random values by name. */
async function parties(r, failures) {
  const random = {};
  for (const k of r.randomValues) random[k.name] = await vectorKey(k, failures);
  const spk = await vectorKey(r.tabletBundle.signedPrekeyKey, failures);
  const opk = await vectorKey(r.tabletBundle.oneTimePrekeyKey, failures);
  return {
    family: await vectorIdentity(r.family, failures),
    tablet: await vectorIdentity(r.tablet, failures),
    random,
    lookup: {
      signedPrekey: (id) => (id === 1 ? spk : null),
      oneTimePrekey: (id) => (id === 7 ? opk : null),
      psk: (id) => (equalBytes(id, b(r.link.pskId)) ? b(r.link.psk) : null),
    },
  };
}

/** A key source that gives the named random values, in order. */
const drawing = (random, names) => {
  const queue = [...names];
  return { generate: async () => random[queue.shift()] ?? Promise.reject(new Error('a key drawn beyond the vector\'s')) };
};

export async function envelopeVectors(v, failures, files) {
  const c = checker(failures);
  for (const t of v.parse.valid) {
    const e = parseEnvelope(b(t.envelope));
    const h = t.header;
    c.same(`${t.name}: version/suite/type`, `${e.version}/${e.suite}/${e.type === PREKEY_MESSAGE ? 'prekey' : 'normal'}`, `${h.version}/${h.suite}/${h.type}`);
    c.same(`${t.name}: sender`, e.sender, h.sender);
    c.same(`${t.name}: recipient`, e.recipient, h.recipient);
    c.same(`${t.name}: ratchet key`, e.ratchet.publicKey, h.ratchetKey);
    c.same(`${t.name}: PN/N`, `${e.ratchet.pn}/${e.ratchet.n}`, `${h.pn}/${h.n}`);
    c.same(`${t.name}: clear part and ciphertext`, `${e.clear.length}/${e.ciphertext.length}`, `${h.clearPartBytes}/${h.ciphertextBytes}`);
    if (h.prekey) {
      for (const f of ['identity', 'ephemeral', 'spkId', 'opkId', 'pskId']) c.same(`${t.name}: prekey ${f}`, e.prekey[f], h.prekey[f]);
    } else if (e.prekey) failures.push(`${t.name}: a prekey part where there is none`);
  }
  for (const t of v.parse.invalid) await c.code(t.name, async () => parseEnvelope(b(t.envelope)), t.code);
  const r = files['ratchet.json'];
  if (!r) return failures.push('"open" needs ratchet.json (its tablet), which is not given');
  const p = await parties(r, failures);
  for (const t of v.open) {
    const run = async () => (await acceptSession({
      identity: p.tablet, envelope: parseEnvelope(b(t.envelope)), lookup: p.lookup, now: r.now, keys: drawing(p.random, ['tablet ratchet 1']),
    })).plaintext;
    if (t.plaintext !== undefined) c.same(t.name, await run().catch((e) => e.code), t.plaintext);
    else await c.code(t.name, run, t.code);
  }
  return undefined;
}

export async function ratchetVectors(r, failures) {
  const c = checker(failures);
  const p = await parties(r, failures);
  const identities = { family: p.family, tablet: p.tablet };
  const state = {};
  const sent = {};
  const compare = (what, s, want) => {
    const got = {
      rootKey: s.rk, sendChain: s.cks, recvChain: s.ckr, ratchetPublic: s.dhs.publicKey, peerRatchet: s.dhr,
      ns: s.ns, nr: s.nr, pn: s.pn, skippedKeys: s.skipped.length, sendsPrekeyMessages: s.pending !== null,
    };
    for (const [k, value] of Object.entries(want)) c.same(`${what}: ${k}`, got[k] ?? null, value);
  };
  const bundle = { identity: p.tablet.record, signedPrekey: b(r.tabletBundle.signedPrekey), oneTime: b(r.tabletBundle.oneTimePrekey) };
  for (const step of r.steps) {
    const what = `step ${step.step} (${step.device} ${step.action}s ${step.message})`;
    const keys = drawing(p.random, step.device === 'family' && step.step === 1 ? step.drawn.slice(1) : step.drawn);
    const me = identities[step.device];
    if (step.action === 'send') {
      if (!state.family) {
        state.family = await startSession({
          identity: p.family, bundle, expectedDevice: p.tablet.deviceId, psk: b(r.link.psk), now: r.now, keys, ephemeral: p.random[step.drawn[0]],
        });
        c.same('x3dh ephemeral', state.family.pending.ephemeral, r.x3dh.ephemeralPublic);
        c.same('x3dh AD', state.family.ad, r.x3dh.ad);
        compare('the family\'s state at start', state.family, r.familyStateAtStart);
      }
      const before = state[step.device];
      const [, mk] = await kdfChain(before.cks);
      const { key, nonce } = await messageKeys(mk);
      c.same(`${what}: message key`, mk, step.messageKey);
      c.same(`${what}: AES key`, key, step.aesKey);
      c.same(`${what}: nonce`, nonce, step.nonce);
      const out = await encrypt(before, me, b(step.plaintext), { now: r.now });
      c.same(`${what}: envelope`, out.envelope, step.envelope);
      const h = parseEnvelope(out.envelope);
      c.same(`${what}: header`, `${h.type === PREKEY_MESSAGE ? 'prekey' : 'normal'}/${h.ratchet.pn}/${h.ratchet.n}/${h.clear.length}`,
        `${step.header.type}/${step.header.pn}/${step.header.n}/${step.header.clearPartBytes}`);
      c.same(`${what}: ratchet key`, h.ratchet.publicKey, step.header.ratchetKey);
      state[step.device] = out.state;
      sent[step.message] = out.envelope;
    } else {
      const envelope = parseEnvelope(sent[step.message]);
      let got;
      if (!state[step.device]) {
        got = await acceptSession({ identity: me, envelope, lookup: p.lookup, now: r.now, keys });
        if (step.oneTimePrekeyUsed !== undefined) c.same(`${what}: one-time prekey used`, envelope.prekey.opkId, step.oneTimePrekeyUsed);
      } else {
        got = await decrypt(state[step.device], envelope, { keys, now: r.now });
      }
      c.same(`${what}: plaintext`, got.plaintext, step.plaintext);
      state[step.device] = got.state;
    }
    compare(what, state[step.device], step.stateAfter);
  }
}
