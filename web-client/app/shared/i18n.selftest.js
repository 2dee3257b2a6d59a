// Checks the message files against each other and the pure parts of i18n.js.
// Runs in Node and in a browser; the caller loads the two JSON files.
//
//   runMessageChecks(en, fr) -> [] when all pass, else one line per failure.

import { pickLanguage, format, FALLBACK_MESSAGES } from './i18n.js';

export function runMessageChecks(en, fr) {
  const failures = [];
  const files = { en, fr };
  for (const [lang, messages] of Object.entries(files)) {
    if (!messages || typeof messages !== 'object') {
      failures.push(`${lang}: not an object`);
      return failures;
    }
    for (const [key, text] of Object.entries(messages)) {
      if (typeof text !== 'string' || text.trim() === '') failures.push(`${lang} ${key}: empty or not a string`);
      else if (text.includes('...')) failures.push(`${lang} ${key}: use … rather than ...`);
      else if (text.includes("'")) failures.push(`${lang} ${key}: use ’ rather than '`);
    }
  }
  for (const [a, b] of [['en', 'fr'], ['fr', 'en']]) {
    for (const key of Object.keys(files[a])) {
      if (!(key in files[b])) failures.push(`${key}: in ${a}.json but not in ${b}.json`);
    }
  }
  for (const key of Object.keys(en)) {
    if (!(key in fr)) continue;
    const pe = placeholders(en[key]);
    const pf = placeholders(fr[key]);
    if (pe !== pf) failures.push(`${key}: placeholders differ (en: ${pe}, fr: ${pf})`);
  }
  for (const [key, text] of Object.entries(FALLBACK_MESSAGES)) {
    if (en[key] !== text) failures.push(`FALLBACK_MESSAGES ${key}: differs from en.json`);
  }
  const picks = [
    [['fr-FR', 'en'], 'fr'], [['fr'], 'fr'], [['FR-ca'], 'fr'], [['en-GB', 'fr'], 'en'],
    [['de-DE'], 'en'], [[], 'en'], [undefined, 'en'],
  ];
  for (const [languages, expected] of picks) {
    const got = pickLanguage(languages);
    if (got !== expected) failures.push(`pickLanguage(${JSON.stringify(languages)}): got ${got}, expected ${expected}`);
  }
  const formatted = format('in {seconds} s, {missing}', { seconds: 4 });
  if (formatted !== 'in 4 s, {missing}') failures.push(`format: got ${formatted}`);
  return failures;
}

function placeholders(text) {
  return (String(text).match(/\{[A-Za-z0-9_]+\}/g) || []).sort().join(',');
}

/**
 * Languages come from languages.json: one added there (German, here only in this check, with a message
 * file served by a fake fetch) is picked from the browser's preferences and spoken when the kiosk
 * switches to its patient's language; a language not listed is not. Runs on a fresh instance of
 * i18n.js (the query string), so that the page's own language stays as it is.
 */
export async function runLanguageChecks() {
  const failures = [];
  const i18n = await import(`./i18n.js?checks=${Math.random()}`);
  const files = {
    'languages.json': { languages: ['en', 'fr', 'de'] },
    'en.json': { 'kiosk.notNow': 'Not now' },
    'de.json': { 'kiosk.notNow': 'Nicht jetzt' },
  };
  const fetch = async (url) => {
    const name = String(url).split('/').pop();
    return name in files
      ? { ok: true, status: 200, json: async () => files[name] }
      : { ok: false, status: 404, json: async () => ({}) };
  };
  const button = { textContent: '', getAttribute: () => 'kiosk.notNow' };
  const doc = {
    documentElement: { lang: '', classList: { remove() {} } },
    querySelectorAll: () => [button],
  };
  const expect = (ok, what) => { if (!ok) failures.push(`languages: ${what}`); };

  expect(i18n.pickLanguage(['de-AT', 'en'], files['languages.json'].languages) === 'de', 'de-AT picks de once listed');
  expect(i18n.pickLanguage(['de-AT', 'en']) === 'en', 'de-AT picks en when only en and fr are known');
  const first = await i18n.initI18n({ document: doc, fetch, languages: ['en-GB'] });
  expect(first.lang === 'en' && first.locale === 'en-GB', `the browser's language first: ${first.lang} ${first.locale}`);
  expect(i18n.availableLanguages().join() === 'en,fr,de', `listed: ${i18n.availableLanguages()}`);
  const de = await i18n.switchLanguage('de');
  expect(de.lang === 'de' && de.locale === 'de', `switched to ${de.lang} ${de.locale}`);
  expect(i18n.t('kiosk.notNow') === 'Nicht jetzt', `t speaks German: ${i18n.t('kiosk.notNow')}`);
  expect(doc.documentElement.lang === 'de' && button.textContent === 'Nicht jetzt', 'the page is drawn again in German');
  const unlisted = await i18n.switchLanguage('xx');
  expect(unlisted.lang === 'de', `an unlisted language changes nothing: ${unlisted.lang}`);
  return failures;
}
