// Strict codec for the Lucarne signaling protocol, version 1 (docs/protocol.md).
//
// decode(text, direction) -> {ok: true, message} | {ok: false, error: code}
// encode(message)         -> text, or throws ProtocolError with the same codes.
//
// JSON is read by our own scanner (RFC 8259) rather than JSON.parse, because
// JSON.parse silently keeps the last of two equal keys and cannot tell 1 from 1.0.
//
// Checks run in this order, and the first failure wins (docs/protocol.md):
//   malformed_json, duplicate_key, not_an_object, unsupported_version,
//   unknown_type, then each field in spec order (missing_field or
//   invalid_field), then rules across fields (join: visit or invite), then
//   unknown_field.

export const VERSION = 1;

export const ERROR_CODES = Object.freeze([
  'malformed_json', 'not_an_object', 'duplicate_key', 'unsupported_version',
  'unknown_type', 'missing_field', 'unknown_field', 'invalid_field',
  'hello_required', 'already_greeted', 'rate_limited', 'internal',
  // Calls (docs/protocol.md, "Calls": errors)
  'not_available_yet', 'not_allowed', 'not_in_visit', 'invite_invalid',
  'invite_revoked', 'wrong_visit', 'visit_not_started', 'visit_ended',
  'not_ringing', 'participant_unknown', 'sdp_invalid', 'stale_revision',
  // Staff (docs/protocol.md, "Staff")
  'not_signed_in',
  // End-to-end encryption: devices and circles (docs/protocol.md, "Devices and circles")
  'e2ee_not_bound', 'e2ee_bad_proof', 'e2ee_link_taken', 'e2ee_no_circle',
  // The end-to-end encryption relay (docs/protocol.md, "Messages": errors)
  'e2ee_not_in_circle', 'envelope_truncated', 'envelope_unsupported', 'envelope_malformed',
  'e2ee_queue_full', 'e2ee_prekey_invalid', 'e2ee_prekeys_full', 'e2ee_no_prekey',
  'e2ee_blob_unknown', 'e2ee_blob_invalid',
]);

/** The i18n key of the text to show a person for an error code (web-client/app/i18n). */
export function errorMessageKey(code) {
  return ERROR_CODES.includes(code) ? `error.${code}` : 'error.internal';
}

/** The longest SDP offer or answer, in UTF-16 code units: the escaped frame stays under 64 KiB. */
export const MAX_SDP_LENGTH = 49152;
/** The longest ward id `ward_changed` carries: a ward id as the database holds it. */
export const MAX_WARD_ID_LENGTH = 128;
/** The longest ward name `next_visit` carries. */
export const MAX_WARD_NAME_LENGTH = 128;
/** The most family members' names `next_visit` carries: as many as one booking invites. */
export const MAX_NEXT_VISIT_NAMES = 20;
/** The most devices `e2ee_circle` carries: a tablet and a few devices for each of a patient's contacts. */
export const MAX_CIRCLE_DEVICES = 64;

export class ProtocolError extends Error {
  constructor(code, detail) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ProtocolError';
    this.code = code;
  }
}

// ---------------------------------------------------------------------------
// Field rules. A rule receives a scanned node ({kind, value, integral}) and
// returns true when the value is acceptable.

const MAX_INT = Number.MAX_SAFE_INTEGER;

const isNonNegativeInt = (node) =>
  node.kind === 'number' && node.integral && node.value >= 0 && node.value <= MAX_INT;
const intBetween = (min, max) => (node) => isNonNegativeInt(node) && node.value >= min && node.value <= max;
const oneOf = (...choices) => (node) => node.kind === 'string' && choices.includes(node.value);
// Lengths are counted in UTF-16 code units, as Java's String.length() does.
const stringOfLength = (min, max) => (node) =>
  node.kind === 'string' && node.value.length >= min && node.value.length <= max;
const isBoolean = (node) => node.kind === 'boolean';
// Ids the server makes (visits, participants).
const isId = (node) => node.kind === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(node.value);
// Revisions start at 1 and stay below 2^53.
const isRevision = intBetween(1, MAX_INT);
const isSdp = stringOfLength(1, MAX_SDP_LENGTH);
const isName = stringOfLength(1, 64);
// An array of at most `max` items, each passing `rule` (the only arrays in v1: next_visit's names).
const arrayOf = (rule, max) => (node) =>
  node.kind === 'array' && node.items.length <= max && node.items.every(rule);
