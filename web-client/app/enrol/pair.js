// The tablet's pairing screen (pair.html): the enrolment code in very large digits, a QR code of the
// console's approval address, the sentence in both languages and until when the code is valid; "expired"
// once that time has passed. Nothing is sent anywhere: the page only reads its own fragment.
//
// DOM contract: #pair-ready (shown with a code) holding #pair-code > span.pair__group (two groups of four
// digits), #pair-qr > svg[data-modules] (its accessible name says what it opens), #pair-instruction (the
// page's language) and #pair-instruction-other[lang] (the other one), #pair-expiry[data-expired];
// #pair-problem when the fragment has no valid code.

import { browserUnsupported } from '../shared/page.js';
import { initI18n, loadMessages, format } from '../shared/i18n.js';
import { qrSvg } from '../staff/qr.js';
import { approvalUrl, otherLanguage, pairingOfHash } from './pairing.js';

const $ = (id) => document.getElementById(id);

function timeOf(ms, locale) {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

async function start() {
  if (browserUnsupported(document)) return;
  const i18n = await initI18n();
  const t = (key, params) => i18n.t(key, params);
  const pairing = pairingOfHash(globalThis.location.hash);
  if (!pairing) {
    $('pair-problem').hidden = false;
    return;
  }
  const codeEl = $('pair-code');
  codeEl.replaceChildren(...pairing.groups.map((group) => {
    const span = document.createElement('span');
    span.className = 'pair__group';
    span.textContent = group;
    return span;
  }));
  codeEl.setAttribute('aria-label', pairing.digits.split('').join(' '));
  $('pair-qr').replaceChildren(qrSvg(document, approvalUrl(globalThis.location.origin, pairing.digits), t('enrol.qrLabel')));
  const other = otherLanguage(i18n.lang);
  try {
    const messages = await loadMessages(other);
    const line = $('pair-instruction-other');
    line.lang = other;
    line.textContent = format(messages['enrol.instruction'] || '');
  } catch (e) {
    console.warn(`Lucarne: the ${other} sentence could not be loaded: ${e && e.message}`);
  }
  showExpiry(pairing, t, i18n.locale);
  $('pair-ready').hidden = false;
}

/** "Valid until 14:35", then "This code has expired" when that time comes (read again each minute). */
function showExpiry(pairing, t, locale) {
  const line = $('pair-expiry');
  if (!pairing.expiresAt) {
    line.textContent = t('enrol.validFor');
    return;
  }
  const update = () => {
    const expired = Date.now() >= pairing.expiresAt;
    line.dataset.expired = String(expired);
    line.textContent = expired ? t('enrol.expired') : t('enrol.validUntil', { time: timeOf(pairing.expiresAt, locale) });
    if (!expired) setTimeout(update, Math.min(60000, Math.max(1000, pairing.expiresAt - Date.now())));
  };
  update();
}

start();
