/* Lucarne: is this browser recent enough? A classic script in plain ES5, so that
   it runs where the app's modules cannot. When something is missing it marks
   <html class="unsupported"> and fills #unsupported in the person's language. */
(function () {
  'use strict';
  // What the app's modules rely on; a browser with all of these also has
  // the JavaScript syntax they are written in (ES2018).
  var supported = 'noModule' in document.createElement('script') &&
    'WebSocket' in window &&
    'fetch' in window &&
    typeof globalThis !== 'undefined' &&
    !!window.Element && 'replaceChildren' in Element.prototype &&
    !!window.Intl && !!Intl.DateTimeFormat && 'formatToParts' in Intl.DateTimeFormat.prototype;
  if (supported) return;

  var root = document.documentElement;
  root.className = root.className.replace(/\bi18n-pending\b/, '') + ' unsupported';
  var languages = navigator.languages || [];
  var first = languages[0] || navigator.language || navigator.userLanguage || '';
  var french = /^fr/i.test(first);
  var text = french
    ? 'Ce navigateur est trop ancien pour les visites vidéo. Utilisez une version récente de Chrome, Edge, Firefox ou Safari.'
    : 'This browser is too old for video visits — please use a recent Chrome, Edge, Firefox or Safari.';

  function show() {
    var el = document.getElementById('unsupported');
    if (!el) return;
    while (el.firstChild) el.removeChild(el.firstChild);
    el.appendChild(document.createTextNode(text));
    el.setAttribute('lang', french ? 'fr' : 'en');
    el.removeAttribute('hidden');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
}());