const isLanguage = (node) => node.kind === 'string' && /^[a-z]{2,3}$/.test(node.value);
const OPTIONAL = true;
// An array of at most `max` objects, each with `fields` as a message has them: returns an error code or
// {value} (each object's fields in canonical order). The first failing object's first failing field wins.
const objectsOf = (fields, max) => Object.assign(() => false, {
  nested(node) {
    if (node.kind !== 'array' || node.items.length > max) return { error: 'invalid_field' };
    const value = [];
    for (const item of node.items) {
      if (item.kind !== 'object') return { error: 'invalid_field' };
      const result = validateFields(fields, item.entries, {});
      if (result.error) return result;
      value.push(result.message);
    }
    return { value };
  },
});

// Bytes: canonical base64url without padding, `min` to `max` bytes once decoded (docs/e2ee.md).
const B64_LAST = { 2: /[AQgw]$/, 3: /[AEIMQUYcgkosw048]$/ }; // the unused low bits are zero
const bytesBetween = (min, max) => (node) => {
  if (node.kind !== 'string' || !/^[A-Za-z0-9_-]*$/.test(node.value)) return false;
  const rest = node.value.length % 4;
  if (rest === 1 || (rest > 1 && !B64_LAST[rest].test(node.value))) return false;
  const bytes = Math.floor((node.value.length * 3) / 4);
  return bytes >= min && bytes <= max;
};
const bytesOf = (n) => bytesBetween(n, n);
const arrayBetween = (rule, min, max) => (node) =>
  node.kind === 'array' && node.items.length >= min && node.items.length <= max && node.items.every(rule);
/** The relay's sizes (docs/e2ee.md): ids, records, the largest envelope, a photo's chunk. */
export const E2EE = Object.freeze({
  ID_BYTES: 16, IDENTITY_BYTES: 128, SIGNED_PREKEY_BYTES: 108, ONE_TIME_PREKEY_BYTES: 36,
  MAX_ONE_TIME_UPLOAD: 100, MAX_ENVELOPE_BYTES: 40 * 1024, MAX_ACK: 100, MAX_CHUNKS: 64,
  CHUNK_BYTES: 32 * 1024 + 16, PSK_BYTES: 32,
});
const E2EE_ID = bytesOf(E2EE.ID_BYTES);
const ENVELOPE = ['envelope', bytesBetween(1, E2EE.MAX_ENVELOPE_BYTES)];
const SEQ = ['seq', intBetween(1, MAX_INT)];
const CHUNK_INDEX = ['index', intBetween(0, E2EE.MAX_CHUNKS - 1)];
const CHUNK = [['blob', E2EE_ID], CHUNK_INDEX, ['count', intBetween(1, E2EE.MAX_CHUNKS)],
  ['data', bytesOf(E2EE.CHUNK_BYTES)]];

const VISIT = ['visit', isId];
const PARTICIPANT = ['participant', isId];
const MEDIA = [['muted', isBoolean], ['cameraOff', isBoolean]];
const SDP = [VISIT, ['revision', isRevision], ['sdp', isSdp]];
/** A participant's own connection, as their browser judges it (call-quality.js). */
export const LINK_QUALITIES = Object.freeze(['unknown', 'good', 'weak', 'poor']);
const LINK = ['quality', oneOf(...LINK_QUALITIES)];
/** video_sizes: the participants a screen shows, each at most once, and how tall (docs/protocol.md, "Video sizes"). */
export const VIDEO_SIZES = Object.freeze({ MAX_TILES: 32, MAX_HEIGHT: 4320 });
const TILE_SIZES = ['sizes', objectsOf([PARTICIPANT, ['height', intBetween(0, VIDEO_SIZES.MAX_HEIGHT)]], VIDEO_SIZES.MAX_TILES)];

