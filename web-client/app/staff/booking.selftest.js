// Self-checks of the console's booking modules without the DOM: the week's layout on the days the
// clocks change, wall-clock times of a ward read as instants, the booking form's state and request,
// what a refusal says, an invite's words and actions, the patient and contact forms' changes, field
// errors, the outbox's links and the reports' figures and chart scale. Run by runStaffChecks
// (staff.selftest.js), in Node and in Chromium.

import { ApiError } from './api.js';
import { BOOKING_RULES, atSuggestion, bookingRequest, formFor, refusalOf } from './booking-rules.js';
import { contactChanges } from './contact-form.js';
import { addDays, mondayOf, offsetAt, parseTime, timeOfDay, timeText, zonedInstant } from './dates.js';
import { fieldProblem } from './field-errors.js';
import { canCancel, inviteActions, inviteStatusText } from './invite-text.js';
import { textParts } from './outbox.js';
import { patientChanges } from './patient-form.js';
import { barLayout, niceMax, ticks } from './report-chart.js';
import { lengthText, percent, reportFigures } from './reports.js';
import { busyTimes, defaultLength, freeTimes, weekLayout } from './week-layout.js';

const PARIS = 'Europe/Paris';
const MIN = 60_000;
const at = (iso) => Date.parse(iso);

export function runBookingChecks(check) {
  zoneChecks(check);
  weekChecks(check);
  formChecks(check);
  inviteChecks(check);
  formChangeChecks(check);
  otherChecks(check);
}

function zoneChecks(check) {
  // 29 March 2026: Paris goes from 02:00 CET to 03:00 CEST; 25 October 2026: from 03:00 CEST back to 02:00 CET.
  check(zonedInstant('2026-03-29', 10 * 60, PARIS) === at('2026-03-29T08:00:00Z'), 'zonedInstant: 10:00 on the spring day is summer time');
  check(zonedInstant('2026-03-28', 10 * 60, PARIS) === at('2026-03-28T09:00:00Z'), 'zonedInstant: 10:00 the day before is winter time');
  check(zonedInstant('2026-03-29', 150, PARIS) === at('2026-03-29T01:30:00Z'), 'zonedInstant: 02:30, skipped in spring, reads as 03:30 (as java.time)');
  check(zonedInstant('2026-10-25', 150, PARIS) === at('2026-10-25T00:30:00Z'), 'zonedInstant: 02:30, twice in autumn, is the first (summer time)');
  check(zonedInstant('2026-10-25', 10 * 60, PARIS) === at('2026-10-25T09:00:00Z'), 'zonedInstant: 10:00 on the autumn day is winter time');
  check(zonedInstant('2026-03-29', 0, 'America/Cayenne') === at('2026-03-29T03:00:00Z'), 'zonedInstant: another region, its own offset');
  check(offsetAt(at('2026-07-01T12:00:00Z'), PARIS) === 2 * 3600_000 && offsetAt(at('2026-01-01T12:00:00Z'), PARIS) === 3600_000, 'offsetAt: summer and winter');
  check(mondayOf('2026-03-29') === '2026-03-23' && mondayOf('2026-03-23') === '2026-03-23' && mondayOf('2026-01-01') === '2025-12-29',
    'mondayOf: the ISO week starts on Monday, across a year end');
  check(addDays('2026-03-23', 7) === '2026-03-30' && addDays('2026-10-19', 7) === '2026-10-26', 'next week across the clock changes is 7 days on');
  for (const [text, minutes] of [['14:30', 870], ['14h30', 870], ['14 h 30', 870], ['14h', 840], ['9.05', 545], ['0930', 570], [' 8:00 ', 480]]) {
    check(parseTime(text) === minutes, `parseTime("${text}") = ${minutes}`);
  }
  for (const bad of ['24:00', '12:60', 'midi', '', '1:2', '12345']) check(parseTime(bad) === null, `parseTime("${bad}") is refused`);
  check(timeText(545) === '09:05' && timeText(0) === '00:00', 'timeText');
}

/**
 * A week of Paris across the spring change, visiting hours 10:00–20:00, one tablet; its uses as the
 * server counts them: each visit's slot (up to `endedAt` if it ended early), none for one cancelled
 * before its call.
 */
