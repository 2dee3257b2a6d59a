// A device's messaging over the relay: the session policy between Device (device.js), the circle
// rules (circle.js) and the socket (transport.js).
//
//   fan-out: a message is encrypted once for each recipient circle.js names (the tablet: the
//     family devices it vouches for; a family device: the tablet and the family devices of the
//     tablet's latest roster), starting a session where there is none (the family's first with
//     the tablet with its link's PSK);
//   delivery: each envelope is decrypted and its effect stored before it is acknowledged; one that
//     does not decrypt is acknowledged too and reported ({kind: 'unreadable', from, code});
//   the tablet sends every family device its roster after each change of the circle, and keeps a
//     link's first device: another device with the same link is reported ({kind: 'link_taken'})
//     and its messages held back until the patient or staff admit it;
//   a device that replaces another of the same person is held, unsent to, until `acknowledge`;
//   prekeys are uploaded at `start` and refilled when the server says fewer than 20 are left.
//
// Events go to `onEvent(event)`: {kind: 'message', from, sender: {device, name, role}, message,
// verifiedByLink, seq}, 'unreadable' ({code, restart, seq, from (the envelope's clear sender, when it
// parses), sender}), 'link_taken', 'circle' ({added, removed, changed}), 'roster'. For a delivery,
// a promise `onEvent` returns is awaited before the envelope is acknowledged, so that a caller that
// keeps the message does so first.

import { E2eeError, fromBase64Url, randomBytes, sha256, toBase64Url } from './primitives.js';
import { FAMILY, PATIENT, acknowledge, readCircle, recipients, reviewCircle, rosterFromTablet, rosterMessage } from './circle.js';
import { openPhoto, photoMessage, sealPhoto } from './photo.js';
import { safetyCodes } from './safety.js';
import { pskIdOf } from './x3dh.js';
import { parseEnvelope } from './envelope.js';

const STATE = 'circle'; // the peers store's record of this device's view of its circle
const OPENED = 'opened'; // the peers store's record of the envelopes delivered: {hashes} (SHA-256, base64url)
const MAX_OPENED = 1000;

export class Messaging {
  /**
   * `device` a Device, `transport` a Transport, `role` 'patient' (the kiosk) or 'family',
   * `psk` the family page's link PSK (or null), `now()` the time, `onEvent(event)`.
   */
  constructor({ device, transport, role, psk = null, now = () => Date.now(), onEvent = () => {} }) {
    Object.assign(this, { device, transport, role, psk, now, onEvent });
    this.self = toBase64Url(device.identity.deviceId);
  }

