// A ward's settings (docs/staff-api.md, "Ward settings") as the console shows and edits them, without
// the DOM: the form's values from an answer, a day's spans added and removed, the form read into the
// PUT body (times as typed, "14h" as "14:00"; lists of minutes as "15, 30 45"), a refusal's `field`
// (`visitingHours.monday[1].closes`) to the input it names, and reminders in words. The server checks
// every rule again and is the one that decides; these only spare a round trip and say where to look.

import { parseTime, timeText } from './dates.js';

/** The days of `visitingHours`, in the order the form shows them. */
export const WEEKDAYS = Object.freeze(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** The server's limit on spans a day. */
export const MAX_SPANS_A_DAY = 12;

/** Offered in the time zone's list; any region of the IANA database is accepted. */
export const COMMON_ZONES = Object.freeze([
  'Europe/Paris', 'America/Cayenne', 'America/Guadeloupe', 'America/Martinique', 'America/Miquelon', 'Indian/Reunion',
  'Indian/Mayotte', 'Pacific/Noumea', 'Pacific/Tahiti', 'Pacific/Marquesas', 'Pacific/Wallis', 'Europe/Brussels',
  'Europe/Luxembourg', 'Europe/Monaco', 'Europe/Zurich', 'Europe/London',
]);

/** Whether the console offers to change the settings: `ward_settings.change`, a ward's managers and its admins. */
export function canChangeSettings(role) {
  return role === 'ward_manager' || role === 'admin';
}

/**
 * The form's values (all text, as typed) for a `<settings>` answer:
 * `{timeZone, hours: {monday: [{opens, closes}], …}, lengths, buffer, cap, reminders}`.
 */
export function formValues(settings) {
  const s = settings || {};
  const hours = {};
  for (const day of WEEKDAYS) {
    hours[day] = ((s.visitingHours || {})[day] || []).map((span) => ({ opens: span.opens, closes: span.closes }));
  }
  return {
    timeZone: s.timeZone || '',
    hours,
    lengths: (s.visitLengthMinutes || []).join(', '),
    buffer: s.cleaningBufferMinutes === undefined ? '' : String(s.cleaningBufferMinutes),
    cap: s.dailyCap === undefined ? '' : String(s.dailyCap),
    reminders: (s.reminderMinutes || []).join(', '),
  };
}

/** The day's spans with an empty one added at the end (unchanged at the server's limit). */
export function addSpan(spans) {
  return spans.length >= MAX_SPANS_A_DAY ? spans.slice() : [...spans, { opens: '', closes: '' }];
}

/** The day's spans without the one at `index`. */
export function removeSpan(spans, index) {
  return spans.filter((_, i) => i !== index);
}

/** After removing span `index` of a day that had `count`: the span to put the cursor on, or -1 for "Add hours". */
export function focusAfterRemove(count, index) {
  if (count <= 1) return -1;
  return Math.min(index, count - 2);
}

/** A time as the server reads it (`HH:MM`, `24:00` to close at midnight) from what was typed; otherwise as typed. */
export function timeValue(text, closing) {
  const s = String(text || '').trim();
  if (closing && /^24\s*(?:[:h.]\s*(?:00)?)?$/i.test(s)) return '24:00';
  const minutes = parseTime(s);
  return minutes === null ? s : timeText(minutes);
}

/** "15, 30 45;60" → [15, 30, 45, 60]; "" → []; null when something is not a whole number. */
export function minutesList(text) {
  const parts = String(text || '').split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((p) => /^[0-9]{1,5}$/.test(p))) return null;
  return parts.map(Number);
}

function wholeNumber(text) {
  const s = String(text || '').trim();
  return /^[0-9]{1,5}$/.test(s) ? Number(s) : null;
}

/**
 * The body of `PUT /api/wards/{id}/settings` for the form's values, and what cannot be sent at all
 * (`problems`: `{field, key}`, the field named as the server would, in the form's order).
 */
export function settingsBody(values) {
  const problems = [];
  const visitingHours = {};
  for (const day of WEEKDAYS) {
    visitingHours[day] = (values.hours[day] || []).map((span) => ({
      opens: timeValue(span.opens, false), closes: timeValue(span.closes, true),
    }));
  }
  const number = (text, field) => {
    const n = wholeNumber(text);
    if (n === null) problems.push({ field, key: problemKey(fieldTarget(field)) });
    return n;
  };
  const list = (text, field) => {
    const l = minutesList(text);
    if (l === null) problems.push({ field, key: problemKey(fieldTarget(field)) });
    return l;
  };
  const body = {
    timeZone: String(values.timeZone || '').trim(),
    visitingHours,
    visitLengthMinutes: list(values.lengths, 'visitLengthMinutes'),
    cleaningBufferMinutes: number(values.buffer, 'cleaningBufferMinutes'),
    dailyCap: number(values.cap, 'dailyCap'),
    reminderMinutes: list(values.reminders, 'reminderMinutes'),
  };
  return { body, problems };
}

