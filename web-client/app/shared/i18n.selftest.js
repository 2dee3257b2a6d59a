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
