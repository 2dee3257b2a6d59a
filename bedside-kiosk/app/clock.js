// The kiosk's big clock: time, date and part of the day, refreshed on each
// new minute. Helps a patient who has lost track of time in hospital.

/** 'night' (22–6 h), 'morning' (6–12 h), 'afternoon' (12–18 h) or 'evening' (18–22 h). */
export function partOfDay(hour) {
  if (hour >= 6 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'afternoon';
  if (hour >= 18 && hour < 22) return 'evening';
  return 'night';
}

/** Date line with a capital first letter ("Mardi 12 mars 2025", "Tuesday, March 12, 2025"). */
export function formatDate(date, locale) {
  const text = new Intl.DateTimeFormat(locale, {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
  }).format(date);
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/**
 * Time as parts, so "PM" can be drawn smaller than the digits: "15:42" in a
 * 24-hour locale, "3:42 PM" in a 12-hour one.
 */
export function timeParts(date, locale) {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  const hour = cycle === 'h23' || cycle === 'h24' ? '2-digit' : 'numeric';
  return new Intl.DateTimeFormat(locale, { hour, minute: '2-digit' }).formatToParts(date);
}

/**
 * Starts the clock. Returns a function that stops it.
 * @param {object} o
 * @param {{time: HTMLTimeElement, date: HTMLElement, part: HTMLElement}} o.elements
 * @param {string} o.locale
 * @param {(key: string) => string} o.t
 * @param {() => number} [o.now]
 * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
 * @param {() => void} [o.onMinute] after each new minute is drawn (the idle screen's "today" and "tomorrow")
 */
export function startClock(o) {
  const now = o.now || (() => Date.now());
  const timers = o.timers || globalThis;
  const { time, date, part } = o.elements;
  let timer = null;

  const render = () => {
    const d = new Date(now());
    const doc = time.ownerDocument;
    // The space before AM/PM goes into the small part too, or it is drawn huge.
    const parts = timeParts(d, o.locale);
    const nodes = [];
    parts.forEach((p, i) => {
      const next = parts[i + 1];
      if (p.type === 'literal' && next && next.type === 'dayPeriod') return;
      if (p.type !== 'dayPeriod') {
        nodes.push(doc.createTextNode(p.value));
        return;
      }
      const small = doc.createElement('span');
      small.className = 'kiosk__ampm';
      const before = parts[i - 1];
      small.textContent = (before && before.type === 'literal' ? before.value : '') + p.value;
      nodes.push(small);
    });
    time.replaceChildren(...nodes);
    time.dateTime = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    date.textContent = formatDate(d, o.locale);
    part.textContent = o.t(`kiosk.${partOfDay(d.getHours())}`);
    if (o.onMinute) o.onMinute();
  };

  const schedule = () => {
    // Just after the next minute starts.
    timer = timers.setTimeout(() => { render(); schedule(); }, 60000 - (now() % 60000) + 20);
  };

  const onVisible = () => {
    if (time.ownerDocument.visibilityState !== 'visible') return;
    timers.clearTimeout(timer);
    render();
    schedule();
  };

  render();
  schedule();
  time.ownerDocument.addEventListener('visibilitychange', onVisible);
  return () => {
    timers.clearTimeout(timer);
    time.ownerDocument.removeEventListener('visibilitychange', onVisible);
  };
}

function pad(n) {
  return String(n).padStart(2, '0');
}