// Each type: the side that sends it, and its fields in canonical order, each
// [name, rule] or [name, rule, OPTIONAL]; `check` is a rule across fields, run
// after the fields and before unknown_field.
const TYPES = new Map([
  ['hello', { from: 'client', fields: [
    ['app', oneOf('family', 'kiosk', 'staff')],
    ['appVersion', stringOfLength(1, 32)],
  ] }],
  ['ping', { from: 'client', fields: [['seq', isNonNegativeInt]] }],
  ['welcome', { from: 'server', fields: [
    ['session', stringOfLength(1, 128)],
    ['server', stringOfLength(1, 64)],
    ['heartbeatSeconds', intBetween(1, 3600)],
    ['idleTimeoutSeconds', intBetween(1, 86400)],
  ] }],
  ['pong', { from: 'server', fields: [['seq', isNonNegativeInt]] }],
  ['error', { from: 'server', fields: [['code', (node) => oneOf(...ERROR_CODES)(node)], ['message', stringOfLength(0, 2000)]] }],
  // Calls, client -> server (docs/protocol.md, "Calls")
  ['join', { from: 'client', fields: [['visit', isId, OPTIONAL], ['invite', stringOfLength(1, 128), OPTIONAL]],
    check: (m) => {
      if (m.visit === undefined && m.invite === undefined) return 'missing_field';
      if (m.visit !== undefined && m.invite !== undefined) return 'invalid_field';
      return null;
    } }],
  ['answer', { from: 'client', fields: [VISIT] }],
  ['decline', { from: 'client', fields: [VISIT] }],
  ['admit', { from: 'client', fields: [VISIT, PARTICIPANT] }],
  ['leave', { from: 'client', fields: [VISIT] }],
  ['end', { from: 'client', fields: [VISIT] }],
  ['media_state', { from: 'client', fields: [VISIT, ...MEDIA] }],
  ['sdp_answer', { from: 'client', fields: SDP }],
  ['ice_restart', { from: 'client', fields: [VISIT] }],
  ['link_quality', { from: 'client', fields: [VISIT, LINK] }],
  ['video_sizes', { from: 'client', fields: [VISIT, TILE_SIZES],
    check: (m) => (new Set(m.sizes.map((t) => t.participant)).size !== m.sizes.length ? 'invalid_field' : null) }],
  // Calls, server -> client
  ['visit_ready', { from: 'server', fields: [VISIT, ['endsAt', isNonNegativeInt]] }],
  ['ring', { from: 'server', fields: [VISIT, ['autoAnswer', isBoolean]] }],
  ['lobby', { from: 'server', fields: [VISIT, ['name', isName]] }],
  ['waiting', { from: 'server', fields: [VISIT, PARTICIPANT, ['name', isName]] }],
  // iceServers: absent without TURN, else 1 to 4 RTCIceServer objects with this media session's credentials.
  ['joined', { from: 'server', fields: [VISIT, PARTICIPANT, ['iceServers', objectsOf([
    ['urls', arrayBetween(stringOfLength(1, 256), 1, 8)],
    ['username', stringOfLength(1, 128)],
    ['credential', stringOfLength(1, 128)],
  ], 4), OPTIONAL]], check: (m) => (m.iceServers !== undefined && m.iceServers.length === 0 ? 'invalid_field' : null) }],
  ['participant_joined', { from: 'server', fields: [VISIT, PARTICIPANT,
    ['role', oneOf('patient', 'family', 'staff')], ['name', isName]] }],
  ['participant_left', { from: 'server', fields: [VISIT, PARTICIPANT] }],
  ['participant_media', { from: 'server', fields: [VISIT, PARTICIPANT, ...MEDIA] }],
  ['participant_link', { from: 'server', fields: [VISIT, PARTICIPANT, LINK] }],
  ['participant_reconnecting', { from: 'server', fields: [VISIT, PARTICIPANT] }],
  ['sdp_offer', { from: 'server', fields: SDP }],
  ['ended', { from: 'server', fields: [VISIT,
    ['reason', oneOf('ended', 'declined', 'no_answer', 'time_up', 'removed', 'cancelled')]] }],
  // Staff, server -> client (docs/protocol.md, "Staff"): a hint with a ward id, never a name.
  ['ward_changed', { from: 'server', fields: [['ward', stringOfLength(1, MAX_WARD_ID_LENGTH)]] }],
  // The tablet's own (docs/protocol.md, "Tablet"): its health, its "do not disturb".
  ['tablet_status', { from: 'client', fields: [
    ['appVersion', stringOfLength(1, 32)],
    ['battery', intBetween(0, 100), OPTIONAL],
    ['charging', isBoolean, OPTIONAL],
  ] }],
  ['do_not_disturb', { from: 'client', fields: [['on', isBoolean]] }],
  ['do_not_disturb_state', { from: 'server', fields: [['until', isNonNegativeInt, OPTIONAL]] }],
  // Kiosk, server -> client (docs/protocol.md, "Kiosk"): the idle screen's ward, language and next visit.
  ['next_visit', { from: 'server', fields: [
    ['ward', stringOfLength(1, MAX_WARD_NAME_LENGTH)],
    ['language', isLanguage, OPTIONAL],
    ['visit', isId, OPTIONAL],
    ['startsAt', isNonNegativeInt, OPTIONAL],
    ['names', arrayOf(isName, MAX_NEXT_VISIT_NAMES), OPTIONAL],
  ], check: (m) => {
    // visit, startsAt and names: all three, or none when nothing is booked.
    const given = [m.visit, m.startsAt, m.names].filter((x) => x !== undefined).length;
    return given === 0 || given === 3 ? null : 'missing_field';
  } }],
  // End-to-end encryption: devices and circles (docs/protocol.md, "Devices and circles"). Bytes are base64url.
  ['e2ee_hello', { from: 'client', fields: [['device', bytesOf(16), OPTIONAL], ['proof', bytesOf(64), OPTIONAL]],
    check: (m) => ((m.device === undefined) !== (m.proof === undefined) ? 'missing_field' : null) }],
  ['e2ee_challenge', { from: 'server', fields: [['nonce', bytesOf(32)]] }],
  ['e2ee_bind', { from: 'client', fields: [
    ['invite', stringOfLength(1, 128)], ['identity', bytesOf(128)], ['proof', bytesOf(64)],
  ] }],
  ['e2ee_bound', { from: 'server', fields: [['device', bytesOf(16)]] }],
  ['e2ee_refused', { from: 'server', fields: [['device', bytesOf(16)]] }],
  ['e2ee_identity', { from: 'client', fields: [['identity', bytesOf(128)]] }],
  ['e2ee_circle', { from: 'server', fields: [
    ['circle', isId, OPTIONAL],
    ['devices', objectsOf([
      ['device', bytesOf(16)], ['identity', bytesOf(128)], ['role', oneOf('patient', 'family')], ['name', isName],
    ], MAX_CIRCLE_DEVICES)],
  ], check: (m) => (m.circle === undefined && m.devices.length > 0 ? 'missing_field' : null) }],
  ['e2ee_waiting_device', { from: 'server', fields: [['device', bytesOf(16)], ['name', isName]] }],
  ['e2ee_admit_device', { from: 'client', fields: [['device', bytesOf(16)], ['admit', isBoolean]] }],
  ['e2ee_device_decided', { from: 'server', fields: [['device', bytesOf(16)], ['admitted', isBoolean]] }],
  // The end-to-end encryption relay (docs/protocol.md, "Messages"): bytes are base64url.
  ['e2ee_prekeys', { from: 'client', fields: [
    ['signedPrekey', bytesOf(E2EE.SIGNED_PREKEY_BYTES), OPTIONAL],
    ['oneTime', arrayBetween(bytesOf(E2EE.ONE_TIME_PREKEY_BYTES), 0, E2EE.MAX_ONE_TIME_UPLOAD)],
  ] }],
  ['e2ee_prekeys_state', { from: 'server', fields: [
    ['oneTimeLeft', intBetween(0, 200)],
    ['handedOut', arrayBetween(intBetween(1, 0xffffffff), 0, 100)],
  ] }],
  ['e2ee_bundle_get', { from: 'client', fields: [['device', E2EE_ID]] }],
  ['e2ee_bundle', { from: 'server', fields: [
    ['device', E2EE_ID],
    ['identity', bytesOf(E2EE.IDENTITY_BYTES)],
    ['signedPrekey', bytesOf(E2EE.SIGNED_PREKEY_BYTES)],
    ['oneTime', bytesOf(E2EE.ONE_TIME_PREKEY_BYTES), OPTIONAL],
  ] }],
  ['e2ee_send', { from: 'client', fields: [ENVELOPE] }],
  ['e2ee_sent', { from: 'server', fields: [['recipient', E2EE_ID], SEQ] }],
  ['e2ee_delivered', { from: 'server', fields: [['recipient', E2EE_ID], SEQ] }],
  ['e2ee_deliver', { from: 'server', fields: [SEQ, ['at', isNonNegativeInt], ENVELOPE] }],
  ['e2ee_ack', { from: 'client', fields: [['seqs', arrayBetween(intBetween(1, MAX_INT), 1, E2EE.MAX_ACK)]] }],
  ['e2ee_blob_put', { from: 'client', fields: CHUNK }],
  ['e2ee_blob_stored', { from: 'server', fields: [['blob', E2EE_ID], CHUNK_INDEX] }],
  ['e2ee_blob_get', { from: 'client', fields: [['blob', E2EE_ID], CHUNK_INDEX] }],
  ['e2ee_blob_chunk', { from: 'server', fields: CHUNK }],
  ['e2ee_link_secret', { from: 'server', fields: [
    ['invite', (node) => node.kind === 'string' && /^[0-9a-f]{64}$/.test(node.value)],
    ['contact', isId],
    ['psk', bytesOf(E2EE.PSK_BYTES)],
    ['until', isNonNegativeInt],
  ] }],
]);

