// Checks device.js, store.js, prekey-pool.js, messaging.js and transport.js together in a browser
// page (IndexedDB, Web Locks): a tablet and family devices, each with its own store scope, talking
// through `LoopbackRelay`, the relay's socket types answered in the page as docs/e2ee.md says (a
// queue per recipient device, bundles handing each one-time prekey out once, photo chunks). The
// server's own relay is checked by its Java tests; here the browser's side is.
//
//   runMessagingChecks() -> [] when all pass, else one line per failure

import { compareBytes, fromBase64Url, randomBytes, toBase64Url } from './primitives.js';
import { createIdentity } from './identity.js';
import { forgetScope, openDatabase } from './db.js';
import { parseEnvelope } from './envelope.js';
import { Store } from './store.js';
import { Device } from './device.js';
import { Transport } from './transport.js';
import { Messaging, tabletAcceptsFirstSession } from './messaging.js';
import { pskOfLinkSecret } from './x3dh.js';

/** The relay's side of the socket types, in the page: enough to carry the checks' conversations. */
class LoopbackRelay {
  constructor() {
    this.clients = new Map(); // device id -> {transport, messaging}
    this.prekeys = new Map(); // device id -> {identity, signed, oneTime: []}
    this.queues = new Map(); // device id -> [{seq, at, envelope}]
    this.blobs = new Map();
    this.seq = 0;
  }

  connect(id, identity) {
    this.prekeys.set(id, { identity: toBase64Url(identity), signed: null, oneTime: [] });
    const client = {};
    client.send = (frame) => queueMicrotask(() => this.#receive(id, client, frame));
    this.clients.set(id, client);
    return client;
  }

  #reply(client, frame) {
    client.transport.handle({ v: 1, ...frame });
  }

  #receive(id, client, f) {
    const keys = this.prekeys.get(id);
    switch (f.type) {
      case 'e2ee_prekeys':
        if (f.signedPrekey) keys.signed = f.signedPrekey;
        keys.oneTime.push(...f.oneTime);
        break;
      case 'e2ee_bundle_get': {
        const peer = this.prekeys.get(f.device);
        if (!peer?.signed) return this.#reply(client, { type: 'error', code: 'e2ee_no_prekey', message: 'none' });
        const oneTime = peer.oneTime.shift(); // handed out once
        return this.#reply(client, { type: 'e2ee_bundle', device: f.device, identity: peer.identity, signedPrekey: peer.signed, ...(oneTime ? { oneTime } : {}) });
      }
      case 'e2ee_send': {
        const recipient = toBase64Url(parseEnvelope(fromBase64Url(f.envelope)).recipient);
        const seq = ++this.seq;
        if (!this.queues.has(recipient)) this.queues.set(recipient, []);
        this.queues.get(recipient).push({ seq, at: Date.now(), envelope: f.envelope });
        return this.#reply(client, { type: 'e2ee_sent', recipient, seq });
      }
      case 'e2ee_ack':
        this.queues.set(id, (this.queues.get(id) ?? []).filter((q) => !f.seqs.includes(q.seq)));
        break;
      case 'e2ee_blob_put':
        this.blobs.set(`${f.blob}/${f.index}`, f);
        return this.#reply(client, { type: 'e2ee_blob_stored', blob: f.blob, index: f.index });
      case 'e2ee_blob_get':
        return this.#reply(client, { ...this.blobs.get(`${f.blob}/${f.index}`), type: 'e2ee_blob_chunk' });
      default:
        throw new Error(`the loopback relay does not take ${f.type}`);
    }
    return undefined;
  }

  /** Delivers `id`'s queue in order, each envelope processed before the next (as the server does). */
  async flush(id) {
    const { messaging } = this.clients.get(id);
    for (const q of [...(this.queues.get(id) ?? [])]) {
      await messaging.deliver({ seq: q.seq, at: q.at, envelope: fromBase64Url(q.envelope) });
    }
    await new Promise((r) => setTimeout(r, 0)); // the acknowledgements' frames
  }

  pending(id) {
    return (this.queues.get(id) ?? []).length;
  }
}

