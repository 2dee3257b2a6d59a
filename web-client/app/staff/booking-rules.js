// The booking form without the DOM: what the form starts with for a free time of the week view, the
// request it sends (POST /api/visits, docs/staff-api.md "Booking visits"), what it says before asking
// the server, and what a refusal means: the rule in words and the free times the server suggests.

import { errorKey } from './api.js';
import { isIsoDate, localDate, minutesOfDay, parseTime, timeText, zonedInstant } from './dates.js';
import { defaultLength } from './week-layout.js';

/** docs/staff-api.md, "Booking rules": each has its sentence `error.staff.<rule>`. */
export const BOOKING_RULES = Object.freeze([
  'patient_discharged', 'no_tablet', 'tablet_not_at_bed', 'tablet_revoked', 'contact_not_allowed', 'in_the_past',
  'length_not_allowed', 'outside_visiting_hours', 'tablet_busy', 'daily_cap_reached', 'visit_started', 'visit_over',
]);

/** Where the cursor goes after a refusal without a suggestion: the field to change. */
const RULE_FIELDS = Object.freeze({
  contact_not_allowed: 'contacts', length_not_allowed: 'length', in_the_past: 'time', outside_visiting_hours: 'time',
  tablet_busy: 'time', daily_cap_reached: 'date',
});

/**
 * What the form shows for a free time: the day and time on the ward's wall clock, the length the
 * ward allows that fits, and the allowed contacts ticked.
 *
 * @param {{start: number, end: number}} free
 * @param {{lengths: number[], timeZone: ?string}} ward
 * @param {Array<{id: string, allowed: boolean}>} contacts the patient's contacts
 */
export function formFor(free, ward, contacts) {
  const zone = ward.timeZone || undefined;
  return {
    date: localDate(free.start, zone),
    time: timeText(minutesOfDay(free.start, zone)),
    length: defaultLength(ward.lengths, free.end - free.start),
    contacts: (contacts || []).filter((c) => c.allowed).map((c) => c.id),
  };
}

/**
 * The body of POST /api/visits for what the form holds, or the problem to fix first:
 * `{body}` or `{problem: <i18n key>, field: 'date' | 'time' | 'length'}`.
 *
 * @param {{patient: string, tablet: string, date: string, time: string, length: (string|number), contacts: string[]}} form
 * @param {?string} timeZone the ward's
 */
export function bookingRequest(form, timeZone) {
  if (!isIsoDate(form.date)) return { problem: 'staff.booking.dateMissing', field: 'date' };
  const minutes = parseTime(form.time);
  if (minutes === null) return { problem: 'staff.booking.timeInvalid', field: 'time' };
  const length = Number(form.length);
  if (!Number.isInteger(length) || length <= 0) return { problem: 'staff.booking.lengthMissing', field: 'length' };
  const body = {
    patient: form.patient, tablet: form.tablet, start: zonedInstant(form.date, minutes, timeZone || undefined), length,
    contacts: [...(form.contacts || [])],
  };
  return { body };
}

/** The same booking at a suggested slot: its start, and its length (that of the slot, which may differ). */
export function atSuggestion(body, suggestion) {
  return { ...body, start: suggestion.start, length: Math.round((suggestion.end - suggestion.start) / 60_000) };
}

/**
 * What a failed booking says: `{key, rule, suggestions, field}`. A rule's refusal (409 with the
 * rule's code) names the rule and carries the server's suggestions (at most three free slots); any
 * other failure is the general sentence of its code, and a 400 names its field.
 */
export function refusalOf(error) {
  const code = error && error.code;
  const rule = error && error.status === 409 && BOOKING_RULES.includes(code) ? code : null;
  const suggestions = rule ? (error.suggestions || []).slice(0, 3) : [];
  let field = rule ? RULE_FIELDS[rule] || null : null;
  if (!rule && error && error.code === 'invalid_request') field = BODY_FIELDS[error.field] || null;
  return { key: errorKey(error), rule, suggestions, field };
}

/** The request's fields as the form's. */
const BODY_FIELDS = Object.freeze({ start: 'time', length: 'length', contacts: 'contacts' });