export const CLIENT_TYPES = Object.freeze([...TYPES].filter(([, t]) => t.from === 'client').map(([n]) => n));
export const SERVER_TYPES = Object.freeze([...TYPES].filter(([, t]) => t.from === 'server').map(([n]) => n));

// ---------------------------------------------------------------------------
// Public API

/**
 * Decodes one text frame.
 * @param {string} text the raw frame
 * @param {'client'|'server'} direction who sent it: 'client' for frames a client
 *   sends (what the server reads), 'server' for frames the server sends.
 */
export function decode(text, direction) {
  checkDirection(direction);
  if (typeof text !== 'string') throw new TypeError('decode expects the frame as a string');
  let scanned;
  try {
    scanned = scan(text);
  } catch (e) {
    if (e instanceof ProtocolError) return { ok: false, error: e.code };
    throw e;
  }
  if (scanned.duplicate) return { ok: false, error: 'duplicate_key' };
  if (scanned.root.kind !== 'object') return { ok: false, error: 'not_an_object' };
  const result = validate(scanned.root.entries, direction);
  return result.error ? { ok: false, error: result.error } : { ok: true, message: result.message };
}

/**
 * Encodes a message as canonical JSON text (v, type, then the fields in the
 * order of docs/protocol.md). Throws ProtocolError when the message is not valid.
 * @param {object} message e.g. {v: 1, type: 'ping', seq: 3}
 * @param {'client'|'server'} [direction] defaults to the side that sends this type
 */
