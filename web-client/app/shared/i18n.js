// Messages in the person's language: the browser's first preferred language when
// Lucarne speaks it, English otherwise (the kiosk then switches to its patient's language).
// Message files: /static/i18n/{lang}.json, flat objects of key -> text, with {name}
// placeholders. The languages Lucarne speaks are listed in /static/i18n/languages.json
// ({"languages": ["en", "fr"]}): a language is added with its message file and its code there.
//
//   const i18n = await initI18n();   // loads, sets <html lang>, fills [data-i18n]
//   t('status.retryIn', {seconds: 4})
//   await switchLanguage('fr');      // the kiosk: its patient's language

/** The languages used until languages.json is read (or when it cannot be). */
export const LANGUAGES = Object.freeze(['en', 'fr']);
export const DEFAULT_LANGUAGE = 'en';
const CODE = /^[a-z]{2,3}$/;

/**
 * The first preferred language's primary subtag when it is one of `available`, else English.
 * @param {string[]} languages the browser's preferences, e.g. ['fr-FR', 'en']
 * @param {string[]} [available] the codes Lucarne speaks
 */
export function pickLanguage(languages, available) {
  const first = String((languages && languages[0]) || '').toLowerCase().split('-')[0];
  return (available || LANGUAGES).includes(first) ? first : DEFAULT_LANGUAGE;
}

/** Reads /static/i18n/languages.json: the codes of the message files; LANGUAGES when it cannot. */
export async function loadLanguages(fetchImpl) {
  try {
    const url = new URL('../i18n/languages.json', import.meta.url);
    const response = await (fetchImpl || globalThis.fetch)(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    const list = (await response.json()).languages;
    if (!Array.isArray(list) || !list.includes(DEFAULT_LANGUAGE) || !list.every((c) => CODE.test(c))) {
      throw new Error('languages.json: "languages" must list codes such as "en", English included');
    }
    return Object.freeze([...list]);
  } catch (e) {
    console.warn(`Lucarne i18n: ${e && e.message}; speaking ${LANGUAGES.join(', ')}`);
    return LANGUAGES;
  }
}

/** Replaces {name} with params.name; unknown placeholders are left as they are. */
export function format(template, params) {
  if (!params) return template;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) =>
    (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

export class Translator {
  /**
   * @param {string} lang 'en' or 'fr'
   * @param {Object<string, string>} messages
   * @param {string} [locale] for dates and times, e.g. 'fr-FR'; defaults to lang
   */
  constructor(lang, messages, locale) {
    this.lang = lang;
    this.locale = locale || lang;
    this._messages = messages || {};
    this._missing = new Set();
  }

  t(key, params) {
    const text = this._messages[key];
    if (typeof text !== 'string') {
      if (!this._missing.has(key)) {
        this._missing.add(key);
        console.warn(`Lucarne i18n: no "${this.lang}" text for ${key}`);
      }
      return key;
    }
    return format(text, params);
  }

  /** Fills every [data-i18n] element under root (root included) with its text. */
  apply(root) {
    const elements = [];
    if (root.matches && root.matches('[data-i18n]')) elements.push(root);
    elements.push(...root.querySelectorAll('[data-i18n]'));
    for (const el of elements) el.textContent = this.t(el.getAttribute('data-i18n'));
  }
}

/** Fetches /static/i18n/{lang}.json (resolved next to this module). */
export async function loadMessages(lang, fetchImpl) {
  if (!CODE.test(String(lang))) throw new Error(`unsupported language ${lang}`);
  const url = new URL(`../i18n/${lang}.json`, import.meta.url);
  const response = await (fetchImpl || globalThis.fetch)(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response.json();
}

// Used only when no message file can be loaded, so that the connection status
// still reads as words rather than keys. Must match en.json (checked by
// i18n.selftest.js).
export const FALLBACK_MESSAGES = Object.freeze({
  'status.connecting': 'Connecting…',
  'status.connected': 'Connected',
  'status.reconnecting': 'Connection lost',
  'status.retryIn': 'trying again in {seconds} s',
  'status.retryNow': 'trying again now…',
  'status.offline': 'No network',
});

let current = new Translator(DEFAULT_LANGUAGE, FALLBACK_MESSAGES);
let setup = { doc: null, fetch: null, preferred: '', available: LANGUAGES };

/** Text for key in the language chosen by initI18n (the key itself until then). */
export function t(key, params) {
  return current.t(key, params);
}

/** The translator chosen by initI18n. */
export function translator() {
  return current;
}

/**
 * Picks the language, loads its messages, sets <html lang>, fills [data-i18n]
 * and reveals the page. If the messages cannot be loaded, the English text
 * written in the HTML stays, and that is logged.
 */
export async function initI18n(options) {
  const o = options || {};
  const doc = o.document || globalThis.document;
  const nav = globalThis.navigator || {};
  const languages = o.languages || (nav.languages && nav.languages.length ? nav.languages : [nav.language]);
  const available = await loadLanguages(o.fetch);
  setup = { doc, fetch: o.fetch, preferred: String(languages[0] || ''), available };
  const lang = pickLanguage(languages, available);
  try {
    current = new Translator(lang, await loadMessages(lang, o.fetch), localeFor(lang));
    doc.documentElement.lang = lang;
    current.apply(doc);
  } catch (e) {
    // The English written in the HTML stays; the status uses the fallback.
    console.warn(`Lucarne i18n: could not load "${lang}" messages: ${e && e.message}`);
    current = new Translator(DEFAULT_LANGUAGE, FALLBACK_MESSAGES, DEFAULT_LANGUAGE);
  }
  doc.documentElement.classList.remove('i18n-pending');
  return current;
}

/** The languages read by initI18n. */
export function availableLanguages() {
  return setup.available;
}

/**
 * After initI18n: speaks `lang` from now on (the kiosk, its patient's language), if Lucarne has it:
 * loads its messages, sets <html lang> and fills [data-i18n] again. Returns the translator, which
 * stays as it was when `lang` is not spoken or its messages cannot be loaded (that is logged).
 */
export async function switchLanguage(lang) {
  if (lang === current.lang || !setup.available.includes(lang)) return current;
  try {
    current = new Translator(lang, await loadMessages(lang, setup.fetch), localeFor(lang));
    setup.doc.documentElement.lang = lang;
    current.apply(setup.doc);
  } catch (e) {
    console.warn(`Lucarne i18n: could not load "${lang}" messages: ${e && e.message}`);
  }
  return current;
}

/** The browser's own locale when it is of that language ('en-GB' for 'en'), else the code. */
function localeFor(lang) {
  return setup.preferred.toLowerCase().split('-')[0] === lang ? setup.preferred : lang;
}
