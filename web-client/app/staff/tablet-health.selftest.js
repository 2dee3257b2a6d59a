// Checks of tablet-health.js, run by staff.selftest.js (in Node and in Chromium).

import { LOW_BATTERY, batteryLow, batteryText, doNotDisturbText, lastSeenText, untilNextVisit } from './tablet-health.js';

const t = (key, params) => `${key}${params ? JSON.stringify(params) : ''}`;

/** The i18n keys the module may show: each must be in en.json and fr.json. */
export function tabletHealthMessageKeys() {
  return ['staff.tablets.battery.unknown', 'staff.tablets.battery.level', 'staff.tablets.battery.charging',
    'staff.tablets.neverSeen', 'staff.tablets.lastSeen', 'staff.tablets.appVersion', 'staff.tablets.dnd.until',
    'staff.tablets.dnd.on', 'staff.tablets.dnd.onFor', 'staff.tablets.dnd.off', 'staff.tablets.dnd.offFor',
    'staff.tablets.dnd.onDone', 'staff.tablets.dnd.offDone'];
}

export function runTabletHealthChecks(check) {
  check(batteryText({}, t) === 'staff.tablets.battery.unknown', 'tablet health: no battery reading is unknown');
  check(batteryText({ battery: 64, charging: false }, t) === 'staff.tablets.battery.level{"percent":64}',
    'tablet health: the battery level');
  check(batteryText({ battery: 0, charging: true }, t) === 'staff.tablets.battery.charging{"percent":0}',
    'tablet health: an empty battery charging');
  check(batteryLow({ battery: LOW_BATTERY - 1, charging: false }), 'tablet health: under 20 % is low');
  check(!batteryLow({ battery: LOW_BATTERY, charging: false }), 'tablet health: 20 % is not low');
  check(!batteryLow({ battery: 5, charging: true }), 'tablet health: a low battery charging is not marked');
  check(!batteryLow({ battery: null }), 'tablet health: an unknown battery is not low');

  const zone = 'Europe/Paris';
  const now = Date.UTC(2026, 11, 4, 9, 0); // 10:00 in Paris
  const shown = { t, locale: 'fr', zone, now };
  check(lastSeenText({ lastSeenAt: null }, shown) === 'staff.tablets.neverSeen', 'tablet health: never seen');
  check(lastSeenText({ lastSeenAt: Date.UTC(2026, 11, 4, 8, 52) }, shown) === 'staff.tablets.lastSeen{"when":"09:52"}',
    'tablet health: seen today, at a time of the hospital\'s zone');
  check(/^staff\.tablets\.lastSeen\{"when":".+09:52"\}$/.test(lastSeenText({ lastSeenAt: Date.UTC(2026, 11, 3, 8, 52) }, shown)),
    'tablet health: seen another day, with the day');
  check(doNotDisturbText({ doNotDisturbUntil: null }, shown) === '', 'tablet health: no text while calls ring');
  check(doNotDisturbText({ doNotDisturbUntil: Date.UTC(2026, 11, 4, 13, 0) }, shown)
    === 'staff.tablets.dnd.until{"time":"14:00"}', 'tablet health: do not disturb until 14:00');
  check(untilNextVisit(now, zone) === Date.UTC(2026, 11, 4, 23, 0), 'tablet health: until the end of the ward\'s day');
  check(untilNextVisit(Date.UTC(2026, 11, 4, 23, 30), zone) === Date.UTC(2026, 11, 5, 23, 0),
    'tablet health: after midnight in Paris, the next day ends it');
}
