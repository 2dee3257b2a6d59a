// Self-checks of the staff console's pure modules. They run unchanged in Node and in a browser
// page; the caller loads the message files (and, when it can, the console's index.html).
//
//   await runStaffChecks({en, fr, html}) -> [] when all pass, else one line per failure.

import { ApiError, KNOWN_CODES, StaffApi, errorKey, withQuery } from './api.js';
import { auditQuery, PAGE_SIZE } from './audit.js';
import { runBookingChecks } from './booking.selftest.js';
import { BOOKING_RULES } from './booking-rules.js';
import { enrolMessageKeys, runEnrolChecks } from './enrol.selftest.js';
import { fieldProblemKeys } from './field-errors.js';
import {
  CONTACT_CHANNELS, INVITE_STATUSES, MESSAGE_CHANNELS, MESSAGE_KINDS, REASON_CODES, channelKey, contactChannelKey, kindKey, reasonKey,
} from './invite-text.js';
import { TABLET_LIST_STATES, tabletListStateKey } from './tablets.js';
import { runTabletHealthChecks, tabletHealthMessageKeys } from './tablet-health.selftest.js';
import { addDays, isIsoDate, localDate, timeOfDay } from './dates.js';
import { qrMatrix, qrPath } from './qr.js';
import {
  CALL_END_REASONS, PARTICIPANT_ROLES, PARTICIPANT_STATES, ROLES, SSO_ERRORS, TABLET_STATES, VISIT_STATUSES,
  callEndKey, canJoin, canOpen, canRevokeTablet, groupSecret, newPasswordProblem, nextRefreshIn, participantText, recoveryCode,
  roleKey, sixDigitCode, ssoErrorKey, tabletStateKey, usernameAllowed, viewOfHash, visitStatusKey,
} from './rules.js';
import { ENDS_SOON_MS, SessionTimer } from './session-timer.js';
import { runSettingsChecks, settingsMessageKeys } from './settings.selftest.js';
import { SignInMessage } from './sign-in-message.js';
import { changes, userErrorKey } from './user-dialogs.js';

export async function runStaffChecks({ en, fr, html }) {
  const failures = [];
  const check = (ok, what) => {
    if (!ok) failures.push(what);
  };
  await apiChecks(check);
  ruleChecks(check);
  dateChecks(check);
  timerChecks(check);
  qrChecks(check);
  otherChecks(check);
  liveChecks(check);
  runBookingChecks(check);
  runSettingsChecks(check);
  runTabletHealthChecks(check);
  runEnrolChecks(check);
  messageChecks(check, en, fr, html);
  return failures;
}

/** A fetch that answers from a list and records what it was asked. */
function fakeFetch(answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    const a = answers.shift();
    if (a instanceof Error) throw a;
    const headers = new Map([['content-type', a.type === undefined ? 'application/json' : a.type]]);
    return {
      ok: a.status >= 200 && a.status < 300,
      status: a.status,
      headers: { get: (name) => headers.get(name.toLowerCase()) || null },
      json: async () => (typeof a.body === 'string' ? JSON.parse(a.body) : a.body),
    };
  };
  return { fetch, calls };
}

async function failureOf(promise) {
  try {
    await promise;
    return null;
  } catch (e) {
    return e;
  }
}