  async #state() {
    return (await this.device.store.read('peers', STATE)) ?? { circle: [], known: {}, roster: [], verified: [], linkDevices: {} };
  }

  async #save(state) {
    await this.device.store.write([{ store: 'peers', id: STATE, value: state }]);
  }

  /**
   * At each (re)connection: deletes link secrets' values past their visit and old replay marks,
   * and uploads the signed prekey (made at first use, then weekly) with the one-time prekeys due.
   */
  async start() {
    await this.device.purge();
    const due = await this.device.prekeysDue({ resendSigned: true });
    if (due) this.transport.uploadPrekeys(due);
  }

  /** The server's `e2ee_prekeys_state`. */
  async prekeysState(state) {
    const due = await this.device.prekeysState(state);
    if (due) this.transport.uploadPrekeys(due);
  }

  /** The kiosk: a link secret's value from `e2ee_link_secret`, kept until its visit's end. */
  async linkSecret({ invite, contact, psk, until }) {
    await this.device.keepPsk({ psk, pskId: await pskIdOf(psk), until, invite, contact });
  }

  /** The server's `e2ee_circle` ({devices}): warnings, removals, and the tablet's roster. */
  async circleChanged({ devices }) {
    const circle = readCircle(devices).map(({ identity, ...d }) => ({ ...d, identity: toBase64Url(identity) }));
    const state = await this.#state();
    const review = reviewCircle(state.known, circle);
    for (const gone of review.removed) await this.device.forgetPeer(fromBase64Url(gone, 16));
    const next = { ...state, circle, known: review.known, verified: state.verified.filter((d) => circle.some((c) => c.device === d)) };
    await this.#save(next);
    this.onEvent({ kind: 'circle', added: review.added, removed: review.removed, changed: review.changed });
    if (this.role === PATIENT) await this.#sendRoster(next);
    return review;
  }

  /** The person has seen the warning about `device` (its messages are no longer held). */
  async acknowledge(device) {
    const state = await this.#state();
    await this.#save({ ...state, known: acknowledge(state.known, device) });
  }

  /** The tablet: the patient (or staff) admitted `device`; it goes on the roster. */
  async admit(device) {
    const state = await this.#state();
    if (!state.verified.includes(device)) await this.#save({ ...state, verified: [...state.verified, device] });
    if (this.role === PATIENT) await this.#sendRoster(await this.#state());
  }

  /**
   * Sends a text to the circle: {id, sent: [device], seqs: [{device, seq}], held: [device], failed:
   * [{device, code}]}; `id` (base64url of 16 bytes) and `sentAt` are fresh unless given.
   */
  sendText(body, { id = toBase64Url(randomBytes(16)), sentAt = this.now() } = {}) {
    return this.#fanOut({ type: 'text', id, sentAt, body });
  }

  /** Sends a picture (from photo.js's preparePhoto) to the circle, its chunks stored once. */
  async sendPhoto({ jpeg, width, height }, caption, { id = toBase64Url(randomBytes(16)), sentAt = this.now() } = {}) {
    const sealed = await sealPhoto(jpeg);
    await this.transport.putBlob(sealed.blob, sealed.chunks);
    return this.#fanOut(photoMessage({ id: fromBase64Url(id, 16), sentAt, sealed, width, height, caption }));
  }

  /** The JPEG of a received `photo` message: its chunks fetched, decrypted and checked (photo.js). */
  async openPhoto(message) {
    const photo = { ...message, blob: fromBase64Url(message.blob, 16), key: fromBase64Url(message.key, 32), sha256: fromBase64Url(message.sha256, 32) };
    return openPhoto(photo, await this.transport.getBlob(photo.blob, message.chunks));
  }

  /** The safety codes ({code (60 digits), short (6), groups}) of this device and `device` of the circle. */
  async safetyCodeWith(device) {
    const peer = (await this.#state()).circle.find((d) => d.device === device);
    if (!peer) throw new E2eeError('e2ee_not_in_circle', 'no such device in the circle');
    const record = fromBase64Url(peer.identity, 128);
    const mine = this.device.identity;
    return safetyCodes({ sigPublic: mine.sig.publicKey, dhPublic: mine.dh.publicKey }, { sigPublic: record.slice(0, 32), dhPublic: record.slice(32, 64) });
  }

  /** Sends `read` for message ids (base64url) to the circle. */
  sendRead(ids) {
    return this.#fanOut({ type: 'read', ids });
  }

  async #fanOut(message) {
    const state = await this.#state();
    const vouched = this.role === PATIENT ? state.verified : state.roster;
    const { send, held } = recipients({ self: { device: this.self, role: this.role }, circle: state.circle, known: state.known, vouched });
    const failed = [];
    const sent = [];
    const seqs = [];
    for (const id of send) {
      try {
        const { seq } = await this.#sendTo(id, message, state);
        sent.push(id);
        seqs.push({ device: id, seq });
      } catch (e) {
        failed.push({ device: id, code: e.code ?? 'e2ee_failed' });
      }
    }
    return { id: message.id, sent, seqs, held, failed };
  }

  async #sendTo(id, message, state) {
    const peer = fromBase64Url(id, 16);
    const toTablet = state.circle.some((d) => d.device === id && d.role === PATIENT);
    const envelope = await this.device.encryptFor(peer, message, {
      bundle: () => this.transport.bundle(peer),
      psk: this.role === FAMILY && toTablet ? this.psk : null,
    });
    return this.transport.sendEnvelope(envelope, peer);
  }

  async #sendRoster(state) {
    const roster = rosterMessage(state.circle, state.verified);
    for (const id of roster.devices) {
      await this.#sendTo(id, roster, state).catch((e) => this.onEvent({ kind: 'unreachable', device: id, code: e.code ?? 'e2ee_failed' }));
    }
  }

  /**
   * One `e2ee_deliver`: decrypted, its effect stored, then acknowledged. An envelope this device
   * already took (the server stores and delivers a repeated `e2ee_send` again) is acknowledged
   * and nothing more: a message is shown once, and a replay is not "a message that could not be read".
   */
  async deliver({ seq, envelope }) {
    const hash = toBase64Url(await sha256(envelope));
    if ((await this.device.store.read('peers', OPENED))?.hashes.includes(hash)) {
      this.transport.ack([seq]);
      return;
    }
    await this.#opened(hash);
    let result;
    try {
      result = await this.device.receive(envelope);
    } catch (e) {
      const from = clearSender(envelope);
      const who = from && (await this.#state()).circle.find((d) => d.device === from);
      await this.onEvent({
        kind: 'unreadable', code: e instanceof E2eeError ? e.code : 'decrypt_failed', restart: Boolean(e.restart), seq,
        from, sender: who ? { device: from, name: who.name, role: who.role } : null,
      });
      this.transport.ack([seq]);
      return;
    }
    const from = toBase64Url(result.from);
    const event = await this.#accept(from, result);
    if (event) await this.onEvent({ ...event, seq });
    this.transport.ack([seq]);
  }

  // Remembers the hash of a delivered envelope (the newest MAX_OPENED), before its work is done.
  async #opened(hash) {
    const kept = (await this.device.store.read('peers', OPENED))?.hashes ?? [];
    await this.device.store.write([{ store: 'peers', id: OPENED, value: { hashes: [...kept, hash].slice(-MAX_OPENED) } }]);
  }

  async #accept(from, result) {
    const state = await this.#state();
    const { message } = result;
    if (message.type === 'roster') {
      if (this.role !== FAMILY || !rosterFromTablet(state.circle, from)) return { kind: 'unreadable', code: 'e2ee_roster_refused', from };
      await this.#save({ ...state, roster: message.devices });
      return { kind: 'roster', devices: message.devices };
    }
    if (this.role === PATIENT && result.firstSession && result.psk) {
      // The first device to use a link's value is that link's device (docs/e2ee.md, "Binding").
      const key = result.psk.invite ?? 'unknown';
      const owner = state.linkDevices[key];
      if (owner && owner !== from && !state.verified.includes(from)) {
        return { kind: 'link_taken', device: from, contact: result.psk.contact, message };
      }
      if (!owner) {
        await this.#save({ ...state, linkDevices: { ...state.linkDevices, [key]: from }, verified: [...new Set([...state.verified, from])] });
        await this.#sendRoster(await this.#state());
      }
    }
    const who = state.circle.find((d) => d.device === from);
    return { kind: 'message', from, sender: who ? { device: from, name: who.name, role: who.role } : { device: from }, message, verifiedByLink: result.withPsk };
  }
}

/** The sender device id (base64url) of an envelope's clear part, or null when it does not parse. */
function clearSender(bytes) {
  try {
    return toBase64Url(parseEnvelope(bytes).sender);
  } catch {
    return null;
  }
}

/**
 * The tablet's rule for a first session from a device it never had one with (Device's
 * `acceptFirstSession`): only with a live link's value, or for a device the patient or staff admitted.
 */
export function tabletAcceptsFirstSession(store) {
  return async ({ peer, psk }) => {
    if (psk) return true;
    const state = await store.read('peers', STATE);
    return Boolean(state?.verified.includes(toBase64Url(peer)));
  };
}