function springWeek(visits) {
  const busy = visits.filter((v) => v.status !== 'cancelled').map((v) => ({ start: v.startsAt, end: v.endedAt || v.endsAt }));
  const days = [];
  for (let i = 0; i < 7; i += 1) {
    const date = addDays('2026-03-23', i);
    days.push({ date, weekday: i + 1, hours: [{ opens: '10:00', closes: '20:00', start: zonedInstant(date, 600, PARIS), end: zonedInstant(date, 1200, PARIS) }] });
  }
  return {
    ward: { id: 'w', name: 'W' }, timeZone: PARIS, cleaningBufferMinutes: 15, lengths: [15, 30, 45, 60], from: '2026-03-23', to: '2026-03-30', days,
    tablets: [{ id: 't1', label: 'Tablet 1', bed: 'Bed 1', revoked: false, patient: { id: 'p1', name: 'Marie' }, visits, busy }],
    truncated: false,
  };
}

function weekChecks(check) {
  const visit = (id, start, minutes, status) => ({ id, patient: { id: 'p1', name: 'Marie' }, startsAt: start, endsAt: start + minutes * MIN, status: status || 'scheduled' });
  const sunday = visit('v1', zonedInstant('2026-03-29', 12 * 60, PARIS), 30); // 12:00 on the spring day
  const week = springWeek([sunday, visit('v2', zonedInstant('2026-03-29', 15 * 60, PARIS), 30, 'cancelled')]);
  const monday = at('2026-03-23T06:00:00Z'); // 07:00 in Paris, before the week's first opening
  const layout = weekLayout(week, monday);
  check(layout.days.length === 7 && layout.days[0].today && !layout.days[1].today, 'week: seven days, Monday today');
  const sun = layout.rows[0].cells[6];
  const kinds = sun.items.map((i) => `${i.kind}@${timeOfDay(i.start, 'fr', PARIS)}`).join(' ');
  check(kinds === 'free@10:00 visit@12:00 free@12:45 visit@15:00', `week: the spring day's cells in order (${kinds})`);
  const free = sun.items.filter((i) => i.kind === 'free');
  check(free[0].end === sunday.startsAt - 15 * MIN && timeOfDay(free[0].end, 'fr', PARIS) === '11:45',
    'week: a free time stops at the cleaning buffer before a visit (11:45)');
  check(free[1].start === sunday.endsAt + 15 * MIN && free[1].end === at('2026-03-29T18:00:00Z'),
    'week: after the visit and its buffer until 20:00 summer time (18:00Z), the cancelled visit taking nothing');
  check(free[1].end - free[0].start === 10 * 3600_000 - 0 && layout.rows[0].cells[5].items.length === 1
    && layout.rows[0].cells[5].items[0].end - layout.rows[0].cells[5].items[0].start === 10 * 3600_000,
  'week: 10:00–20:00 lasts 10 hours on the short day too');
  const autumn = weekLayout({ ...springWeek([]), days: [{ date: '2026-10-25', weekday: 7, hours: [{ opens: '10:00', closes: '20:00', start: zonedInstant('2026-10-25', 600, PARIS), end: zonedInstant('2026-10-25', 1200, PARIS) }] }] },
    at('2026-10-24T12:00:00Z'));
  const span = autumn.rows[0].cells[0].items[0];
  check(span.start === at('2026-10-25T09:00:00Z') && span.end === at('2026-10-25T19:00:00Z') && timeOfDay(span.end, 'fr', PARIS) === '20:00',
    'week: on the autumn day, 10:00–20:00 winter time');
  // Sunday 29 March 12:20 Paris: what was before now is not free; from this minute it is.
  const midday = weekLayout(week, at('2026-03-29T10:20:31Z'));
  const sunNow = midday.rows[0].cells[6].items.filter((i) => i.kind === 'free');
  check(sunNow.length === 1 && sunNow[0].start === sunday.endsAt + 15 * MIN, 'week: during a visit, the next free time is after it and its buffer');
  const later = weekLayout(week, at('2026-03-29T14:07:40Z')); // 16:07:40 in Paris
  const now = later.rows[0].cells[6].items.filter((i) => i.kind === 'free');
  check(now.length === 1 && now[0].start === at('2026-03-29T14:07:00Z'), 'week: a free time starts at the current minute, not before');
  check(later.rows[0].cells.slice(0, 6).every((c) => c.items.length === 0), 'week: no free time on days gone by');
  const empty = weekLayout({ ...week, tablets: [{ ...week.tablets[0], patient: null }, { ...week.tablets[0], id: 't2', revoked: true }] }, monday);
  check(empty.rows.every((r) => !r.bookable && r.cells.every((c) => c.items.every((i) => i.kind !== 'free'))),
    'week: no free time on a tablet without a patient, nor a revoked one');
  check(JSON.stringify(busyTimes([{ start: 150, end: 300 }, { start: 100, end: 200 }], 10))
    === '[{"start":90,"end":310}]', 'busyTimes: overlapping uses merged, buffers included');
  const early = { ...visit('v3', zonedInstant('2026-03-29', 12 * 60, PARIS), 60, 'completed'), endedAt: zonedInstant('2026-03-29', 12 * 60 + 10, PARIS) };
  const afterEarly = weekLayout(springWeek([early]), monday).rows[0].cells[6].items.filter((i) => i.kind === 'free');
  check(afterEarly[1].start === early.endedAt + 15 * MIN, 'week: a visit ended early frees the tablet from its end and the buffer (12:25)');
  check(JSON.stringify(freeTimes({ start: 0, end: 100 }, [{ start: 20, end: 30 }, { start: 40, end: 95 }], 0, 11))
    === '[{"start":0,"end":20}]', 'freeTimes: pieces shorter than the shortest visit are not offered');
  check(defaultLength([15, 30, 45, 60], 60 * MIN) === 30 && defaultLength([45, 60], 120 * MIN) === 45
    && defaultLength([15, 30], 20 * MIN) === 15 && defaultLength([], 1) === null, 'defaultLength: half an hour when it fits');
}

