// The week view's arithmetic, without the DOM: which visits fall on which day of the ward, and the free
// times of each tablet, from GET /api/wards/{id}/week (docs/staff-api.md, "A ward's free slots and
// week"). Everything is done on instants: the server gives each day's visiting hours as instants
// too, so a day the clocks change (23 or 25 hours long) needs no special case here; only the labels
// are wall-clock times, read in the ward's time zone.
//
// A free time is what is left of a span of visiting hours once every use of the tablet the server
// counts (`tablet.busy`: a visit's slot, up to its end if it ended early; nothing for a visit
// cancelled before its call started) has taken its time and the cleaning buffer on each side, not
// before now, and at least the ward's shortest visit long. The server checks every rule again when booking: a free time here
// only spares a person a refusal.

import { localDate } from './dates.js';

const MINUTE = 60_000;

/**
 * The week as rows of cells: `{days, rows}`; `days[i]` = {date, weekday, hours, today, past};
 * `rows[j]` = {tablet, bookable, cells}, `cells[i]` = {date, items}, items by start time, each
 * `{kind: 'visit', start, end, visit}` or `{kind: 'free', start, end}`.
 *
 * @param {object} week the answer of GET /api/wards/{id}/week
 * @param {number} now epoch milliseconds
 */
export function weekLayout(week, now) {
  const zone = week.timeZone || undefined;
  const buffer = (Number(week.cleaningBufferMinutes) || 0) * MINUTE;
  const lengths = (week.lengths || []).filter((n) => Number.isFinite(n) && n > 0);
  const shortest = (lengths.length ? Math.min(...lengths) : 15) * MINUTE;
  const notBefore = Math.floor(now / MINUTE) * MINUTE; // a visit "from now" starts at this minute
  const today = localDate(now, zone);
  const days = (week.days || []).map((d) => ({
    date: d.date, weekday: d.weekday, hours: d.hours || [], today: d.date === today, past: d.date < today,
  }));
  const rows = (week.tablets || []).map((tablet) => {
    const visits = tablet.visits || [];
    const bookable = !tablet.revoked && Boolean(tablet.patient);
    const busy = busyTimes(tablet.busy, buffer);
    const cells = days.map((day) => {
      const items = visits.filter((v) => localDate(v.startsAt, zone) === day.date)
        .map((v) => ({ kind: 'visit', start: v.startsAt, end: v.endsAt, visit: v }));
      if (bookable) {
        for (const span of day.hours) {
          for (const free of freeTimes(span, busy, notBefore, shortest)) items.push({ kind: 'free', ...free });
        }
      }
      items.sort((a, b) => a.start - b.start || (a.kind === 'visit' ? -1 : 1));
      return { date: day.date, items };
    });
    return { tablet, bookable, cells };
  });
  return { days, rows };
}

/**
 * The times a tablet is taken, `[start, end)` in epoch ms, sorted and merged: each of its uses as
 * the server counts them (`{start, end}`), widened by the cleaning buffer on both sides (the booking
 * rule `tablet_busy`).
 */
export function busyTimes(uses, bufferMs) {
  const taken = (uses || []).map((u) => ({ start: u.start - bufferMs, end: u.end + bufferMs }))
    .sort((a, b) => a.start - b.start);
  const merged = [];
  for (const t of taken) {
    const last = merged[merged.length - 1];
    if (last && t.start <= last.end) last.end = Math.max(last.end, t.end);
    else merged.push({ ...t });
  }
  return merged;
}

/**
 * What of one span of visiting hours (`{start, end}`) is free: not taken (`busy`, from busyTimes),
 * not before `notBefore`, each piece at least `minMs` long.
 */
export function freeTimes(span, busy, notBefore, minMs) {
  const out = [];
  let from = Math.max(span.start, notBefore);
  for (const b of busy) {
    if (b.end <= from) continue;
    if (b.start >= span.end) break;
    if (b.start - from >= minMs) out.push({ start: from, end: b.start });
    from = Math.max(from, b.end);
  }
  if (span.end - from >= minMs) out.push({ start: from, end: span.end });
  return out;
}

/**
 * The length to offer first for a free time: the longest of the ward's lengths up to half an hour
 * that fits in it, else the shortest that fits, else the shortest.
 */
export function defaultLength(lengths, freeMs) {
  const sorted = [...(lengths || [])].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const fits = sorted.filter((n) => n * MINUTE <= freeMs);
  const usual = fits.filter((n) => n <= 30);
  if (usual.length) return usual[usual.length - 1];
  return fits.length ? fits[0] : sorted[0];
}
