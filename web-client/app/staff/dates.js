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

function pad(n, width) {
  return String(n).padStart(width, '0');
}