function formChecks(check) {
  const ward = { timeZone: PARIS, lengths: [15, 30, 45, 60] };
  const contacts = [{ id: 'c1', allowed: true }, { id: 'c2', allowed: false }, { id: 'c3', allowed: true }];
  const form = formFor({ start: at('2026-03-29T12:45:00Z'), end: at('2026-03-29T18:00:00Z') }, ward, contacts);
  check(JSON.stringify(form) === '{"date":"2026-03-29","time":"14:45","length":30,"contacts":["c1","c3"]}',
    `formFor: the ward's day and time, half an hour, the allowed contacts (${JSON.stringify(form)})`);
  const request = bookingRequest({ patient: 'p1', tablet: 't1', ...form, length: '30' }, PARIS);
  check(request.body && request.body.start === at('2026-03-29T12:45:00Z') && request.body.length === 30
    && request.body.contacts.join() === 'c1,c3', 'bookingRequest: the start read back on the ward\'s clock, the length a number');
  check(bookingRequest({ ...form, time: '14h45', length: 30 }, PARIS).body.start === at('2026-03-29T12:45:00Z'), 'bookingRequest: 14h45 as typed in France');
  check(bookingRequest({ ...form, time: '25:00' }, PARIS).field === 'time', 'bookingRequest: a wrong time is said before asking');
  check(bookingRequest({ ...form, date: '' }, PARIS).problem === 'staff.booking.dateMissing', 'bookingRequest: no day');
  check(bookingRequest({ ...form, length: '' }, PARIS).field === 'length', 'bookingRequest: no length');
  const body = request.body;
  const moved = atSuggestion(body, { start: at('2026-03-30T08:00:00Z'), end: at('2026-03-30T08:45:00Z') });
  check(moved.start === at('2026-03-30T08:00:00Z') && moved.length === 45 && moved.patient === 'p1' && moved.contacts.join() === 'c1,c3',
    'atSuggestion: the suggested start and its length, the rest as asked');
  const busy = new ApiError(409, 'tablet_busy', 'x', { suggestions: [1, 2, 3, 4].map((i) => ({ start: i * 1000, end: i * 1000 + 1800_000 })) });
  const r = refusalOf(busy);
  check(r.rule === 'tablet_busy' && r.key === 'error.staff.tablet_busy' && r.suggestions.length === 3 && r.field === 'time',
    'refusalOf: a rule, in words, with at most three suggestions');
  const contact = refusalOf(new ApiError(409, 'contact_not_allowed', 'x', { suggestions: [] }));
  check(contact.rule === 'contact_not_allowed' && contact.suggestions.length === 0 && contact.field === 'contacts', 'refusalOf: a rule without suggestions points at its field');
  const odd = refusalOf(new ApiError(409, 'tablet_busy', 'x', { suggestions: [{ start: 5, end: 1 }, { start: 'x', end: 2 }, null] }));
  check(odd.suggestions.length === 0, 'refusalOf: a suggestion that is not a slot is left out');
  check(refusalOf(new ApiError(400, 'invalid_request', 'x', { field: 'length' })).field === 'length'
    && refusalOf(new ApiError(0, 'network')).key === 'error.staff.network' && refusalOf(new ApiError(0, 'network')).rule === null,
  'refusalOf: other failures in general words');
  check(refusalOf(new ApiError(404, 'tablet_busy')).rule === null, 'refusalOf: a rule is a 409');
  check(BOOKING_RULES.length === 12, 'the twelve booking rules');
}

