// When a message was sent, in words the reader's calendar understands: "today 14:05",
// "yesterday 09:30", "Monday 16:15" within the week, "12 March, 11:00" before that. Days are
// counted in the device's time zone, so "today" becomes "yesterday" at midnight.

const DAY_MS = 86400000;

/** "09:05" in a 24-hour locale, "9:05 AM" in a 12-hour one (as the kiosk's clock.js writes it). */
export function clockTime(date, locale) {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  const hour = cycle === 'h23' || cycle === 'h24' ? '2-digit' : 'numeric';
  return new Intl.DateTimeFormat(locale, { hour, minute: '2-digit' }).format(date);
}

/**
 * @param {number} sentAt ms since 1970
 * @param {number} now ms since 1970
 * @param {string} locale e.g. 'fr-FR'
 * @param {(key: string, params?: object) => string} t messages.when.* in the page's language
 * @param {(date: Date, locale: string) => string} [timeText] the time of day, clockTime by default
 */
export function sentAtText(sentAt, now, locale, t, timeText = clockTime) {
  const sent = new Date(sentAt);
  const time = timeText(sent, locale);
  const days = daysBetween(sent, new Date(now));
  if (days <= 0) return t('messages.when.today', { time });
  if (days === 1) return t('messages.when.yesterday', { time });
  if (days < 7) {
    const day = new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(sent);
    return t('messages.when.weekday', { day, time });
  }
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' }).format(sent);
  return t('messages.when.date', { date, time });
}

/** Calendar days from a's day to b's day, in local time (daylight saving changes included). */
export function daysBetween(a, b) {
  const dayA = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const dayB = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((dayB - dayA) / DAY_MS);
}
