// Checks protocol.js against the shared fixtures (docs/protocol/fixtures.json).
// Runs unchanged in Node and in a browser page; imports nothing but the codec.
//
//   runFixtures(fixtures) -> [] when every fixture is reproduced, else one
//                            readable line per failure.
//   runEdgeCases()        -> the same, for cases the fixtures do not cover.

import { decode, encode, ERROR_CODES, errorMessageKey, MAX_SDP_LENGTH, ProtocolError } from './protocol.js';

export function runFixtures(fixtures) {
  const failures = [];
  if (!fixtures || !Array.isArray(fixtures.valid) || !Array.isArray(fixtures.invalid)) {
    return ['fixtures: expected an object with "valid" and "invalid" arrays'];
  }
  if (fixtures.valid.length === 0 || fixtures.invalid.length === 0) {
    failures.push('fixtures: "valid" or "invalid" is empty');
  }
  if (JSON.stringify(fixtures.errorCodes) !== JSON.stringify(ERROR_CODES)) {
    failures.push(`fixtures: errorCodes ${JSON.stringify(fixtures.errorCodes)} differ from the codec's ${JSON.stringify(ERROR_CODES)}`);
  }
  for (const f of fixtures.valid) {
    const got = safeDecode(f.text, f.direction);
    if (!got.ok) {
      failures.push(`valid "${f.name}": refused with ${got.error}`);
      continue;
    }
    if (!deepEqual(got.message, f.message)) {
      failures.push(`valid "${f.name}": decoded ${JSON.stringify(got.message)}, expected ${JSON.stringify(f.message)}`);
      continue;
    }
    // Encoding the message and decoding it again must give it back.
    let text;
    try {
      text = encode(f.message, f.direction);
    } catch (e) {
      failures.push(`valid "${f.name}": encode threw ${e.code || e.message}`);
      continue;
    }
    const again = safeDecode(text, f.direction);
    if (!again.ok || !deepEqual(again.message, f.message)) {
      failures.push(`valid "${f.name}": encode/decode round trip gave ${JSON.stringify(again)}`);
    }
  }
  for (const f of fixtures.invalid) {
    const got = safeDecode(f.text, f.direction);
    if (got.ok) {
      failures.push(`invalid "${f.name}": accepted as ${JSON.stringify(got.message)}, expected ${f.error}`);
    } else if (got.error !== f.error) {
      failures.push(`invalid "${f.name}": refused with ${got.error}, expected ${f.error}`);
    }
  }
  return failures;
}

// [name, direction, text, expected error or null for valid]
const EDGE_CASES = [
  ['nested duplicate key', 'client', '{"v":1,"type":"ping","seq":1,"x":{"a":1,"a":2}}', 'duplicate_key'],
  ['duplicate key in an object inside an array', 'client', '{"v":1,"type":"ping","seq":1,"x":[{"a":1},{"b":1,"b":1}]}', 'duplicate_key'],
  ['duplicate key spelled with an escape', 'client', '{"v":1,"type":"ping","seq":1,"s\\u0065q":2}', 'duplicate_key'],
  ['same key in sibling objects is fine, extra field is not', 'client', '{"v":1,"type":"ping","seq":1,"x":[{"a":1},{"a":1}]}', 'unknown_field'],
  ['syntax error after a duplicate', 'client', '{"v":1,"v":1,', 'malformed_json'],
  ['trailing comma', 'client', '{"v":1,"type":"ping","seq":1,}', 'malformed_json'],
  ['single quotes', 'client', "{'v':1}", 'malformed_json'],
  ['leading zero', 'client', '{"v":01,"type":"ping","seq":1}', 'malformed_json'],
  ['raw control character in a string', 'client', '{"v":1,"type":"hello","app":"family","appVersion":"a\tb"}', 'malformed_json'],
  ['bad escape', 'client', '{"v":1,"type":"hello","app":"family","appVersion":"\\x41"}', 'malformed_json'],
  ['byte order mark', 'client', '\uFEFF{"v":1,"type":"ping","seq":1}', 'malformed_json'],
  ['number too large for a double', 'client', '{"v":1,"type":"ping","seq":1e400}', 'malformed_json'],
  ['NaN is not JSON', 'client', '{"v":1,"type":"ping","seq":NaN}', 'malformed_json'],
  ['deep nesting does not overflow', 'client', '['.repeat(100000) + ']'.repeat(100000), 'not_an_object'],
  ['null', 'client', 'null', 'not_an_object'],
  ['version 1.0', 'client', '{"v":1.0,"type":"ping","seq":1}', 'unsupported_version'],
  ['seq 1.0 is not an integer', 'client', '{"v":1,"type":"ping","seq":1.0}', 'invalid_field'],
  ['seq 1e2 is not an integer', 'client', '{"v":1,"type":"ping","seq":1e2}', 'invalid_field'],
  ['seq beyond 2^53', 'client', '{"v":1,"type":"ping","seq":9007199254740993}', 'invalid_field'],
  ['__proto__ is just an unknown field', 'client', '{"v":1,"type":"ping","seq":1,"__proto__":{}}', 'unknown_field'],
  ['missing field wins over unknown field', 'client', '{"v":1,"type":"ping","extra":1}', 'missing_field'],
  ['fields are checked in spec order', 'client', '{"v":1,"type":"hello","app":"robot"}', 'invalid_field'],
  ['unknown field after valid fields', 'client', '{"v":1,"type":"ping","seq":1,"extra":1}', 'unknown_field'],
  ['client type sent by the server', 'server', '{"v":1,"type":"ping","seq":1}', 'unknown_type'],
  ['welcome with a zero heartbeat', 'server', '{"v":1,"type":"welcome","session":"s","server":"x","heartbeatSeconds":0,"idleTimeoutSeconds":60}', 'invalid_field'],
  ['error with an unknown code is refused (server and page ship together)', 'server', '{"v":1,"type":"error","code":"from_the_future","message":""}', 'invalid_field'],
  ['whitespace everywhere', 'client', ' \r\n\t{ "v" : 1 , "type" : "ping" , "seq" : 0 } \n', null],
  ['seq -0 reads as 0', 'client', '{"v":1,"type":"ping","seq":-0}', null],
  ['appVersion of 32 characters', 'client', '{"v":1,"type":"hello","app":"staff","appVersion":"01234567890123456789012345678901"}', null],
  // Calls
  ['join with visit null', 'client', '{"v":1,"type":"join","visit":null}', 'invalid_field'],
  ['join by visit with an unknown field', 'client', '{"v":1,"type":"join","visit":"v1","x":1}', 'unknown_field'],
  ['visit id with a non-ASCII letter', 'client', '{"v":1,"type":"leave","visit":"vis\u00eft"}', 'invalid_field'],
  ['visit id with a line break', 'client', '{"v":1,"type":"leave","visit":"v1\\n"}', 'invalid_field'],
  ['media state with a duplicate muted', 'client', '{"v":1,"type":"media_state","visit":"v1","muted":true,"muted":false,"cameraOff":false}', 'duplicate_key'],
  ['sdp answer with revision 1.0', 'client', '{"v":1,"type":"sdp_answer","visit":"v1","revision":1.0,"sdp":"v=0"}', 'invalid_field'],
  ['sdp answer with escaped line breaks', 'client', '{"v":1,"type":"sdp_answer","visit":"v1","revision":1,"sdp":"v=0\\r\\ns=-\\r\\n"}', null],
  ['sdp answer with a raw line break', 'client', '{"v":1,"type":"sdp_answer","visit":"v1","revision":1,"sdp":"v=0\r\n"}', 'malformed_json'],
  ['participant joined with role kiosk', 'server', '{"v":1,"type":"participant_joined","visit":"v1","participant":"p1","role":"kiosk","name":"N"}', 'invalid_field'],
  ['ended with reason as a number', 'server', '{"v":1,"type":"ended","visit":"v1","reason":1}', 'invalid_field'],
  ['ring with autoAnswer as 0', 'server', '{"v":1,"type":"ring","visit":"v1","autoAnswer":0}', 'invalid_field'],
  ['visit ready at the epoch', 'server', '{"v":1,"type":"visit_ready","visit":"v1","endsAt":0}', null],
];

