// Whom a device encrypts to, from what the server says of the circle (`e2ee_circle`: devices
// [{device, identity, role: 'patient'|'family', name}]) and what the tablet vouches for (its
// latest `roster`). Pure: the caller keeps `known` and the roster in its store.
//
//   the tablet ('patient') encrypts to the family devices it vouches for: those that started
//     their session with it with their link's value, or that the patient or staff admitted (so the
//     tablet never starts a session a link did not authenticate: the family device starts it);
//   a family device encrypts to the tablet, and to another family device only if that device is
//     on the tablet's latest roster (the tablet checked it with its link, docs/e2ee.md "Fan-out");
//   a device that replaces another of the same person (a changed identity is a new device) is
//     held, unsent to, until that person's warning was seen ("Jean's security code changed").

import { E2eeError, fromBase64Url } from './primitives.js';

export const PATIENT = 'patient';
export const FAMILY = 'family';

/** The circle of an `e2ee_circle` message checked: [{device, identity (bytes), role, name}]. */
export function readCircle(devices) {
  if (!Array.isArray(devices)) throw new E2eeError('invalid_field', 'devices');
  const seen = new Set();
  return devices.map((d) => {
    if (seen.has(d.device) || (d.role !== PATIENT && d.role !== FAMILY)) throw new E2eeError('invalid_field', 'devices');
    seen.add(d.device);
    fromBase64Url(d.device, 16);
    return { device: d.device, identity: fromBase64Url(d.identity, 128), role: d.role, name: d.name };
  });
}

const person = (d) => `${d.role}\u0000${d.name}`;

/**
 * What changed since the circle this device knew (`known`: {device: {role, name, acknowledged}}):
 * {known (the new one to keep), added: [device], removed: [device], changed: [device]}. A device
 * is `changed` when its person had another device that is gone or still there (a new identity or
 * a second browser); it stays unacknowledged until `acknowledge` says its warning was seen.
 * The very first circle a device sees is taken as it is (nothing to compare it with).
 */
export function reviewCircle(known, circle) {
  const first = Object.keys(known).length === 0;
  const people = new Set(Object.values(known).map(person));
  const next = {};
  const added = [];
  const changed = [];
  for (const d of circle) {
    const before = known[d.device];
    if (before) {
      next[d.device] = before;
      continue;
    }
    const isChange = !first && people.has(person(d));
    next[d.device] = { role: d.role, name: d.name, acknowledged: !isChange };
    (isChange ? changed : added).push(d.device);
  }
  const removed = Object.keys(known).filter((id) => !circle.some((d) => d.device === id));
  return { known: next, added, removed, changed };
}

/** `known` with the warning about `device` seen. */
export function acknowledge(known, device) {
  return known[device] ? { ...known, [device]: { ...known[device], acknowledged: true } } : known;
}

/**
 * The devices to encrypt a message to, and those held: {send: [device], held: [device]}.
 * `self` = {device, role}; `vouched` the family devices the tablet vouches for (on the tablet: its
 * own list; on a family device: the tablet's latest roster).
 */
export function recipients({ self, circle, known, vouched = [] }) {
  const send = [];
  const held = [];
  const ok = new Set(vouched);
  for (const d of circle) {
    if (d.device === self.device) continue;
    if (d.role === FAMILY && !ok.has(d.device)) continue;
    (known[d.device]?.acknowledged === false ? held : send).push(d.device);
  }
  return { send, held };
}

/**
 * The tablet's `roster` plaintext for its family devices: the family devices of the circle it
 * vouches for (`verified`: those whose session with it was started with their link or that the
 * patient or staff admitted).
 */
export function rosterMessage(circle, verified) {
  const ok = new Set(verified);
  return { type: 'roster', devices: circle.filter((d) => d.role === FAMILY && ok.has(d.device)).map((d) => d.device) };
}

/** Whether a received roster may be taken: it comes from the circle's tablet. */
export function rosterFromTablet(circle, sender) {
  return circle.some((d) => d.role === PATIENT && d.device === sender);
}