export function encode(message, direction) {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    throw new ProtocolError('not_an_object');
  }
  const type = TYPES.get(message.type);
  const side = direction === undefined ? (type ? type.from : 'client') : checkDirection(direction);
  const entries = new Map();
  for (const key of Object.keys(message)) entries.set(key, toNode(message[key]));
  const result = validate(entries, side);
  if (result.error) throw new ProtocolError(result.error, `cannot encode ${describe(message.type)}`);
  return JSON.stringify(result.message);
}

// ---------------------------------------------------------------------------
// Validation, shared by decode and encode.

function validate(entries, direction) {
  const v = entries.get('v');
  if (!v || v.kind !== 'number' || !v.integral || v.value !== VERSION) {
    return { error: 'unsupported_version' };
  }
  const typeNode = entries.get('type');
  const type = typeNode && typeNode.kind === 'string' ? TYPES.get(typeNode.value) : undefined;
  if (!type || type.from !== direction) return { error: 'unknown_type' };

  // docs/protocol.md: each field in the order of the spec (missing, then invalid), then extras.
  return validateFields(type.fields, entries, { v: VERSION, type: typeNode.value }, type.check, ['v', 'type']);
}

// The fields of a message (or of an object inside one) into `message`: missing, invalid, the check, unknown.
function validateFields(fields, entries, message, check, envelope = []) {
  for (const [name, rule, optional] of fields) {
    const node = entries.get(name);
    if (node === undefined) {
      if (optional) continue;
      return { error: 'missing_field' };
    }
    if (rule.nested) {
      const inner = rule.nested(node);
      if (inner.error) return inner;
      message[name] = inner.value;
      continue;
    }
    if (!rule(node)) return { error: 'invalid_field' };
    message[name] = node.kind === 'array' ? node.items.map((item) => item.value) : node.value;
  }
  const broken = check ? check(message) : null;
  if (broken) return { error: broken };
  const known = new Set([...envelope, ...fields.map(([name]) => name)]);
  for (const key of entries.keys()) {
    if (!known.has(key)) return { error: 'unknown_field' };
  }
  return { message };
}

function checkDirection(direction) {
  if (direction !== 'client' && direction !== 'server') {
    throw new TypeError(`direction must be 'client' or 'server', not ${describe(direction)}`);
  }
  return direction;
}

function describe(value) {
  return typeof value === 'string' ? `'${value.slice(0, 40)}'` : String(typeof value);
}

