// A bedside tablet's health and "do not disturb" as the Tablets view shows them (docs/staff-api.md,
// `<tablet>`): when it was last seen, its battery (low under LOW_BATTERY %, charging or not) and app
// version, and "Do not disturb until 14:00". Texts only: tablets.js puts them in the row.

import { addDays, dayAndTime, localDate, timeOfDay, zonedInstant } from './dates.js';

/** Under this battery level (percent) the console shows the battery as low; the server tells consoles when it crosses. */
export const LOW_BATTERY = 20;

/** "64 %", "64 %, charging", or "Battery unknown" where the tablet's browser does not tell. */
export function batteryText(tablet, t) {
  if (typeof tablet.battery !== 'number') return t('staff.tablets.battery.unknown');
  return t(tablet.charging === true ? 'staff.tablets.battery.charging' : 'staff.tablets.battery.level',
    { percent: tablet.battery });
}

/** Whether the battery is low and not charging: what the row marks. */
export function batteryLow(tablet) {
  return typeof tablet.battery === 'number' && tablet.battery < LOW_BATTERY && tablet.charging !== true;
}

/** "Seen 13:52" today, "Seen Tue 5 Mar, 13:52" another day, or "Never seen" (on this server since it started). */
export function lastSeenText(tablet, { t, locale, zone, now }) {
  if (typeof tablet.lastSeenAt !== 'number') return t('staff.tablets.neverSeen');
  return t('staff.tablets.lastSeen', { when: when(tablet.lastSeenAt, locale, zone, now) });
}

/** "Do not disturb until 14:00" (another day: with the day), or '' when it is off. */
export function doNotDisturbText(tablet, { t, locale, zone, now }) {
  if (typeof tablet.doNotDisturbUntil !== 'number') return '';
  return t('staff.tablets.dnd.until', { time: when(tablet.doNotDisturbUntil, locale, zone, now) });
}

/**
 * The `until` the console asks for with "Do not disturb until the next visit": the end of the ward's day; the
 * server ends it sooner, at the start of the tablet's next visit, as the kiosk's button does.
 */
export function untilNextVisit(now, zone) {
  return zonedInstant(addDays(localDate(now, zone), 1), 0, zone);
}

function when(epochMs, locale, zone, now) {
  return localDate(epochMs, zone) === localDate(now, zone) ? timeOfDay(epochMs, locale, zone)
    : dayAndTime(epochMs, locale, zone);
}
