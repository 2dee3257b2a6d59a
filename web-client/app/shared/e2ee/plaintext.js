// The plaintexts inside envelopes (docs/e2ee.md, "Plaintext"): UTF-8 JSON, as strict as the
// socket's codec (protocol.js's scanner: repeated keys at any depth are refused), one type each:
//
//   text    id (16 bytes), sentAt (ms), body (1–4,000 UTF-16 units)
//   photo   id, sentAt, blob (16 bytes), key (32), chunks (1–64), bytes, sha256 (32), width,
//           height (1–1600), caption (optional, ≤ 500)
//   read    ids: 1–100 message ids
//   roster  devices: the family device ids the tablet vouches for (0–20), from the tablet only
//
// Byte fields are base64url without padding. decodePlaintext throws E2eeError
// `plaintext_malformed` (as the Java reference's PlaintextCodec), its message naming the problem:
// not UTF-8 or not JSON, a repeated key, not an object, an unknown type, a missing, invalid or
// unknown field. Strings must be well formed (no lone surrogate).

import { scan } from '../protocol.js';
import { E2eeError, fromBase64Url, utf8 } from './primitives.js';
import { MAX_PLAINTEXT } from './padding.js';

export const MAX_BODY = 4000;
export const MAX_CAPTION = 500;
export const MAX_PHOTO_CHUNKS = 64;
export const PHOTO_CHUNK_BYTES = 32 * 1024;
export const MAX_READ_IDS = 100;
export const MAX_ROSTER = 20;
export const MAX_SIDE = 1600;

const OPTIONAL = true;
const isInt = (min, max) => (n) => n.kind === 'number' && n.integral && n.value >= min && n.value <= max;
const isBytes = (length) => (n) => {
  if (n.kind !== 'string') return false;
  try {
    fromBase64Url(n.value, length);
    return true;
  } catch {
    return false;
  }
};
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isText = (min, max) => (n) => n.kind === 'string' && n.value.length >= min && n.value.length <= max
  && !LONE_SURROGATE.test(n.value);
const isIdList = (min, max) => (n) => n.kind === 'array' && n.items.length >= min && n.items.length <= max
  && n.items.every(isBytes(16)) && new Set(n.items.map((i) => i.value)).size === n.items.length;
const ID = ['id', isBytes(16)];
const SENT_AT = ['sentAt', isInt(0, Number.MAX_SAFE_INTEGER)];

const TYPES = new Map([
  ['text', [ID, SENT_AT, ['body', isText(1, MAX_BODY)]]],
  ['photo', [ID, SENT_AT, ['blob', isBytes(16)], ['key', isBytes(32)], ['chunks', isInt(1, MAX_PHOTO_CHUNKS)],
    ['bytes', isInt(1, MAX_PHOTO_CHUNKS * PHOTO_CHUNK_BYTES - 1)], ['sha256', isBytes(32)],
    ['width', isInt(1, MAX_SIDE)], ['height', isInt(1, MAX_SIDE)], ['caption', isText(1, MAX_CAPTION), OPTIONAL]]],
  ['read', [['ids', isIdList(1, MAX_READ_IDS)]]],
  ['roster', [['devices', isIdList(0, MAX_ROSTER)]]],
]);

const malformed = (detail) => new E2eeError('plaintext_malformed', detail);

/** A photo's `chunks` must be what its `bytes` pad to (a multiple of 32 KiB, 0x80 included). */
const photoChunksMatch = (m) => m.chunks === Math.ceil((m.bytes + 1) / PHOTO_CHUNK_BYTES);

/** The message of a plaintext's bytes (unpadded); throws E2eeError with the first problem's code. */
export function decodePlaintext(bytes) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformed('not UTF-8');
  }
  let scanned;
  try {
    scanned = scan(text);
  } catch {
    throw malformed('not JSON');
  }
  if (scanned.duplicate) throw malformed('a repeated key');
  return validate(scanned.root);
}

/** The UTF-8 bytes of a message, fields in the order above; throws E2eeError when it is not valid. */
export function encodePlaintext(message) {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) throw malformed('not an object');
  const entries = new Map(Object.entries(message).map(([k, v]) => [k, toNode(v)]));
  const valid = validate({ kind: 'object', entries });
  const bytes = utf8(JSON.stringify(valid));
  if (bytes.length > MAX_PLAINTEXT) throw new E2eeError('plaintext_too_large', `${bytes.length} bytes`);
  return bytes;
}

function validate(root) {
  if (root.kind !== 'object') throw malformed('not an object');
  const typeNode = root.entries.get('type');
  const fields = typeNode?.kind === 'string' ? TYPES.get(typeNode.value) : undefined;
  if (!fields) throw malformed('no known type');
  const message = { type: typeNode.value };
  for (const [name, rule, optional] of fields) {
    const node = root.entries.get(name);
    if (node === undefined) {
      if (optional) continue;
      throw malformed(`no ${name}`);
    }
    if (!rule(node)) throw malformed(`${name} is not valid`);
    message[name] = node.kind === 'array' ? node.items.map((i) => i.value) : node.value;
  }
  if (message.type === 'photo' && !photoChunksMatch(message)) throw malformed('chunks do not match bytes');
  const known = new Set(['type', ...fields.map(([name]) => name)]);
  for (const key of root.entries.keys()) {
    if (!known.has(key)) throw malformed(`unknown field ${JSON.stringify(key.slice(0, 40))}`);
  }
  return message;
}

function toNode(value) {
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number') return { kind: 'number', value, integral: Number.isInteger(value) };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(toNode), value };
  return { kind: value === null ? 'null' : typeof value, value };
}