async function apiChecks(check) {
  let ended = 0;
  const f = fakeFetch([
    { status: 200, body: { csrf: 'tok' } },
    { status: 204, type: '' },
    { status: 200, body: { next: 'code' } },
    { status: 401, body: { code: 'bad_code', message: 'wrong code' } },
    { status: 429, body: { code: 'too_many_attempts', message: 'slow down', retryAfterSeconds: 42 } },
    { status: 400, body: { code: 'invalid_request', message: 'bad', field: 'role' } },
    { status: 401, body: { code: 'not_signed_in', message: 'gone' } },
    { status: 404, type: 'text/html', body: '<h1>404</h1>' },
    new TypeError('Failed to fetch'),
  ]);
  const api = new StaffApi({ fetch: f.fetch, onNotSignedIn: () => { ended += 1; } });
  const session = await api.get('/api/session');
  check(session.csrf === 'tok', 'api: a 200 answer is its JSON');
  api.setCsrf('tok');
  check(await api.post('/api/session/sign-out') === null, 'api: 204 is null');
  await api.patch('/api/users/7', { active: false });
  const [get, post, patch] = f.calls;
  check(get.init.method === 'GET' && !('X-CSRF-Token' in get.init.headers), 'api: a GET carries no CSRF token');
  check(post.init.headers['X-CSRF-Token'] === 'tok', 'api: a POST carries the session\'s CSRF token');
  check(patch.init.headers['X-CSRF-Token'] === 'tok' && patch.init.body === '{"active":false}'
    && patch.init.headers['Content-Type'] === 'application/json', 'api: a PATCH sends JSON with the token');
  check(get.init.credentials === 'same-origin' && get.init.cache === 'no-store', 'api: same-origin cookies, never cached');
  check(!('X-Lucarne-Request' in get.init.headers), 'api: a request the person made is not marked background');

  const badCode = await failureOf(api.post('/api/auth/code', { code: '000000' }));
  check(badCode instanceof ApiError && badCode.status === 401 && badCode.code === 'bad_code', 'api: 401 bad_code is an ApiError');
  check(ended === 0, 'api: a wrong code is not a session that ended');
  const wait = await failureOf(api.post('/api/auth/password', {}));
  check(wait.code === 'too_many_attempts' && wait.retryAfterSeconds === 42, 'api: 429 keeps retryAfterSeconds');
  const invalid = await failureOf(api.post('/api/users', {}));
  check(invalid.code === 'invalid_request' && invalid.field === 'role', 'api: 400 keeps the field');
  const gone = await failureOf(api.get('/api/wards', undefined, { background: true }));
  check(f.calls[f.calls.length - 1].init.headers['X-Lucarne-Request'] === 'background',
    'api: a refresh on a timer says so (it does not keep the session alive)');
  check(gone.code === 'not_signed_in' && ended === 1, 'api: 401 not_signed_in tells the console once');
  const missing = await failureOf(api.get('/api/audit/actions'));
  check(missing.code === 'not_found' && missing.status === 404, 'api: a plain 404 page is not_found');
  const offline = await failureOf(api.get('/api/session'));
  check(offline.code === 'network' && offline.status === 0, 'api: no answer at all is network');

  api.setCsrf(null);
  const g = fakeFetch([{ status: 200, body: { next: 'code' } }]);
  const fresh = new StaffApi({ fetch: g.fetch });
  await fresh.post('/api/auth/password', { username: 'a', password: 'b' });
  check(!('X-CSRF-Token' in g.calls[0].init.headers), 'api: no token header before there is a session');

  check(withQuery('/api/audit', { actor: 'staff:1', ward: '', patient: null, limit: 50 }) === '/api/audit?actor=staff%3A1&limit=50',
    'withQuery: empty values left out, values encoded');
  check(withQuery('/api/x', {}) === '/api/x', 'withQuery: no query, no question mark');
  check(errorKey(new ApiError(418, 'teapot')) === 'error.staff.internal', 'errorKey: an unknown code reads as internal');
  check(errorKey(badCode) === 'error.staff.bad_code', 'errorKey: a known code has its own message');

  const h = fakeFetch([
    { status: 409, body: { code: 'tablet_busy', message: 'busy', suggestions: [{ start: 1, end: 2 }, { start: 3 }] } },
    { status: 200, body: { autoAnswer: true } },
    { status: 204, type: '' },
  ]);
  const booking = new StaffApi({ fetch: h.fetch });
  booking.setCsrf('tok');
  const refused = await failureOf(booking.post('/api/visits', {}));
  check(refused.code === 'tablet_busy' && refused.status === 409 && JSON.stringify(refused.suggestions) === '[{"start":1,"end":2}]',
    'api: a booking refusal keeps its suggestions (only whole slots)');
  await booking.put('/api/patients/p/consent', { autoAnswer: true });
  check(await booking.delete('/api/contacts/c') === null, 'api: DELETE answers 204');
  check(h.calls[1].init.method === 'PUT' && h.calls[2].init.method === 'DELETE' && h.calls[2].init.headers['X-CSRF-Token'] === 'tok'
    && h.calls[2].init.body === undefined, 'api: PUT and DELETE carry the token, DELETE no body');
  check(new ApiError(500, 'internal').suggestions.length === 0, 'api: no suggestions by default');
}

