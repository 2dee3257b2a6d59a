// A device's own prekeys over time (docs/e2ee.md, "Prekeys"): a new signed prekey every 7 days,
// a replaced one's private key kept 31 days (at most 6 kept); one-time prekeys made by 100 when
// fewer than 20 are left, at most 200 held, a handed-out one's private key deleted 31 days after
// the server said so (or when a prekey message uses it). Works on a Store (store.js), under its lock.
//
//   due(store, identity, now, {oneTimeLeft}) -> {signedPrekey?, oneTime: [...] } records to upload, or null
//   handedOut(store, ids, now)               -> notes which one-time prekeys the server gave out

import {
  MAX_ONE_TIME, MAX_SIGNED_PREKEYS, ONE_TIME_BATCH, ONE_TIME_HANDED_OUT_KEPT, ONE_TIME_REFILL_UNDER,
  SIGNED_PREKEY_EVERY, SIGNED_PREKEY_KEPT, makeOneTimePrekeys, makeSignedPrekey,
} from './prekeys.js';

const isSigned = (r) => r.id.startsWith('s');
const isOneTime = (r) => r.id.startsWith('o');

/**
 * What must be uploaded now, made and stored: a signed prekey when there is none or the newest is
 * 7 days old; 100 one-time prekeys when fewer than 20 are left (`oneTimeLeft`: the server's count,
 * else the device's own); with `resendSigned`, the current signed prekey again. Returns null when
 * nothing is due.
 */
export async function due(store, identity, now, { oneTimeLeft, resendSigned = false } = {}) {
  const all = await store.readAll('prekeys');
  const next = all.find((r) => r.id === 'next')?.value ?? { signed: 1, oneTime: 1 };
  const changes = [];
  const upload = { oneTime: [] };
  const signed = all.filter(isSigned).map((r) => r.value).sort((a, b) => b.created - a.created);
  if (signed.length === 0 || now - signed[0].created >= SIGNED_PREKEY_EVERY) {
    const spk = await makeSignedPrekey(identity, next.signed, now);
    changes.push({ store: 'prekeys', id: `s${spk.id}`, value: { id: spk.id, created: now, pair: spk.pair, record: spk.record, replacedAt: null } });
    upload.signedPrekey = spk.record;
    next.signed += 1;
    if (signed[0]) changes.push({ store: 'prekeys', id: `s${signed[0].id}`, value: { ...signed[0], replacedAt: now } });
    signed.unshift({ id: spk.id, created: now, replacedAt: null });
  } else if (resendSigned) {
    upload.signedPrekey = signed[0].record; // the server may not have it (a lost frame, a restored database)
  }
  signed.forEach((s, i) => {
    const expired = s.replacedAt !== null && s.replacedAt !== undefined && now - s.replacedAt > SIGNED_PREKEY_KEPT;
    if (i > 0 && (expired || i >= MAX_SIGNED_PREKEYS)) changes.push({ store: 'prekeys', id: `s${s.id}`, value: undefined });
  });
  const held = all.filter(isOneTime).map((r) => r.value);
  const left = oneTimeLeft ?? held.filter((o) => !o.handedOutAt).length;
  if (left < ONE_TIME_REFILL_UNDER) {
    const count = Math.max(0, Math.min(ONE_TIME_BATCH, MAX_ONE_TIME - held.length));
    for (const o of await makeOneTimePrekeys(next.oneTime, count)) {
      changes.push({ store: 'prekeys', id: `o${o.id}`, value: { id: o.id, pair: o.pair, handedOutAt: null } });
      upload.oneTime.push(o.record);
    }
    next.oneTime += count;
  }
  if (!upload.signedPrekey && upload.oneTime.length === 0) {
    await store.write(changes);
    return null;
  }
  changes.push({ store: 'prekeys', id: 'next', value: next });
  await store.write(changes);
  return upload;
}

/** Notes the one-time prekeys the server handed out, and deletes those handed out over 31 days ago. */
export async function handedOut(store, ids, now) {
  const given = new Set(ids);
  const changes = [];
  for (const { id, value } of (await store.readAll('prekeys')).filter(isOneTime)) {
    if (value.handedOutAt && now - value.handedOutAt > ONE_TIME_HANDED_OUT_KEPT) {
      changes.push({ store: 'prekeys', id, value: undefined });
    } else if (!value.handedOutAt && given.has(value.id)) {
      changes.push({ store: 'prekeys', id, value: { ...value, handedOutAt: now } });
    }
  }
  await store.write(changes);
}
