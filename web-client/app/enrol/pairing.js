// What the pairing screen shows, without DOM: the enrolment code read from the page's fragment
// (`#code=1234-5678&expires=<epoch ms>`, written by `lucarne-kiosk enrol`), the code grouped 4+4, and the
// console's address that opens its approval dialog with the code filled in (docs/kiosk.md).

/** `{code: '1234-5678', digits: '12345678', groups: ['1234', '5678'], expiresAt}` from a fragment, or null. */
export function pairingOfHash(hash) {
  const params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
  const digits = String(params.get('code') || '').replace(/[\s-]/g, '');
  if (!/^[0-9]{8}$/.test(digits)) return null;
  const expires = Number(params.get('expires'));
  const groups = [digits.slice(0, 4), digits.slice(4)];
  return {
    code: groups.join('-'), digits, groups,
    expiresAt: Number.isSafeInteger(expires) && expires > 0 ? expires : null,
  };
}

/** The console's address that opens "Enrol a tablet" with this code: `https://HOST/staff#enrol=12345678`. */
export function approvalUrl(origin, digits) {
  return `${String(origin).replace(/\/+$/, '')}/staff#enrol=${digits}`;
}

/** The other language of the pairing screen's sentence (it is shown in both). */
export function otherLanguage(lang) {
  return lang === 'fr' ? 'en' : 'fr';
}