function ruleChecks(check) {
  const twelve = 'abcdefghijkl';
  check(newPasswordProblem('abcdefghijk', 'abcdefghijk', 'u') === 'staff.password.tooShort', 'password: 11 characters is too short');
  check(newPasswordProblem(twelve, twelve, 'u') === null, 'password: 12 characters is enough');
  check(newPasswordProblem('x'.repeat(129), 'x'.repeat(129), 'u') === 'staff.password.tooLong', 'password: 129 is too long');
  check(newPasswordProblem('😀'.repeat(11), '😀'.repeat(11), 'u') === 'staff.password.tooShort', 'password: characters, not UTF-16 units');
  check(newPasswordProblem('JeanDupont12', 'JeanDupont12', 'jeandupont12') === 'staff.password.isUsername', 'password: not the username');
  check(newPasswordProblem(twelve, `${twelve}x`, 'u') === 'staff.password.mismatch', 'password: typed twice the same');
  check(sixDigitCode(' 123 456 ') === '123456' && sixDigitCode('123-456') === '123456', 'code: spaces and a dash are ignored');
  for (const bad of ['12345', '1234567', '12a456', '', '１２３４５６']) check(sixDigitCode(bad) === null, `code: "${bad}" is refused`);
  check(recoveryCode('  abcd-efgh ') === 'abcd-efgh' && recoveryCode('   ') === null, 'recovery code: trimmed, empty refused');
  for (const ok of ['marie.dupont', 'hélène_2', 'j@ward-3', 'ab']) check(usernameAllowed(ok), `username: "${ok}" is allowed`);
  for (const bad of ['a', '.marie', 'marie dupont', 'x'.repeat(65), 'marie/dupont', '']) check(!usernameAllowed(bad), `username: "${bad}" is refused`);
  check(groupSecret('jbswy3dpehpk3pxp') === 'JBSW Y3DP EHPK 3PXP', 'secret: groups of four, upper case');
  check(groupSecret('JBSWY3DPEHPK3PX=') === 'JBSW Y3DP EHPK 3PX', 'secret: padding dropped');
  const ward = ['today', 'week', 'patients', 'tablets', 'outbox', 'settings'];
  const allowed = {
    nurse: ward, ward_manager: [...ward, 'reports', 'audit'], admin: [...ward, 'reports', 'users', 'audit'],
  };
  for (const role of ROLES) {
    for (const view of [...ward, 'reports', 'users', 'audit']) {
      check(canOpen(role, view) === allowed[role].includes(view), `canOpen(${role}, ${view})`);
    }
  }
  check(!canRevokeTablet('nurse') && canRevokeTablet('ward_manager') && canRevokeTablet('admin') && !canRevokeTablet('?'),
    'canRevokeTablet: tablet.enrol, managers and admins');
  check(viewOfHash('#users', 'nurse') === 'today', 'a nurse asking for #users gets the visits');
  check(viewOfHash('#audit', 'ward_manager') === 'audit' && viewOfHash('', 'admin') === 'today', 'viewOfHash');
  check(viewOfHash('#reports', 'nurse') === 'today' && viewOfHash('#week', 'nurse') === 'week', 'viewOfHash: reports are for managers');
  check(viewOfHash('#settings', 'nurse') === 'settings', 'viewOfHash: every member of a ward reads its settings');
  check(roleKey('admin') === 'staff.role.admin' && roleKey('root') === 'staff.role.unknown', 'roleKey');
  check(visitStatusKey('in_call') === 'staff.visit.status.in_call' && visitStatusKey('open') === 'staff.visit.status.unknown'
    && visitStatusKey('x') === 'staff.visit.status.unknown', 'visitStatusKey');
  check(ssoErrorKey('') === null && ssoErrorKey('?a=1') === null, 'sso: no sso_error, no notice');
  check(ssoErrorKey('?sso_error=no_role') === 'error.sso.no_role', 'sso: a known code has its sentence');
  check(ssoErrorKey('?sso_error=%3Cscript%3E') === 'error.sso.internal', 'sso: anything else gets the general sentence');
}

