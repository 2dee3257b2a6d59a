// Self-checks of the ward settings' pure module (settings-rules.js): the form's values from an answer,
// spans added and removed, the form read into the PUT body, a refusal's field to its input, reminders
// in words. Run by runStaffChecks (staff.selftest.js), in Node and in Chromium.
//
//   cd web-client/app/staff && node --input-type=module -e "
//     import { runSettingsChecks } from './settings.selftest.js';
//     const f = []; runSettingsChecks((ok, what) => { if (!ok) f.push(what); }); console.log(f);"

import {
  COMMON_ZONES, MAX_SPANS_A_DAY, REMINDER_KEYS, SETTINGS_PROBLEMS, WEEKDAYS, addSpan, canChangeSettings, fieldTarget,
  focusAfterRemove, formValues, inputIdOf, listText, minutesList, problemKey, reminderText, removeSpan, settingsBody,
  spansText, timeValue, valuesDiffer,
} from './settings-rules.js';

/** docs/staff-api.md, "Ward settings": `<settings>`. */
const ANSWER = Object.freeze({
  ward: { id: 'icu', name: 'ICU' }, defaults: false, timeZone: 'Europe/Paris',
  visitingHours: {
    monday: [{ opens: '10:00', closes: '12:00' }, { opens: '14:00', closes: '20:00' }],
    tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [{ opens: '08:00', closes: '24:00' }],
  },
  visitLengthMinutes: [15, 30, 45, 60], cleaningBufferMinutes: 15, dailyCap: 3, reminderMinutes: [1440, 15],
  updatedAt: 1772359200000, updatedBy: { id: 'u1', name: 'Alice Martin' },
});

export function runSettingsChecks(check) {
  valueChecks(check);
  spanChecks(check);
  bodyChecks(check);
  fieldChecks(check);
  wordChecks(check);
}

/** Every message key the settings view can ask for. */
export function settingsMessageKeys() {
  const keys = [...REMINDER_KEYS, ...SETTINGS_PROBLEMS.map((kind) => problemKey({ kind }))];
  for (const day of WEEKDAYS) keys.push(`staff.settings.day.${day}`);
  for (const k of ['timeZone', 'hours', 'lengths', 'buffer', 'cap', 'reminders', 'lengthsText', 'minutesText', 'noBuffer',
    'capText', 'dayLabel', 'noVisits', 'noReminder', 'updated', 'add', 'addFor', 'remove', 'removeFor', 'spanOf', 'opens', 'closes',
    'saved', 'savedNow', 'forbidden']) keys.push(`staff.settings.${k}`);
  return keys;
}