/** A device of `role` in `scope`: {id, messaging, events, store}. */
async function member(relay, scope, role, { psk = null } = {}) {
  const identity = await createIdentity();
  const store = await Store.open(scope);
  const id = toBase64Url(identity.deviceId);
  const client = relay.connect(id, identity.record);
  const device = new Device({ store, identity, acceptFirstSession: role === 'patient' ? tabletAcceptsFirstSession(store) : undefined });
  const events = [];
  client.transport = new Transport({ send: client.send });
  client.messaging = new Messaging({ device, transport: client.transport, role, psk, onEvent: (e) => events.push(e) });
  await client.messaging.start();
  return { id, identity, store, device, messaging: client.messaging, transport: client.transport, events, scope };
}

const circleOf = (...members) => members.map((m) => ({
  device: m.id, identity: toBase64Url(m.identity.record), role: m.role, name: m.name,
}));

export async function runMessagingChecks() {
  const failures = [];
  const fail = (m) => failures.push(`messaging: ${m}`);
  const run = `selftest-${Math.random().toString(36).slice(2)}`;
  const relay = new LoopbackRelay();
  const scopes = [];
  const make = async (name, role, opts) => {
    const m = await member(relay, `${run}-${name}`, role, opts);
    scopes.push(m.scope);
    return Object.assign(m, { role, name });
  };
  try {
    const secretA = randomBytes(32);
    const pskA = await pskOfLinkSecret(secretA);
    const pskB = await pskOfLinkSecret(randomBytes(32));
    const tablet = await make('tablet', 'patient');
    const jean = await make('jean', 'family', { psk: pskA });
    await new Promise((r) => setTimeout(r, 0));
    if (relay.prekeys.get(tablet.id).oneTime.length !== 100 || !relay.prekeys.get(tablet.id).signed) fail('the tablet did not upload a signed prekey and 100 one-time prekeys');
    await tablet.messaging.linkSecret({ invite: 'a'.repeat(64), contact: 'contact-jean', psk: pskA, until: Date.now() + 3_600_000 });
    for (const m of [tablet, jean]) await m.messaging.circleChanged({ devices: circleOf(tablet, jean) });

    const first = await jean.messaging.sendText('Bonjour Maman');
    if (first.sent.join() !== tablet.id) fail(`Jean's first text went to ${first.sent} (held ${first.held}, failed ${JSON.stringify(first.failed)})`);
    await relay.flush(tablet.id);
    const got = tablet.events.find((e) => e.kind === 'message');
    if (got?.message.body !== 'Bonjour Maman' || !got.verifiedByLink || got.sender.name !== 'jean') fail(`the tablet got ${JSON.stringify(got)}`);
    if (relay.pending(tablet.id) !== 0) fail('the tablet did not acknowledge');
    const usedOpk = (await tablet.store.readAll('prekeys')).filter((r) => r.id.startsWith('o')).length;
    if (usedOpk !== 99) fail(`the tablet holds ${usedOpk} one-time prekeys after one was used, expected 99`);

    await relay.flush(jean.id); // the tablet's roster, sent once Jean's link proved Jean
    const roster = jean.events.find((e) => e.kind === 'roster');
    if (roster?.devices.join() !== jean.id) fail(`Jean's roster is ${JSON.stringify(roster)}`);
    await tablet.messaging.sendText('Bonjour Jean');
    await relay.flush(jean.id);
    if (!jean.events.some((e) => e.kind === 'message' && e.message.body === 'Bonjour Jean')) fail('Jean did not read the tablet\'s reply');

    // A second contact: on the roster once the tablet has checked Léa's link; then Jean writes to both.
    const lea = await make('lea', 'family', { psk: pskB });
    await tablet.messaging.linkSecret({ invite: 'b'.repeat(64), contact: 'contact-lea', psk: pskB, until: Date.now() + 3_600_000 });
    for (const m of [tablet, jean, lea]) await m.messaging.circleChanged({ devices: circleOf(tablet, jean, lea) });
    const early = await jean.messaging.sendText('Léa is not vouched for yet');
    if (early.sent.includes(lea.id)) fail('Jean wrote to Léa before the tablet vouched for her');
    await relay.flush(tablet.id);
    await lea.messaging.sendText('Coucou');
    await relay.flush(tablet.id);
    await relay.flush(jean.id);
    const both = await jean.messaging.sendText('À vous deux');
    if (both.sent.length !== 2) fail(`Jean's text to the tablet and Léa went to ${both.sent.length}`);
    await relay.flush(lea.id);
    if (!lea.events.some((e) => e.kind === 'message' && e.message.body === 'À vous deux')) fail('Léa did not read Jean');

    // A replayed envelope is acknowledged and nothing more (not even "could not be read"); the
    // session refuses one altered to pass as new; a stranger without a link is refused.
    const replay = (await jean.device.encryptFor(fromBase64Url(tablet.id), { type: 'text', id: toBase64Url(randomBytes(16)), sentAt: 1, body: 'x' }));
    const eventsBefore = tablet.events.length;
    const readBefore = tablet.events.filter((e) => e.kind === 'message').length;
    await tablet.messaging.deliver({ seq: 9001, envelope: replay });
    await tablet.messaging.deliver({ seq: 9002, envelope: replay });
    const read = tablet.events.filter((e) => e.kind === 'message').length - readBefore;
    if (read !== 1 || tablet.events.length - eventsBefore !== 1) fail(`an envelope delivered twice was read ${read} times, ${tablet.events.length - eventsBefore} events`);
    const altered = replay.slice();
    altered[altered.length - 1] ^= 1;
    await tablet.messaging.deliver({ seq: 9003, envelope: altered });
    if (tablet.events.at(-1).kind !== 'unreadable') fail('an altered copy of a message was not "could not be read"');
    const stranger = await make('stranger', 'family');
    await tablet.messaging.circleChanged({ devices: circleOf(tablet, jean, lea, stranger) });
    await stranger.messaging.circleChanged({ devices: circleOf(tablet, jean, lea, stranger) });
    await stranger.messaging.sendText('let me in');
    await relay.flush(tablet.id);
    if (!tablet.events.some((e) => e.kind === 'unreadable' && e.code === 'e2ee_first_session_refused')) fail('a first session without a link was accepted');

    // Someone else with Jean's link waits as "someone else with Jean's link".
    const copy = await make('copy', 'family', { psk: pskA });
    for (const m of [tablet, copy]) await m.messaging.circleChanged({ devices: circleOf(tablet, jean, lea, copy) });
    await copy.messaging.sendText('I am Jean too');
    await relay.flush(tablet.id);
    if (!tablet.events.some((e) => e.kind === 'link_taken' && e.device === copy.id)) fail('a second device with Jean\'s link was not reported');

    // A changed identity of Jean is held until its warning was seen.
    const jean2 = await make('jean2', 'family', { psk: pskA });
    Object.assign(jean2, { name: jean.name });
    const review = await tablet.messaging.circleChanged({ devices: circleOf(tablet, jean2, lea) });
    if (review.changed.join() !== jean2.id || !review.removed.includes(jean.id) || review.removed.includes(lea.id)) fail(`the circle change read ${JSON.stringify(review)}`);
    if ((await tablet.store.read('sessions', jean.id)) !== undefined) fail('the sessions of a removed device were kept');
    await jean2.messaging.circleChanged({ devices: circleOf(tablet, jean2, lea) });
    await jean2.messaging.sendText('C\'est Jean, sur un nouveau téléphone');
    await relay.flush(tablet.id); // Jean's link already has its device: this one waits to be admitted
    if (!tablet.events.some((e) => e.kind === 'link_taken' && e.device === jean2.id)) fail('Jean\'s new browser was not shown as waiting');
    if ((await tablet.messaging.sendText('Pas encore')).sent.includes(jean2.id)) fail('the tablet wrote to a device it does not vouch for');
    await tablet.messaging.admit(jean2.id);
    const heldText = await tablet.messaging.sendText('Qui est là ?');
    if (heldText.held.join() !== jean2.id) fail(`a changed device was not held: ${JSON.stringify(heldText)}`);
    await tablet.messaging.acknowledge(jean2.id);
    if ((await tablet.messaging.sendText('Re-bonjour')).held.length !== 0) fail('an acknowledged device stayed held');

    await photoCheck(fail, relay, lea, tablet);
    await twoTabsCheck(fail, lea, tablet);
    await crossingStartsCheck(fail, relay, await make('paul', 'family'), await make('anne', 'family'));
  } catch (e) {
    fail(`threw ${e.code ?? e.stack ?? e}`);
  } finally {
    const db = await openDatabase();
    for (const scope of scopes) await forgetScope(db, scope);
    db.close();
  }
  return failures;
}

