// Days and times as a ward sees them. A day is an ISO date `YYYY-MM-DD` (the `date` of
// docs/staff-api.md). Days and times are the hospital's: each function takes the time zone the
// server gives in the session (`timeZone`, e.g. `Europe/Paris`); without one, this computer's.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text) {
  const m = ISO_DATE.exec(String(text));
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1
    && d.getUTCDate() === Number(m[3]);
}

/** The calendar date of an instant (epoch milliseconds) in `timeZone` (or this computer's), `YYYY-MM-DD`. */
export function localDate(epochMs, timeZone) {
  if (!timeZone) {
    const d = new Date(epochMs);
    return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
  }
  const parts = {};
  for (const p of new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return `${pad(Number(parts.year), 4)}-${parts.month}-${parts.day}`;
}

/** The date `days` after (or before, when negative) an ISO date; month and year ends included. */
export function addDays(isoDate, days) {
  if (!isIsoDate(isoDate)) throw new Error(`not a date: ${isoDate}`);
  const [y, m, d] = isoDate.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** "Tuesday 5 March 2024" in the person's language. */
export function longDate(isoDate, locale) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "14:30" (or "2:30 PM" where that is the custom), in `timeZone`. */
export function timeOfDay(epochMs, locale, timeZone) {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: timeZone || undefined })
    .format(new Date(epochMs));
}

/** "Tue 5 Mar, 14:30": a visit on another day, in `timeZone`. */
export function dayAndTime(epochMs, locale, timeZone) {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: timeZone || undefined,
  }).format(new Date(epochMs));
}

/** "05/03/2024 14:30:05": for the audit trail, where the second matters, in `timeZone`. */
export function dateTime(epochMs, locale, timeZone) {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    timeZone: timeZone || undefined,
  }).format(new Date(epochMs));
}

/** "Mon 23 Mar": a day of the week view, in the person's language. */
export function shortDate(isoDate, locale) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Sun 6 Dec 2026": the last day of a week, with its year. */
export function mediumDate(isoDate, locale) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** The Monday of the week of an ISO date (ISO 8601 weeks start on Monday). */
export function mondayOf(isoDate) {
  if (!isIsoDate(isoDate)) throw new Error(`not a date: ${isoDate}`);
  const [y, m, d] = isoDate.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(isoDate, -((weekday + 6) % 7));
}

/**
 * A time of day as a person types it — "14:30", "14h30", "14 h", "9.05", "0930" — in minutes from
 * midnight, or null when it is not one.
 */
export function parseTime(text) {
  const s = String(text || '').trim().toLowerCase();
  const m = /^(\d{1,2})\s*(?:[:h.]\s*(\d{2})?)?$/.exec(s) || /^(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** "14:05" for 845 minutes: what parseTime reads back. */
export function timeText(minutes) {
  return `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}

/** Minutes from midnight of an instant on the wall clock of `timeZone` (or this computer's). */
export function minutesOfDay(epochMs, timeZone) {
  const p = wallClock(epochMs, timeZone);
  return p.hour * 60 + p.minute;
}

/**
 * The instant at which the wall clock of `timeZone` shows `minutes` past midnight on `isoDate`, as
 * java.time's ZonedDateTime.of reads it: in the hour the clocks go back, the earlier of the two
 * (summer time); in the hour they skip, the same length of time later (02:30 → 03:30).
 */
export function zonedInstant(isoDate, minutes, timeZone) {
  if (!isIsoDate(isoDate)) throw new Error(`not a date: ${isoDate}`);
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!timeZone) return new Date(y, m - 1, d, 0, minutes).getTime(); // this computer's rules, the same reading
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  const day = 86_400_000;
  const before = wall - offsetAt(wall - day, timeZone);
  if (offsetAt(before, timeZone) === wall - before) return before;
  const after = wall - offsetAt(wall + day, timeZone);
  if (offsetAt(after, timeZone) === wall - after) return after;
  return before; // a time the clocks skip: read with the offset before the change, so it falls after it
}

/** How far the wall clock of `timeZone` is ahead of UTC at an instant, in milliseconds. */
export function offsetAt(epochMs, timeZone) {
  const p = wallClock(epochMs, timeZone);
  const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

function wallClock(epochMs, timeZone) {
  if (!timeZone) {
    const d = new Date(epochMs);
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
  }
  const out = {};
  for (const p of new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

function pad(n, width) {
  return String(n).padStart(width, '0');
}
