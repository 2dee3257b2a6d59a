// The safety code of this device and another (docs/e2ee.md, "Safety codes"), drawn for people: the
// 6-digit short code large, to read aloud during a call, and on request the 60 digits as 12 groups of
// 5, with plain words; and the banner shown when someone's code changed. The codes themselves come from
// shared/e2ee/safety.js; this module only draws them. Elements are built with DOM calls (no markup).
//
//   const view = new SafetyCodeView(element, { t, headingLevel: 2 });
//   view.render({ device, name: 'Marie Dupont', peer: 'tablet' | 'person', shortCode: '123456', fullCode: '<60 digits>' });
//   renderCodeWarnings(list, [{ device, name }], { t, onSeen: (device) => … });

const SHORT = /^[0-9]{6}$/;
const FULL = /^[0-9]{60}$/;

/** The 60 digits as 12 groups of 5; throws on anything but 60 digits. */
export function fullCodeGroups(code) {
  if (!FULL.test(code)) throw new TypeError('a safety code is 60 digits');
  return code.match(/[0-9]{5}/g);
}

/** The 6 digits as two groups of three ("123 456"), easier to read aloud; throws on anything else. */
export function shortCodeGroups(code) {
  if (!SHORT.test(code)) throw new TypeError('a short safety code is 6 digits');
  return [code.slice(0, 3), code.slice(3)];
}

/** What a screen reader says for digits: one at a time ("1 2 3 4 5 6"). */
export function digitsOneByOne(digits) {
  return digits.split('').join(' ');
}

export class SafetyCodeView {
  /**
   * @param {HTMLElement} root where the view is drawn (emptied first)
   * @param {{t: (key: string, params?: object) => string, headingLevel?: number}} o
   */
  constructor(root, o) {
    this._root = root;
    this._t = o.t;
    this._level = o.headingLevel || 2;
    this._shown = false;
    this._code = null;
  }

  /** @param {{device: string, name: string, peer: 'tablet'|'person', shortCode: string, fullCode: string}} code */
  render(code) {
    const short = shortCodeGroups(code.shortCode);
    const groups = fullCodeGroups(code.fullCode);
    if (!this._code || this._code.device !== code.device) this._shown = false;
    this._code = code;
    const t = this._t;
    const doc = this._root.ownerDocument;
    const el = (tag, cls, text) => {
      const e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const box = el('div', 'safety');
    box.dataset.device = code.device;
    const title = el(`h${this._level}`, 'safety__title', t('safety.title', { name: code.name }));
    title.id = `safety-title-${this._root.id || 'view'}`;
    box.setAttribute('aria-labelledby', title.id);
    box.setAttribute('role', 'group');

    const shortEl = el('p', 'safety__short');
    shortEl.dataset.code = code.shortCode;
    shortEl.append(el('span', 'visually-hidden safety__spoken', t('safety.shortLabel', { digits: digitsOneByOne(code.shortCode) })));
    for (const g of short) {
      const span = el('span', 'safety__short-group', g);
      span.setAttribute('aria-hidden', 'true');
      shortEl.append(span);
    }
    const words = el('p', 'safety__words', t(code.peer === 'tablet' ? 'safety.sameOnTablet' : 'safety.sameOnScreen',
      { name: code.name }));

    const more = el('button', 'safety__more', t(this._shown ? 'safety.hideFull' : 'safety.showFull'));
    more.type = 'button';
    more.setAttribute('aria-expanded', String(this._shown));
    const full = el('ol', 'safety__full');
    full.id = `safety-full-${this._root.id || 'view'}`;
    more.setAttribute('aria-controls', full.id);
    full.setAttribute('aria-label', t('safety.fullLabel'));
    full.hidden = !this._shown;
    for (const g of groups) {
      const li = el('li', 'safety__group', g);
      li.setAttribute('aria-label', digitsOneByOne(g));
      full.append(li);
    }
    const fullWords = el('p', 'safety__full-words', t('safety.fullWords', { name: code.name }));
    fullWords.hidden = !this._shown;
    more.addEventListener('click', () => {
      this._shown = !this._shown;
      this.render(this._code);
      const again = this._root.querySelector('.safety__more');
      if (again) again.focus();
    });
    box.append(title, shortEl, words, more, fullWords, full);
    this._root.replaceChildren(box);
  }

  clear() {
    this._code = null;
    this._root.replaceChildren();
  }
}

/**
 * The banners "Jean's security code changed. Check it with Jean during your next call.", one per
 * device, each with "I understand" (onSeen(device): a message to that device may then go, docs/e2ee.md
 * "Key change and removal"). Draws into `list` (emptied first); hides it when there is none.
 * @param {HTMLElement} list
 * @param {{device: string, name: string}[]} changed
 * @param {{t: Function, onSeen: (device: string) => void}} o
 */
export function renderCodeWarnings(list, changed, o) {
  const doc = list.ownerDocument;
  const items = changed.map((c) => {
    const box = doc.createElement('div');
    box.className = 'safety-warning';
    box.dataset.device = c.device;
    box.setAttribute('role', 'alert');
    const text = doc.createElement('p');
    text.className = 'safety-warning__text';
    text.textContent = o.t('safety.changed', { name: c.name });
    text.id = `safety-warning-${c.device}`;
    const ok = doc.createElement('button');
    ok.type = 'button';
    ok.className = 'safety-warning__seen';
    ok.textContent = o.t('safety.changedSeen');
    ok.setAttribute('aria-describedby', text.id);
    ok.addEventListener('click', () => o.onSeen(c.device));
    box.append(text, ok);
    return box;
  });
  list.replaceChildren(...items);
  list.hidden = items.length === 0;
}