function dateChecks(check) {
  check(addDays('2024-02-28', 1) === '2024-02-29' && addDays('2023-02-28', 1) === '2023-03-01', 'addDays: leap years');
  check(addDays('2024-01-01', -1) === '2023-12-31' && addDays('2024-03-31', 1) === '2024-04-01', 'addDays: month and year ends');
  check(isIsoDate('2024-02-29') && !isIsoDate('2023-02-29') && !isIsoDate('2024-2-9') && !isIsoDate(''), 'isIsoDate');
  const d = new Date(2024, 2, 5, 23, 59);
  check(localDate(d.getTime()) === '2024-03-05', 'localDate: the local calendar day');
  // 23:30 UTC on 5 March is already 6 March in Paris (UTC+1) and still 5 March in New York.
  const lateUtc = Date.UTC(2024, 2, 5, 23, 30);
  check(localDate(lateUtc, 'Europe/Paris') === '2024-03-06', 'localDate: the hospital\'s day, not this computer\'s');
  check(localDate(lateUtc, 'America/New_York') === '2024-03-05', 'localDate: another zone, another day');
  check(timeOfDay(lateUtc, 'fr', 'Europe/Paris') === '00:30', 'timeOfDay: in the hospital\'s zone');
}

/** Timers that run only when the check says so. */
function manualTime() {
  let now = 1_000_000;
  let nextId = 1;
  const pending = new Map();
  return {
    now: () => now,
    timers: {
      setTimeout: (fn, ms) => { pending.set(nextId, { at: now + ms, fn }); return nextId++; },
      clearTimeout: (id) => pending.delete(id),
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
  };
}

function timerChecks(check) {
  const time = manualTime();
  const said = [];
  const timer = new SessionTimer({
    now: time.now,
    timers: time.timers,
    ping: () => said.push('ping'),
    onIdleWarning: () => said.push('warning'),
    onIdleWarningOver: () => said.push('over'),
    onIdle: () => said.push('idle'),
    onEndsSoon: () => said.push('endsSoon'),
    onEnded: () => said.push('ended'),
  });
  const idle = 15 * 60;
  timer.start(idle, time.now() + 12 * 3600_000);
  time.advance(30_000);
  timer.activity();
  check(said.length === 0, 'timer: no ping within a minute of the last one');
  time.advance(31_000);
  timer.activity();
  timer.activity();
  check(said.join() === 'ping', 'timer: activity after a minute pings once');
  time.advance(idle * 1000 - 60_000 - 1);
  check(said.join() === 'ping', 'timer: no warning before the last minute');
  time.advance(1);
  check(said.join() === 'ping,warning', 'timer: a warning a minute before the idle timeout');
  time.advance(30_000);
  timer.activity();
  check(said.join() === 'ping,warning,over,ping', 'timer: activity withdraws the warning and pings at once');
  time.advance(idle * 1000);
  check(said.join() === 'ping,warning,over,ping,warning,idle', 'timer: idle for the whole timeout signs out');
  timer.activity();
  time.advance(idle * 1000);
  check(said.slice(-1)[0] === 'idle' && said.length === 6, 'timer: nothing after it stopped');

  const time2 = manualTime();
  const said2 = [];
  const timer2 = new SessionTimer({
    now: time2.now, timers: time2.timers, ping: () => said2.push('ping'), onIdleWarning: () => {},
    onIdleWarningOver: () => {}, onIdle: () => said2.push('idle'), onEndsSoon: () => said2.push('endsSoon'),
    onEnded: () => said2.push('ended'),
  });
  timer2.start(idle, time2.now() + 20 * 60_000);
  for (let i = 0; i < 14; i += 1) {
    time2.advance(60_000);
    timer2.activity();
  }
  check(!said2.includes('endsSoon'), 'timer: the absolute end is not said too early');
  time2.advance(60_000);
  check(said2.slice(-1)[0] === 'endsSoon', `timer: the absolute end is said ${ENDS_SOON_MS / 60_000} min before`);
  for (let i = 0; i < 5; i += 1) {
    time2.advance(60_000);
    timer2.activity();
  }
  check(said2.includes('ended') && !said2.includes('idle'), `timer: the absolute end comes whatever the activity (${said2})`);
  timer2.stop();

  const time3 = manualTime();
  const line = { hidden: true, textContent: '' };
  const text = { textContent: '' };
  const countdown = { textContent: '' };
  const t = (key, params) => (params ? `${key} ${params.seconds}` : key);
  const message = new SignInMessage({ element: line, text, countdown, t, now: time3.now, timers: time3.timers });
  message.waitFor(3);
  check(!line.hidden && text.textContent === 'error.staff.too_many_attempts' && message.waiting, 'wait: the sentence is shown');
  check(countdown.textContent === 'staff.signIn.waitSeconds 3', `wait: the seconds left (${countdown.textContent})`);
  time3.advance(1000);
  check(countdown.textContent === 'staff.signIn.waitSeconds 2', `wait: counts down each second (${countdown.textContent})`);
  time3.advance(2000);
  check(!message.waiting && countdown.textContent === '' && text.textContent === 'staff.signIn.tryAgainNow',
    'wait: over, and said so');
  message.waitFor(30);
  message.show('');
  check(line.hidden && !message.waiting, 'wait: a new message ends the wait');
}

function qrChecks(check) {
  const uri = 'otpauth://totp/Lucarne:jdupont?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Lucarne&algorithm=SHA1&digits=6&period=30';
  const m = qrMatrix(uri);
  const n = m.length;
  check(n >= 21 && (n - 17) % 4 === 0 && m.every((row) => row.length === n), `qr: a square of 17 + 4v modules (${n})`);
  // ISO/IEC 18004 §6.3.3: a finder pattern in three corners, dark 7×7 ring, light ring, dark 3×3 core.
  const finder = (r0, c0) => {
    for (let r = 0; r < 7; r += 1) {
      for (let c = 0; c < 7; c += 1) {
        const ring = r === 0 || r === 6 || c === 0 || c === 6;
        const core = r >= 2 && r <= 4 && c >= 2 && c <= 4;
        if (m[r0 + r][c0 + c] !== (ring || core)) return false;
      }
    }
    return true;
  };
  check(finder(0, 0) && finder(0, n - 7) && finder(n - 7, 0), 'qr: finder patterns in three corners');
  check(!m[n - 1][n - 1] || !finder(n - 7, n - 7), 'qr: no finder pattern in the fourth corner');
  let timing = true;
  for (let i = 8; i < n - 8; i += 1) timing = timing && m[6][i] === (i % 2 === 0) && m[i][6] === (i % 2 === 0);
  check(timing, 'qr: timing patterns alternate (§6.3.5)');
  check(JSON.stringify(qrMatrix(uri)) === JSON.stringify(m), 'qr: the same text gives the same symbol');
  const dark = m.flat().filter(Boolean).length;
  check((qrPath(m).match(/M/g) || []).length === dark, 'qr: one square in the path per dark module');
  check(qrMatrix('otpauth://totp/Lucarne:h%C3%A9l%C3%A8ne?secret=AAAA').length >= 21 && qrMatrix('hélène').length === 21,
    'qr: non-ASCII text is encoded (UTF-8)');
}

function otherChecks(check) {
  const q = auditQuery({ actor: ' staff:3 ', ward: '', patient: 'p1', action: 'sign_in', from: '2024-03-01', to: '2024-3-1' }, 120);
  check(JSON.stringify(q) === JSON.stringify({ limit: PAGE_SIZE, actor: 'staff:3', patient: 'p1', action: 'sign_in', from: '2024-03-01', before: 120 }),
    `auditQuery: trimmed, empty and malformed filters left out (${JSON.stringify(q)})`);
  check(!('before' in auditQuery({}, null)), 'auditQuery: the first page has no before');
  check(userErrorKey(new ApiError(409, 'conflict', 'x', { field: 'username' })) === 'staff.users.usernameTaken', 'userErrorKey: a taken username');
  check(userErrorKey(new ApiError(409, 'conflict', 'x', { field: 'active' })) === 'staff.users.lastAdmin'
    && userErrorKey(new ApiError(409, 'conflict', 'x', { field: 'role' })) === 'staff.users.lastAdmin', 'userErrorKey: the last admin stays');
  check(userErrorKey(new ApiError(403, 'forbidden')) === 'staff.users.forbidden', 'userErrorKey: forbidden, in words for accounts');
  check(userErrorKey(new ApiError(400, 'invalid_request', 'x', { field: 'wards' })) === 'error.staff.invalid_request', 'userErrorKey: otherwise the general words');
  const user = { displayName: 'Ana', role: 'nurse', wards: [{ id: 'w1' }, { id: 'w2' }] };
  check(JSON.stringify(changes(user, { displayName: 'Ana', role: 'nurse', wards: ['w2', 'w1'] })) === '{}', 'changes: nothing changed, nothing sent');
  check(JSON.stringify(changes(user, { displayName: 'Ana B', role: 'ward_manager', wards: ['w1'] }))
    === '{"displayName":"Ana B","role":"ward_manager","wards":["w1"]}', 'changes: only what changed');
}

/** Today, live, and the call screen: who may join, what a row says, when the list reads itself again. */
function liveChecks(check) {
  check(canJoin({ status: 'open' }) && canJoin({ status: 'ready' }) && canJoin({ status: 'in_call' }),
    'canJoin: an open visit, and the booking statuses of an open window');
  check(!canJoin({ status: 'scheduled' }) && !canJoin({ status: 'ended' }) && !canJoin({ status: 'no_show' }) && !canJoin(null),
    'canJoin: not before, not after');
  check(tabletStateKey('in_call') === 'staff.tablet.state.in_call' && tabletStateKey('lost') === 'staff.tablet.state.unknown',
    'tabletStateKey');
  const p = participantText({ role: 'family', name: 'Jean Dupont', state: 'waiting' });
  check(p.key === 'staff.visit.person.waiting' && p.roleKey === 'staff.visit.role.family' && p.name === 'Jean Dupont',
    `participantText: ${JSON.stringify(p)}`);
  const odd = participantText({ role: 'robot', name: 'X', state: 'dancing' });
  check(odd.key === 'staff.visit.person.in_call' && odd.roleKey === 'staff.visit.role.unknown', 'participantText: unknown role and state');
  const now = Date.UTC(2026, 2, 29, 9, 0);
  const visits = [{ startsAt: now - 60_000, endsAt: now + 600_000 }, { startsAt: now + 300_000, endsAt: now + 900_000 }];
  check(nextRefreshIn(visits, now, 120_000) === 120_000, 'nextRefreshIn: the safety net when no visit starts or ends before it');
  check(nextRefreshIn(visits, now, 3_600_000) === 300_500, 'nextRefreshIn: just after the next start');
  check(nextRefreshIn([{ startsAt: now + 10, endsAt: now + 20 }], now, 120_000) === 1000, 'nextRefreshIn: never sooner than a second');
  check(nextRefreshIn([], now, 120_000) === 120_000, 'nextRefreshIn: nothing listed');
  check(callEndKey({ endReason: 'left' }) === 'staff.call.end.left' && callEndKey({ endReason: 'weird' }) === 'staff.call.end.ended',
    'callEndKey: a reason in words');
  check(callEndKey({ endReason: null, error: 'visit_ended' }) === null, 'callEndKey: a refusal is said by its error code');
}

/** Every key the console builds at run time, and every data-i18n of its page, in both languages. */
function messageChecks(check, en, fr, html) {
  const keys = new Set([...KNOWN_CODES].map((c) => `error.staff.${c}`));
  for (const role of ROLES) keys.add(roleKey(role));
  keys.add(roleKey('?'));
  for (const s of VISIT_STATUSES) keys.add(visitStatusKey(s));
  keys.add(visitStatusKey('?'));
  for (const code of SSO_ERRORS) keys.add(`error.sso.${code}`);
  for (const state of [...TABLET_STATES, '?']) keys.add(tabletStateKey(state));
  for (const state of PARTICIPANT_STATES) {
    for (const role of [...PARTICIPANT_ROLES, '?']) {
      const p = participantText({ role, state, name: 'N' });
      keys.add(p.key);
      keys.add(p.roleKey);
    }
  }
  for (const reason of CALL_END_REASONS) keys.add(callEndKey({ endReason: reason }));
  for (const rule of BOOKING_RULES) keys.add(`error.staff.${rule}`);
  for (const status of [...INVITE_STATUSES, 'retrying', 'noChannel']) keys.add(`staff.invite.status.${status}`);
  for (const c of [...MESSAGE_CHANNELS, '?']) keys.add(channelKey(c));
  for (const c of [...CONTACT_CHANNELS, '?']) keys.add(contactChannelKey(c));
  for (const k of [...MESSAGE_KINDS, '?']) keys.add(kindKey(k));
  for (const code of [...REASON_CODES, '?']) keys.add(reasonKey({ code }));
  for (const key of fieldProblemKeys()) keys.add(key);
  for (const key of settingsMessageKeys()) keys.add(key);
  for (const key of tabletHealthMessageKeys()) keys.add(key);
  for (const key of enrolMessageKeys()) keys.add(key);
  for (const state of [...TABLET_LIST_STATES, '?']) keys.add(tabletListStateKey(state));
  for (const key of ['staff.invite.copy', 'staff.invite.resend', 'staff.invite.revoke', 'staff.contacts.edit', 'staff.contacts.remove']) {
    keys.add(key);
    keys.add(`${key}For`);
  }
  for (const key of ['button', 'buttonFor', 'heading', 'chooseReason', 'done']) keys.add(`staff.tablets.revoke.${key}`);
  for (const lang of ['fr', 'en']) keys.add(`staff.language.${lang}`);
  for (const key of ['staff.visit.nobody', 'staff.visit.join', 'staff.visit.joinFor', 'staff.call.heading',
    'staff.call.patient', 'staff.call.selfView', 'staff.call.lobby', 'staff.call.refused', 'staff.today.updated']) keys.add(key);
  for (const action of ['edit', 'disable', 'enable', 'reset', 'endSessions']) {
    keys.add(`staff.users.${action}`);
    keys.add(`staff.users.${action}.for`);
  }
  if (html) for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) keys.add(m[1]);
  check(!html || keys.has('staff.signIn.heading'), 'messages: the page\'s data-i18n keys were read');
  for (const key of keys) {
    check(typeof en[key] === 'string', `messages: ${key} missing in en.json`);
    check(typeof fr[key] === 'string', `messages: ${key} missing in fr.json`);
  }
}