const SIMPLE_FIELDS = Object.freeze(['timeZone', 'visitLengthMinutes', 'cleaningBufferMinutes', 'dailyCap', 'reminderMinutes']);
const HOURS_FIELD = /^visitingHours(?:\.([a-z]+)(?:\[([0-9]+)\](?:\.([A-Za-z]+))?)?)?$/;

/**
 * What a refusal's `field` names: `{kind, day?, index?}` with kind `timeZone`, `visitLengthMinutes`,
 * `cleaningBufferMinutes`, `dailyCap`, `reminderMinutes`, `day` (a day's spans: they overlap, or too
 * many), `span` (one span: it does not open before it closes), `opens` or `closes`; null for a field
 * the form does not have. A day the form does not know, or visitingHours as a whole, names Monday's group.
 */
export function fieldTarget(field) {
  if (typeof field !== 'string') return null;
  if (SIMPLE_FIELDS.includes(field)) return { kind: field };
  const m = HOURS_FIELD.exec(field);
  if (!m) return null;
  const [, day, index, part] = m;
  if (!day || !WEEKDAYS.includes(day)) return { kind: 'day', day: 'monday' };
  if (index === undefined) return { kind: 'day', day };
  const kind = part === 'opens' || part === 'closes' ? part : 'span';
  return { kind, day, index: Number(index) };
}

/** The id of the input (or, for a day, the group) a target names. */
export function inputIdOf(target) {
  switch (target.kind) {
    case 'timeZone': return 'settings-time-zone';
    case 'visitLengthMinutes': return 'settings-lengths';
    case 'cleaningBufferMinutes': return 'settings-buffer';
    case 'dailyCap': return 'settings-cap';
    case 'reminderMinutes': return 'settings-reminders';
    case 'day': return `settings-day-${target.day}`;
    case 'opens': return spanInputId(target.day, target.index, 'opens');
    default: return spanInputId(target.day, target.index, 'closes'); // a span that closes too early: its closing time
  }
}

export function spanInputId(day, index, part) {
  return `settings-${day}-${index}-${part}`;
}

/** Every kind of target, each with its sentence `staff.problem.settings.<kind>`. */
export const SETTINGS_PROBLEMS = Object.freeze([...SIMPLE_FIELDS, 'day', 'span', 'opens', 'closes']);

export function problemKey(target) {
  return `staff.problem.settings.${target.kind}`;
}

/** "24 hours before" for 1440, "15 minutes before", "2 days before", "1 h 30 min before": `{key, params}`. */
export function reminderText(minutes) {
  const m = Number(minutes);
  if (m >= 2 * 1440 && m % 1440 === 0) return { key: 'staff.settings.before.days', params: { n: m / 1440 } };
  if (m % 60 === 0 && m > 0) return { key: m === 60 ? 'staff.settings.before.hour' : 'staff.settings.before.hours', params: { n: m / 60 } };
  if (m > 60) return { key: 'staff.settings.before.hoursMinutes', params: { hours: Math.floor(m / 60), minutes: m % 60 } };
  return { key: m === 1 ? 'staff.settings.before.minute' : 'staff.settings.before.minutes', params: { n: m } };
}

/** Every key reminderText can give (for the message files' check). */
export const REMINDER_KEYS = Object.freeze(['minute', 'minutes', 'hour', 'hours', 'hoursMinutes', 'days']
  .map((k) => `staff.settings.before.${k}`));

/** "10:00–12:00, 14:00–20:00" for a day's spans; '' for none. */
export function spansText(spans) {
  return (spans || []).map((s) => `${s.opens}–${s.closes}`).join(', ');
}

/** "a, b and c" in the person's language. */
export function listText(items, locale) {
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items.map(String));
  } catch (e) {
    return items.join(', ');
  }
}

/** Whether two sets of form values differ (something typed and not saved). */
export function valuesDiffer(a, b) {
  return JSON.stringify(a) !== JSON.stringify(b);
}
