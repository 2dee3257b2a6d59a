// The idle screen's words beyond the clock: the ward's name, the next video visit
// ("Jean — today 14:00", "tomorrow", a weekday within the week, a date after that) and,
// while the tablet is not connected, a large sentence saying so, why, and that it keeps trying.
// The DOM contract is in ../README.md.

import { timeParts } from './clock.js';
import { listOf } from './names.js';

const DAY_MS = 86400000;
const FIT_LEVELS = 6;

/**
 * "Jean Dupont and Léa Martin — today 14:00", in the page's language; null when nothing is booked.
 * Days are counted on the tablet's calendar (its time zone), so "tomorrow" starts at midnight.
 * @param {?{startsAt: number, names: string[]}} next
 * @param {number} now ms since the epoch
 * @param {string} locale
 * @param {(key: string, params?: object) => string} t
 */
export function nextVisitText(next, now, locale, t) {
  if (!next) return null;
  const start = new Date(next.startsAt);
  const names = next.names.length > 0 ? listOf(next.names, locale) : t('kiosk.next.nobody');
  const time = timeParts(start, locale).map((p) => p.value).join('');
  const days = daysBetween(new Date(now), start);
  if (days <= 0) return t('kiosk.next.today', { names, time });
  if (days === 1) return t('kiosk.next.tomorrow', { names, time });
  if (days < 7) {
    const day = new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(start);
    return t('kiosk.next.weekday', { names, time, day });
  }
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' }).format(start);
  return t('kiosk.next.date', { names, time, date });
}

/** Calendar days from a's day to b's day, in local time (daylight saving changes included). */
function daysBetween(a, b) {
  const dayA = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const dayB = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((dayB - dayA) / DAY_MS);
}

/**
 * Why the tablet is not connected, as i18n keys: the network ('offline': the browser says it has
 * none) or the server ('reconnecting'); null while connected or on the first try.
 */
export function offlineKeys(signaling) {
  if (signaling === 'offline') return ['kiosk.offline.title', 'kiosk.offline.network', 'kiosk.offline.retry'];
  if (signaling === 'reconnecting') return ['kiosk.offline.title', 'kiosk.offline.server', 'kiosk.offline.retry'];
  return null;
}

export class IdleScreen {
  /**
   * @param {Document} doc
   * @param {{t: Function, locale: () => string, now?: () => number}} o
   */
  constructor(doc, o) {
    this._o = o;
    this._now = o.now || (() => Date.now());
    const $ = (id) => doc.getElementById(id);
    this._el = {
      now: doc.querySelector('#kiosk-idle .kiosk__now'),
      ward: $('kiosk-ward'),
      next: $('kiosk-next'),
      nextText: $('kiosk-next-text'),
      offline: $('kiosk-offline'),
      offlineTitle: $('kiosk-offline-title'),
      offlineWhy: $('kiosk-offline-why'),
      offlineRetry: $('kiosk-offline-retry'),
    };
    // Text grows with the system's text size: whenever a part of the screen changes size, fit again.
    const View = doc.defaultView;
    if (View && View.ResizeObserver) {
      let pending = false;
      const observer = new View.ResizeObserver(() => {
        if (pending) return;
        pending = true;
        View.requestAnimationFrame(() => { pending = false; this.fit(); });
      });
      observer.observe(this._el.now);
      for (const child of this._el.now.children) observer.observe(child);
    }
  }

  /**
   * Makes the clock smaller, then leaves out the part of the day, the date, the clock and the next visit's heading, until the words fit
   * (data-fit 0 … 6 on .kiosk__now). Layout is read synchronously: the last size that fits is drawn.
   */
  fit() {
    const box = this._el.now;
    if (!box.offsetParent) return; // the idle screen is hidden: fitted when it shows
    let level = 0;
    box.dataset.fit = '0';
    while (level < FIT_LEVELS && box.scrollHeight > box.clientHeight + 1) {
      level += 1;
      box.dataset.fit = String(level);
    }
  }

  render(view) {
    const t = this._o.t;
    const e = this._el;
    setText(e.ward, view.ward || '');
    e.ward.hidden = !view.ward;

    const text = nextVisitText(view.next, this._now(), this._o.locale(), t);
    setText(e.nextText, text || '');
    e.next.hidden = text === null;
    e.next.dataset.visit = view.next ? view.next.visit : '';

    const keys = offlineKeys(view.signaling);
    e.offline.hidden = keys === null;
    e.offline.dataset.why = view.signaling === 'offline' ? 'network' : keys ? 'server' : '';
    if (keys) {
      setText(e.offlineTitle, t(keys[0]));
      setText(e.offlineWhy, t(keys[1]));
      setText(e.offlineRetry, t(keys[2]));
    }
    this.fit();
  }
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
