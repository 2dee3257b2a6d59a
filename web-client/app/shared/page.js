// What every entry page does first: language, connection status, signaling.
//
//   const page = await startPage({app: 'family', offlineHintKey: 'status.offlineHint.family'});
//   page.t(key, params); page.client.send(message); page.locale
//   await page.switchLanguage('fr');  // then page.t and page.locale() speak French
//
// With `connect: false` the socket is left closed until the page calls page.client.start()
// (the staff console: the server refuses a staff hello without a signed-in session).

import { initI18n, switchLanguage, translator } from './i18n.js';
import { ConnectionStatus } from './connection-status.js';
import { SignalingClient } from './signaling.js';
import { APP_VERSION } from './version.js';

/** True when support.js found the browser too old (it then shows the message). */
export function browserUnsupported(doc) {
  return (doc || document).documentElement.classList.contains('unsupported');
}

/**
 * @param {object} options
 * @param {'family'|'kiosk'|'staff'} options.app
 * @param {string} [options.offlineHintKey]
 * @param {boolean} [options.connect] false to leave the socket closed until client.start()
 * @param {(message: object) => void} [options.onMessage]
 * @param {(state: string, detail: object) => void} [options.onState] after the status shows it
 * @returns {Promise<?{t: Function, locale: string, lang: string, client: SignalingClient, status: ConnectionStatus,
 *   switchLanguage: Function, currentLocale: Function}>} null when the browser is too old; `t` always speaks
 *   the language in use (`switchLanguage` changes it), `locale` and `lang` are those of the start
 */
export async function startPage(options) {
  if (browserUnsupported(document)) return null;
  const i18n = await initI18n();
  const t = (key, params) => translator().t(key, params);
  const status = new ConnectionStatus(document.getElementById('connection'), {
    t,
    offlineHintKey: options.offlineHintKey,
  });
  const client = new SignalingClient({
    app: options.app,
    appVersion: APP_VERSION,
    onState: (state, detail) => {
      status.update(state, detail);
      if (options.onState) options.onState(state, detail);
    },
    onMessage: options.onMessage,
  });
  if (options.connect !== false) client.start();
  return {
    t, locale: i18n.locale, lang: i18n.lang, client, status,
    switchLanguage: async (lang) => (await switchLanguage(lang)).lang,
    currentLocale: () => translator().locale,
  };
}
