// Checks prekey-pool.js over seven weeks of a device's life, on real IndexedDB (a browser page):
// the first upload, the refill under 20 (at most 200 held), handed-out prekeys deleted after 31
// days, a signed prekey a week, the replaced ones kept 31 days and at most 6.
//
//   runPrekeyPoolChecks() -> [] when all pass, else one line per failure

import { createIdentity } from './identity.js';
import { forgetScope } from './db.js';
import { Store } from './store.js';
import { due, handedOut } from './prekey-pool.js';
import { parseOneTimePrekey, verifySignedPrekey } from './prekeys.js';
import { checker } from './selftest-support.js';
import { toBase64Url } from './primitives.js';

const DAY = 86_400_000;
const START = 1_796_083_200_000;

export async function runPrekeyPoolChecks() {
  const failures = [];
  const c = checker(failures, 'prekey pool: ');
  const store = await Store.open(`selftest-pool-${Math.random().toString(36).slice(2)}`);
  try {
    const identity = await createIdentity();
    const held = async (kind) => (await store.readAll('prekeys')).filter((r) => r.id.startsWith(kind)).map((r) => r.value.id).sort((a, b) => a - b);

    const first = await due(store, identity, START);
    c.same('the first upload\'s one-time prekeys', first?.oneTime.length, 100);
    c.same('their ids', `${parseOneTimePrekey(first.oneTime[0]).id}…${parseOneTimePrekey(first.oneTime[99]).id}`, '1…100');
    const spk = await verifySignedPrekey(first.signedPrekey, identity.sig.publicKey, identity.deviceId, START);
    c.same('the first signed prekey', spk.id, 1);
    c.same('nothing more due at once', await due(store, identity, START + 1), null);
    const again = await due(store, identity, START + 2, { resendSigned: true });
    c.same('the signed prekey sent again', again?.signedPrekey, toBase64Url(first.signedPrekey));
    c.same('and no one-time prekey with it', again?.oneTime.length, 0);

    await handedOut(store, Array.from({ length: 85 }, (_, i) => i + 1), START + DAY);
    const refill = await due(store, identity, START + DAY, { oneTimeLeft: 15 });
    c.same('the refill under 20', refill?.oneTime.map((r) => parseOneTimePrekey(r).id).join().slice(0, 11), '101,102,103');
    c.same('one-time prekeys held', (await held('o')).length, 200);
    c.same('no refill beyond 200 held', await due(store, identity, START + DAY, { oneTimeLeft: 10 }), null);
    await handedOut(store, [], START + 33 * DAY);
    c.same('handed out over 31 days ago: deleted', (await held('o')).length, 115);

    for (let week = 1; week <= 7; week++) {
      const up = await due(store, identity, START + week * 7 * DAY, { oneTimeLeft: 100 });
      const made = up?.signedPrekey && (await verifySignedPrekey(up.signedPrekey, identity.sig.publicKey, identity.deviceId, START + week * 7 * DAY));
      c.same(`week ${week}'s signed prekey`, made?.id, week + 1);
    }
    c.same('signed prekeys kept after seven weeks', (await held('s')).join(), '3,4,5,6,7,8');
  } catch (e) {
    failures.push(`prekey pool: threw ${e.code ?? e.stack ?? e}`);
  } finally {
    await forgetScope(store.db, store.scope);
    store.close();
  }
  return failures;
}