function valueChecks(check) {
  const v = formValues(ANSWER);
  check(v.timeZone === 'Europe/Paris' && v.lengths === '15, 30, 45, 60' && v.buffer === '15' && v.cap === '3'
    && v.reminders === '1440, 15', `formValues: the simple fields as text: ${JSON.stringify(v)}`);
  check(v.hours.monday.length === 2 && v.hours.monday[1].closes === '20:00' && v.hours.tuesday.length === 0
    && WEEKDAYS.every((d) => Array.isArray(v.hours[d])), 'formValues: every day, its spans');
  check(formValues({ ...ANSWER, reminderMinutes: [], cleaningBufferMinutes: 0 }).reminders === ''
    && formValues({ ...ANSWER, cleaningBufferMinutes: 0 }).buffer === '0', 'formValues: no reminder is empty, a buffer of 0 is "0"');
  v.hours.monday[0].opens = '09:00';
  check(ANSWER.visitingHours.monday[0].opens === '10:00', 'formValues: a copy, the answer untouched');
  check(!valuesDiffer(formValues(ANSWER), formValues(ANSWER)) && valuesDiffer(v, formValues(ANSWER)), 'valuesDiffer');
  check(canChangeSettings('ward_manager') && canChangeSettings('admin') && !canChangeSettings('nurse') && !canChangeSettings(undefined),
    'canChangeSettings: ward managers and admins (ward_settings.change)');
  for (const z of ['Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'Pacific/Noumea', 'America/Martinique']) {
    check(COMMON_ZONES.includes(z), `COMMON_ZONES offers ${z}`);
  }
  for (const z of COMMON_ZONES) {
    let ok = true;
    try {
      new Intl.DateTimeFormat('en', { timeZone: z }).format(0);
    } catch (e) {
      ok = false;
    }
    check(ok, `COMMON_ZONES: ${z} is a time zone this browser knows`);
  }
}

function spanChecks(check) {
  const two = [{ opens: '10:00', closes: '12:00' }, { opens: '14:00', closes: '20:00' }];
  const three = addSpan(two);
  check(three.length === 3 && three[2].opens === '' && three[2].closes === '' && two.length === 2, 'addSpan: an empty span at the end, a new list');
  check(addSpan([]).length === 1, 'addSpan: a day without visits gets its first span');
  const full = Array.from({ length: MAX_SPANS_A_DAY }, () => ({ opens: '', closes: '' }));
  check(addSpan(full).length === MAX_SPANS_A_DAY, 'addSpan: not past the server’s 12 a day');
  const left = removeSpan(two, 0);
  check(left.length === 1 && left[0].opens === '14:00' && two.length === 2, 'removeSpan: the others kept, in order');
  check(removeSpan(two, 5).length === 2, 'removeSpan: an index not there changes nothing');
  check(focusAfterRemove(1, 0) === -1, 'focusAfterRemove: the last span gone, the cursor on Add hours');
  check(focusAfterRemove(3, 1) === 1 && focusAfterRemove(3, 2) === 1 && focusAfterRemove(2, 0) === 0,
    'focusAfterRemove: the span now in its place, or the one before');
}

function bodyChecks(check) {
  const values = formValues(ANSWER);
  values.hours.sunday = [{ opens: ' 9h ', closes: '12:30' }, { opens: '14', closes: '24h' }];
  values.lengths = '15,30 45;60';
  values.reminders = ' ';
  values.buffer = ' 20 ';
  const { body, problems } = settingsBody(values);
  check(problems.length === 0, `settingsBody: no problem: ${JSON.stringify(problems)}`);
  check(JSON.stringify(Object.keys(body)) === JSON.stringify(['timeZone', 'visitingHours', 'visitLengthMinutes',
    'cleaningBufferMinutes', 'dailyCap', 'reminderMinutes']), 'settingsBody: exactly the six fields of the PUT');
  check(JSON.stringify(body.visitingHours.sunday) === JSON.stringify([{ opens: '09:00', closes: '12:30' }, { opens: '14:00', closes: '24:00' }]),
    `settingsBody: times as the server reads them: ${JSON.stringify(body.visitingHours.sunday)}`);
  check(JSON.stringify(Object.keys(body.visitingHours)) === JSON.stringify(WEEKDAYS) && body.visitingHours.tuesday.length === 0,
    'settingsBody: every day, [] for a day without visits');
  check(JSON.stringify(body.visitLengthMinutes) === '[15,30,45,60]' && body.cleaningBufferMinutes === 20 && body.dailyCap === 3
    && Array.isArray(body.reminderMinutes) && body.reminderMinutes.length === 0, 'settingsBody: numbers, no reminder as []');
  const odd = settingsBody({ ...formValues(ANSWER), hours: { monday: [{ opens: 'noon', closes: '25:00' }] } });
  check(odd.problems.length === 0 && odd.body.visitingHours.monday[0].opens === 'noon' && odd.body.visitingHours.monday[0].closes === '25:00'
    && odd.body.visitingHours.friday.length === 0, 'settingsBody: a time it cannot read goes as typed, for the server to name');
  const bad = settingsBody({ ...formValues(ANSWER), lengths: '15, half an hour', buffer: '', cap: '-1', reminders: '1440 15' });
  check(JSON.stringify(bad.problems.map((p) => p.field)) === JSON.stringify(['visitLengthMinutes', 'cleaningBufferMinutes', 'dailyCap']),
    `settingsBody: what cannot be sent, in the form's order: ${JSON.stringify(bad.problems)}`);
  check(bad.problems[0].key === 'staff.problem.settings.visitLengthMinutes', 'settingsBody: each problem with its sentence');
  check(timeValue('0930', false) === '09:30' && timeValue('24:00', false) === '24:00' && timeValue('24', true) === '24:00'
    && timeValue('23h59', true) === '23:59', 'timeValue');
  check(JSON.stringify(minutesList('')) === '[]' && minutesList('15, x') === null && JSON.stringify(minutesList(' 5 ,10 ')) === '[5,10]',
    'minutesList');
}

function fieldChecks(check) {
  const cases = [
    ['visitingHours.monday[1].closes', { kind: 'closes', day: 'monday', index: 1 }, 'settings-monday-1-closes'],
    ['visitingHours.sunday[0].opens', { kind: 'opens', day: 'sunday', index: 0 }, 'settings-sunday-0-opens'],
    ['visitingHours.sunday[1]', { kind: 'span', day: 'sunday', index: 1 }, 'settings-sunday-1-closes'],
    ['visitingHours.monday[0].start', { kind: 'span', day: 'monday', index: 0 }, 'settings-monday-0-closes'],
    ['visitingHours.monday', { kind: 'day', day: 'monday' }, 'settings-day-monday'],
    ['visitingHours.funday', { kind: 'day', day: 'monday' }, 'settings-day-monday'],
    ['visitingHours', { kind: 'day', day: 'monday' }, 'settings-day-monday'],
    ['timeZone', { kind: 'timeZone' }, 'settings-time-zone'],
    ['visitLengthMinutes', { kind: 'visitLengthMinutes' }, 'settings-lengths'],
    ['cleaningBufferMinutes', { kind: 'cleaningBufferMinutes' }, 'settings-buffer'],
    ['dailyCap', { kind: 'dailyCap' }, 'settings-cap'],
    ['reminderMinutes', { kind: 'reminderMinutes' }, 'settings-reminders'],
  ];
  for (const [field, target, id] of cases) {
    const got = fieldTarget(field);
    check(JSON.stringify(got) === JSON.stringify(target), `fieldTarget(${field}): ${JSON.stringify(got)}`);
    check(got && inputIdOf(got) === id, `inputIdOf(${field}): ${got && inputIdOf(got)}`);
    check(got && SETTINGS_PROBLEMS.includes(got.kind), `fieldTarget(${field}): a kind with a sentence`);
  }
  for (const field of [null, undefined, '', 'ward', 'defaults', 'visitingHours.monday[x]', 'timeZone.id']) {
    check(fieldTarget(field) === null, `fieldTarget(${field}): not a field of the form`);
  }
  check(problemKey({ kind: 'span' }) === 'staff.problem.settings.span', 'problemKey');
}

function wordChecks(check) {
  const words = (m) => {
    const r = reminderText(m);
    return `${r.key} ${JSON.stringify(r.params)}`;
  };
  check(words(1440) === 'staff.settings.before.hours {"n":24}', `1440: 24 hours before: ${words(1440)}`);
  check(words(15) === 'staff.settings.before.minutes {"n":15}', `15 minutes before: ${words(15)}`);
  check(words(1) === 'staff.settings.before.minute {"n":1}' && words(60) === 'staff.settings.before.hour {"n":1}', 'one minute, one hour');
  check(words(90) === 'staff.settings.before.hoursMinutes {"hours":1,"minutes":30}', `90: ${words(90)}`);
  check(words(10080) === 'staff.settings.before.days {"n":7}' && words(2880) === 'staff.settings.before.days {"n":2}', 'whole days past one');
  check(words(120) === 'staff.settings.before.hours {"n":2}', `120: ${words(120)}`);
  for (const m of [1, 15, 60, 90, 1440, 2880, 10080]) check(REMINDER_KEYS.includes(reminderText(m).key), `reminderText(${m}): a known key`);
  check(spansText(ANSWER.visitingHours.monday) === '10:00–12:00, 14:00–20:00' && spansText([]) === '', 'spansText');
  check(listText([15, 30, 45], 'en') === '15, 30, and 45' || listText([15, 30, 45], 'en') === '15, 30 and 45', `listText en: ${listText([15, 30, 45], 'en')}`);
  check(listText([15, 30], 'fr') === '15 et 30', `listText fr: ${listText([15, 30], 'fr')}`);
}