function inviteChecks(check) {
  const t = (key, params) => `${key}${params ? JSON.stringify(params) : ''}`;
  const when = (ms) => `@${ms}`;
  const base = { invite: 'h', contact: { id: 'c', name: 'Jean', channel: 'email' }, revoked: false, kind: 'invite', channel: 'email', at: 5 };
  check(inviteStatusText({ ...base, status: 'sent', reason: null }, t, when)
    === 'staff.invite.status.sent{"channel":"staff.invite.channel.email","what":"staff.invite.kind.invite","time":"@5","reason":""}',
  'inviteStatusText: sent, by which channel, when');
  const failed = inviteStatusText({ ...base, status: 'failed', reason: { code: 'address_invalid', message: 'SMTP 550' } }, t, when);
  check(failed.startsWith('staff.invite.status.failed') && failed.includes('staff.invite.reason.address_invalid'), `inviteStatusText: failed with its reason (${failed})`);
  const retry = inviteStatusText({ ...base, status: 'pending', reason: { code: 'weird', message: 'HTTP 418' } }, t, when);
  check(retry.startsWith('staff.invite.status.retrying') && retry.includes('HTTP 418'), 'inviteStatusText: an unknown reason in the server\'s words');
  check(inviteStatusText({ ...base, status: 'not_sent', contact: { ...base.contact, channel: 'none' } }, t, when) === 'staff.invite.status.noChannel',
    'inviteStatusText: a contact without messages gets the link from staff');
  check(inviteStatusText({ ...base, status: 'sent', revoked: true }, t, when) === 'staff.invite.revoked', 'inviteStatusText: revoked');
  const visit = { status: 'scheduled', endsAt: 1000 };
  check(JSON.stringify(inviteActions({ ...base, status: 'sent' }, visit, 0)) === '{"resend":true,"revoke":true,"copy":true}', 'inviteActions: all three');
  check(!inviteActions({ ...base, status: 'pending' }, visit, 0).resend && !inviteActions({ ...base, status: 'sending' }, visit, 0).resend,
    'inviteActions: no resend while a message is on its way');
  check(!inviteActions({ ...base, contact: { ...base.contact, channel: 'none' } }, visit, 0).resend, 'inviteActions: no resend without a channel');
  check(JSON.stringify(inviteActions({ ...base, revoked: true }, visit, 0)) === '{"resend":false,"revoke":false,"copy":false}', 'inviteActions: nothing once revoked');
  check(!inviteActions(base, { status: 'cancelled', endsAt: 1000 }, 0).copy && !inviteActions(base, visit, 1000).revoke, 'inviteActions: nothing once the visit is over');
  check(canCancel({ status: 'in_call', endsAt: 10 }, 5) && !canCancel({ status: 'cancelled', endsAt: 10 }, 5) && !canCancel({ status: 'ready', endsAt: 10 }, 10),
    'canCancel: until the visit is over');
}