// A JS value as a scanned node, so encode can share decode's rules.
// Objects keep their entries (e2ee_circle's devices); arrays keep their items.
function toNode(value) {
  switch (typeof value) {
    case 'string': return { kind: 'string', value };
    case 'number':
      if (!Number.isFinite(value)) return { kind: 'unencodable', value };
      return { kind: 'number', value, integral: Number.isInteger(value) };
    case 'boolean': return { kind: 'boolean', value };
    case 'object':
      if (value === null) return { kind: 'null', value };
      if (Array.isArray(value)) return { kind: 'array', items: value.map(toNode), value };
      return { kind: 'object', value, entries: new Map(Object.keys(value).map((k) => [k, toNode(value[k])])) };
    default: return { kind: 'unencodable', value };
  }
}

// ---------------------------------------------------------------------------
// Strict JSON scanner (RFC 8259). Iterative, so deeply nested input cannot
// exhaust the call stack. Produces nodes:
//   {kind: 'object', entries: Map}   {kind: 'array', items: []}
//   {kind: 'string', value}  {kind: 'number', value, integral}
//   {kind: 'boolean', value}  {kind: 'null', value: null}
// Objects keep their first value for a repeated key and set `duplicate`.
// Throws ProtocolError('malformed_json') on any syntax error.

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const ESCAPES = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function scan(text) {
  let pos = 0;
  let duplicate = false;
  const stack = []; // open containers: {node, key} (key: pending object key)

  const fail = () => { throw new ProtocolError('malformed_json', `at offset ${pos}`); };
  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else return;
    }
  };
  const expect = (ch) => {
    skipSpace();
    if (text[pos] !== ch) fail();
    pos++;
  };

  const readString = () => {
    // text[pos] is the opening quote
    pos++;
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail();
      const c = text.charCodeAt(pos);
      if (c === 0x22) { // "
        out += text.slice(start, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail(); // control characters must be escaped
      if (c === 0x5c) { // backslash
        out += text.slice(start, pos);
        const e = text[pos + 1];
        if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else if (e !== undefined && Object.prototype.hasOwnProperty.call(ESCAPES, e)) {
          out += ESCAPES[e];
          pos += 2;
        } else {
          fail();
        }
        start = pos;
        continue;
      }
      pos++;
    }
  };

  // Reads a scalar at pos, or opens a container (pushes it and returns null).
  const readValue = () => {
    skipSpace();
    const c = text[pos];
    if (c === '{') {
      pos++;
      stack.push({ node: { kind: 'object', entries: new Map() }, key: null, first: true });
      return null;
    }
    if (c === '[') {
      pos++;
      stack.push({ node: { kind: 'array', items: [] }, first: true });
      return null;
    }
    if (c === '"') return { kind: 'string', value: readString() };
    if (text.startsWith('true', pos)) { pos += 4; return { kind: 'boolean', value: true }; }
    if (text.startsWith('false', pos)) { pos += 5; return { kind: 'boolean', value: false }; }
    if (text.startsWith('null', pos)) { pos += 4; return { kind: 'null', value: null }; }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) fail();
    pos = NUMBER.lastIndex;
    const value = Number(m[0]);
    if (!Number.isFinite(value)) fail(); // e.g. 1e400: not representable
    const integral = m[1] === undefined && m[2] === undefined;
    return { kind: 'number', value: value === 0 ? 0 : value, integral };
  };

  // Adds a finished value to the innermost open container (or makes it the root).
  let root = null;
  const attach = (node) => {
    const top = stack[stack.length - 1];
    if (!top) { root = node; return; }
    if (top.node.kind === 'array') {
      top.node.items.push(node);
    } else {
      if (top.node.entries.has(top.key)) duplicate = true;
      else top.node.entries.set(top.key, node);
      top.key = null;
    }
  };

  let value = readValue();
  if (value) attach(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    skipSpace();
    const closer = top.node.kind === 'object' ? '}' : ']';
    // Here we are just after '[' / '{' or just after a value: a closer is valid
    // in both places, a comma only in the second (so no trailing commas).
    if (text[pos] === closer) {
      pos++;
      stack.pop();
      attach(top.node);
      continue;
    }
    if (!top.first) expect(',');
    top.first = false;
    if (top.node.kind === 'object') {
      skipSpace();
      if (text[pos] !== '"') fail();
      top.key = readString();
      expect(':');
    }
    value = readValue();
    if (value) attach(value);
  }
  skipSpace();
  if (root === null || pos !== text.length) fail();
  return { root, duplicate };
}
