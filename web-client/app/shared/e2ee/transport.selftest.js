// Checks transport.js on its own: the frames it writes, the answers it matches, the server's
// refusals, timeouts on a manual clock (manual-time.js) and a lost socket. In Node and in a page.
//
//   runTransportChecks() -> [] when all pass, else one line per failure

import { manualTime } from '../manual-time.js';
import { toBase64Url } from './primitives.js';
import { Transport } from './transport.js';
import { checker } from './selftest-support.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

export async function runTransportChecks() {
  const failures = [];
  const c = checker(failures, 'transport: ');
  const time = manualTime();
  const frames = [];
  const events = [];
  const t = new Transport({
    send: (f) => frames.push(f), timers: time.timers, timeoutMs: 20_000,
    on: { deliver: (d) => events.push(d), prekeysState: (s) => events.push(s), delivered: (d) => events.push(d) },
  });
  const device = Uint8Array.from({ length: 16 }, (_, i) => i);
  const id = toBase64Url(device);

  const bundle = t.bundle(device);
  c.same('the bundle request', JSON.stringify(frames.at(-1)), JSON.stringify({ v: 1, type: 'e2ee_bundle_get', device: id }));
  t.handle({ v: 1, type: 'e2ee_bundle', device: id, identity: toBase64Url(new Uint8Array(128)), signedPrekey: toBase64Url(new Uint8Array(108)) });
  const got = await bundle;
  c.same('the bundle\'s signed prekey', got.signedPrekey.length, 108);
  c.same('a bundle without one-time prekey', got.oneTime, undefined);

  const refused = t.bundle(device);
  t.handle({ v: 1, type: 'error', code: 'e2ee_no_prekey', message: 'no prekeys' });
  await c.code('a bundle the server has none of', () => refused, 'e2ee_no_prekey');

  const late = t.sendEnvelope(new Uint8Array(347), device);
  time.advance(19_999);
  await settle();
  c.same('timers waiting before the bound', time.pending(), 1);
  time.advance(1);
  await c.code('an envelope never answered', () => late, 'e2ee_timeout');
  c.same('a late answer is taken and dropped', t.handle({ v: 1, type: 'e2ee_sent', recipient: id, seq: 3 }), true);

  const malformed = t.bundle(device);
  t.handle({ v: 1, type: 'e2ee_bundle', device: id, identity: 'AAAA', signedPrekey: 'AAAA' });
  await c.code('a bundle of the wrong sizes', () => malformed, 'bad_base64url');

  const offline = [t.bundle(device), t.sendEnvelope(new Uint8Array(347), device)];
  t.closed();
  for (const p of offline) await c.code('a request when the socket is lost', () => p, 'e2ee_offline');
  c.same('no timer left', time.pending(), 0);

  t.ack(Array.from({ length: 250 }, (_, i) => i + 1));
  const acks = frames.filter((f) => f.type === 'e2ee_ack').map((f) => f.seqs.length);
  c.same('acknowledgements by 100', acks.join(), '100,100,50');
  t.handle({ v: 1, type: 'e2ee_deliver', seq: 9, at: 5, envelope: toBase64Url(new Uint8Array(347)) });
  t.handle({ v: 1, type: 'e2ee_prekeys_state', oneTimeLeft: 12, handedOut: [4] });
  c.same('deliveries and prekey states reach their callbacks', events.map((e) => e.seq ?? e.oneTimeLeft).join(), '9,12');
  t.handle({ v: 1, type: 'e2ee_delivered', recipient: id, seq: 42 });
  c.same('a delivered notice names the recipient and its seq', `${toBase64Url(events.at(-1).recipient)} ${events.at(-1).seq}`, `${id} 42`);
  c.same('another type is left to the page', t.handle({ v: 1, type: 'pong', seq: 1 }), false);
  c.same('an error no request waits for is left to the page', t.handle({ v: 1, type: 'error', code: 'e2ee_queue_full', message: '' }), false);
  return failures;
}