async function photoCheck(fail, relay, from, to) {
  const codes = [await from.messaging.safetyCodeWith(to.id), await to.messaging.safetyCodeWith(from.id)];
  if (codes[0].code !== codes[1].code || !/^[0-9]{60}$/.test(codes[0].code) || !/^[0-9]{6}$/.test(codes[0].short)) {
    fail(`the two sides' safety codes are ${codes.map((x) => x.code)}`);
  }
  const jpeg = randomBytes(50_000);
  const result = await from.messaging.sendPhoto({ jpeg, width: 800, height: 600 }, 'Le jardin');
  if (!result.sent.includes(to.id)) fail(`the photo was not sent to the tablet: ${JSON.stringify(result)}`);
  await relay.flush(to.id);
  const m = to.events.filter((e) => e.kind === 'message' && e.message.type === 'photo').pop()?.message;
  if (!m) return fail('the tablet got no photo message');
  const back = await to.messaging.openPhoto(m);
  if (back.length !== jpeg.length || back.some((b, i) => b !== jpeg[i])) fail('the photo did not come back whole');
}

/** Two tabs of one browser (two Devices on one scope) sending at once never reuse a message number. */
async function twoTabsCheck(fail, sender, to) {
  const tab2 = new Device({ store: await Store.open(sender.scope), identity: sender.identity });
  const message = (body) => ({ type: 'text', id: toBase64Url(randomBytes(16)), sentAt: 1, body });
  const envelopes = await Promise.all([
    sender.device.encryptFor(fromBase64Url(to.id), message('tab 1')), tab2.encryptFor(fromBase64Url(to.id), message('tab 2')),
    sender.device.encryptFor(fromBase64Url(to.id), message('tab 1 again')), tab2.encryptFor(fromBase64Url(to.id), message('tab 2 again')),
  ]);
  const numbers = new Set(envelopes.map((e) => { const p = parseEnvelope(e).ratchet; return `${toBase64Url(p.publicKey)}/${p.n}`; }));
  if (numbers.size !== 4) fail(`two tabs sent ${4 - numbers.size} message number(s) twice`);
  tab2.store.close();
}