function formChangeChecks(check) {
  const admit = patientChanges(null, { name: ' Marie ', bed: 'b1', language: 'fr', insMatricule: '', insOid: '1.2.250.1.213.1.4.8', hospitalId: ' ' });
  check(JSON.stringify(admit) === '{"name":"Marie","bed":"b1","language":"fr"}', `patientChanges: admit without INS nor identifier (${JSON.stringify(admit)})`);
  const before = { name: 'Marie', bedId: 'b1', language: 'fr', ins: { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.8' }, hospitalId: 'IPP-1' };
  const same = patientChanges(before, { name: 'Marie', bed: 'b1', language: 'fr', insMatricule: '2 79 03 51 215 189 89', insOid: '1.2.250.1.213.1.4.8', hospitalId: 'IPP-1' });
  check(JSON.stringify(same) === '{}', `patientChanges: the INS typed with spaces is the same (${JSON.stringify(same)})`);
  const cleared = patientChanges(before, { name: 'Marie', bed: 'b2', language: 'en', insMatricule: '', insOid: '1.2.250.1.213.1.4.8', hospitalId: '' });
  check(JSON.stringify(cleared) === '{"bed":"b2","language":"en","ins":null,"hospitalId":null}', `patientChanges: removed is null (${JSON.stringify(cleared)})`);
  const add = contactChanges(null, { name: 'Jean', relationship: '', phone: '06 12 34 56 78', email: '', language: 'fr', channel: '', allowed: true });
  check(JSON.stringify(add) === '{"name":"Jean","language":"fr","allowed":true,"phone":"06 12 34 56 78"}', `contactChanges: a new contact (${JSON.stringify(add)})`);
  const contact = { name: 'Jean', relationship: 'son', phone: '+33612345678', email: null, language: 'fr', channel: 'sms', allowed: true };
  const change = contactChanges(contact, { name: 'Jean', relationship: '', phone: '+33612345678', email: 'jean@example.org', language: 'fr', channel: 'email', allowed: false });
  check(JSON.stringify(change) === '{"relationship":null,"email":"jean@example.org","allowed":false,"channel":"email"}', `contactChanges: only what changed (${JSON.stringify(change)})`);
  check(JSON.stringify(fieldProblem('contact', new ApiError(400, 'invalid_request', 'x', { field: 'phone' })))
    === '{"field":"phone","key":"staff.problem.contact.invalid_request.phone"}', 'fieldProblem: the phone refused, in words next to it');
  check(fieldProblem('patient', new ApiError(409, 'conflict', 'x', { field: 'hospitalId' })).key === 'staff.problem.patient.conflict.hospitalId',
    'fieldProblem: a hospital identifier taken');
  check(JSON.stringify(fieldProblem('contact', new ApiError(409, 'conflict', 'x'))) === '{"field":null,"key":"error.staff.conflict"}'
    && fieldProblem('contact', new ApiError(400, 'invalid_request', 'x', { field: 'bogus' })).field === null, 'fieldProblem: otherwise the general words');
}

function otherChecks(check) {
  const parts = textParts('Bonjour,\nrejoignez https://h.example/v/abc#def. Merci (https://x.example/y).');
  check(JSON.stringify(parts) === JSON.stringify([{ text: 'Bonjour,\nrejoignez ' }, { link: 'https://h.example/v/abc#def' }, { text: '. Merci (' },
    { link: 'https://x.example/y' }, { text: ').' }]), `textParts: links without the sentence's punctuation (${JSON.stringify(parts)})`);
  check(JSON.stringify(textParts('http://plain.example no')) === '[{"text":"http://plain.example no"}]' && textParts(null).length === 0,
    'textParts: only https links');
  for (const [v, m] of [[0, 1], [1, 1], [3, 5], [7, 10], [12, 20], [101, 200], [0.4, 1]]) check(niceMax(v) === m, `niceMax(${v}) = ${m}`);
  check(ticks(5).join() === '0,1,2,3,4,5' && ticks(20).join() === '0,5,10,15,20' && ticks(200).join() === '0,50,100,150,200', 'ticks: at most five steps');
  const layout = barLayout([0, 5, 10], 340, 240);
  const [zero, half, full] = layout.bars;
  check(layout.max === 10 && zero.height === 0 && Math.abs(half.height * 2 - full.height) < 1e-9 && full.y === layout.plot.top,
    'barLayout: heights in proportion, the highest at the top of the plot');
  check(Math.abs((half.x - zero.x) - (full.x - half.x)) < 1e-9 && zero.x > layout.plot.left && full.x + full.width < layout.plot.right,
    'barLayout: bars evenly spaced inside the plot');
  check(barLayout([], 340, 240).bars.length === 0 && barLayout([], 340, 240).max === 1, 'barLayout: an empty period');
  const figures = reportFigures({
    from: '2026-03-01', to: '2026-03-02',
    days: [{ date: '2026-03-01', booked: 3, completed: 2, cancelled: 1, noShow: 0, averageLengthSeconds: 1500, completedRate: 0.6667 },
      { date: '2026-03-02', booked: 1, noShow: 1, averageLengthSeconds: null, completedRate: null }],
    totals: { booked: 4, completed: 2, cancelled: 1, noShow: 1, calls: 2, averageLengthSeconds: 1500, completedRate: 0.5, cancelledRate: 0.25, noShowRate: 0.25 },
  });
  check(figures.days.length === 2 && figures.days[1].completed === 0 && figures.days[1].completedRate === null && figures.days[0].booked === 3,
    'reportFigures: a day\'s missing count is 0, a missing rate null');
  check(figures.totals.booked === 4 && figures.totals.averageSeconds === 1500 && figures.totals.noShowRate === 0.25 && figures.from === '2026-03-01',
    `reportFigures: the period's totals (${JSON.stringify(figures.totals)})`);
  check(reportFigures({ days: [], totals: { booked: 0, completedRate: null } }).totals.completedRate === null, 'reportFigures: no rate without visits over');
  check(JSON.stringify(lengthText(1500)) === '{"key":"staff.reports.minutes","params":{"minutes":25}}' && lengthText(45).key === 'staff.reports.seconds'
    && lengthText(null) === null, 'lengthText: minutes, seconds under a minute, none');
  check(percent(0.25, 'en') === '25%' && percent(null, 'en') === '—', 'percent');
}