export function runEdgeCases() {
  const failures = [];
  for (const [name, direction, text, expected] of EDGE_CASES) {
    const got = safeDecode(text, direction);
    const outcome = got.ok ? 'valid' : got.error;
    if (outcome !== (expected || 'valid')) failures.push(`edge "${name}": got ${outcome}, expected ${expected || 'valid'}`);
  }
  const encodeCases = [
    ['encode refuses a fractional seq', { v: 1, type: 'ping', seq: 0.5 }, 'invalid_field'],
    ['encode refuses an extra field', { v: 1, type: 'ping', seq: 1, x: undefined }, 'unknown_field'],
    ['encode refuses an unknown type', { v: 1, type: 'dance' }, 'unknown_type'],
    ['encode refuses a missing version', { type: 'ping', seq: 1 }, 'unsupported_version'],
    ['encode refuses a non-object', [1], 'not_an_object'],
    ['encode refuses a join with visit and invite', { v: 1, type: 'join', visit: 'v1', invite: 'i' }, 'invalid_field'],
    ['encode refuses a join with neither', { v: 1, type: 'join' }, 'missing_field'],
    ['encode refuses an SDP over the limit', { v: 1, type: 'sdp_answer', visit: 'v1', revision: 1, sdp: 'a'.repeat(MAX_SDP_LENGTH + 1) }, 'invalid_field'],
    ['encode refuses revision 0', { v: 1, type: 'sdp_answer', visit: 'v1', revision: 0, sdp: 'v=0' }, 'invalid_field'],
    ['encode refuses muted as a string', { v: 1, type: 'media_state', visit: 'v1', muted: 'yes', cameraOff: false }, 'invalid_field'],
  ];
  for (const [name, message, expected] of encodeCases) {
    try {
      encode(message);
      failures.push(`edge "${name}": encoded, expected ${expected}`);
    } catch (e) {
      if (!(e instanceof ProtocolError) || e.code !== expected) {
        failures.push(`edge "${name}": threw ${e.code || e.message}, expected ${expected}`);
      }
    }
  }
  const canonical = encode({ seq: 3, type: 'ping', v: 1 });
  if (canonical !== '{"v":1,"type":"ping","seq":3}') failures.push(`edge "canonical key order": got ${canonical}`);
  const answer = encode({ sdp: 'v=0\r\n', revision: 2, visit: 'v1', type: 'sdp_answer', v: 1 });
  if (answer !== '{"v":1,"type":"sdp_answer","visit":"v1","revision":2,"sdp":"v=0\\r\\n"}') {
    failures.push(`edge "canonical order of an sdp answer": got ${answer}`);
  }
  const join = encode({ invite: 'abc', type: 'join', v: 1 });
  if (join !== '{"v":1,"type":"join","invite":"abc"}') failures.push(`edge "join by invite has no visit": got ${join}`);
  if (errorMessageKey('visit_ended') !== 'error.visit_ended') failures.push('edge "message key of visit_ended"');
  if (errorMessageKey('from_the_future') !== 'error.internal') failures.push('edge "message key of an unknown code"');
  return failures;
}

function safeDecode(text, direction) {
  try {
    return decode(text, direction);
  } catch (e) {
    return { ok: false, error: `threw ${e && e.message}` };
  }
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}