/**
 * Two devices that start sessions with each other at once both keep the one started by the device
 * with the smaller id for sending, and the other for reading (docs/e2ee.md, "Two starts at once").
 */
async function crossingStartsCheck(fail, relay, x, y) {
  await new Promise((r) => setTimeout(r, 0)); // their prekeys uploaded
  const text = (body) => ({ type: 'text', id: toBase64Url(randomBytes(16)), sentAt: 1, body });
  const [fromX, fromY] = await Promise.all([
    x.device.encryptFor(fromBase64Url(y.id), text('x first'), { bundle: () => x.transport.bundle(fromBase64Url(y.id)) }),
    y.device.encryptFor(fromBase64Url(x.id), text('y first'), { bundle: () => y.transport.bundle(fromBase64Url(x.id)) }),
  ]);
  const readX = await x.device.receive(fromY);
  const readY = await y.device.receive(fromX);
  if (readX.message.body !== 'y first' || readY.message.body !== 'x first') fail('two crossing first messages were not both read');
  const [small, large] = compareBytes(x.identity.deviceId, y.identity.deviceId) < 0 ? [x, y] : [y, x];
  const sending = async (m, peer) => (await m.store.read('sessions', peer.id)).sessions[0];
  if (!(await sending(small, large)).initiator || (await sending(large, small)).initiator) {
    fail('the two devices do not both send in the session the smaller id started');
  }
  const again = await large.device.encryptFor(fromBase64Url(small.id), text('and again'));
  if ((await small.device.receive(again)).message.body !== 'and again') fail('a message after crossing starts was not read');
  const back = await small.device.encryptFor(fromBase64Url(large.id), text('back'));
  if ((await large.device.receive(back)).message.body !== 'back') fail('the answer after crossing starts was not read');
}
