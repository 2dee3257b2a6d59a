// The header once signed in: who (name and role), the ward (a selector when there are several,
// remembered on this computer by id), and the navigation that the role allows.
//
// DOM contract: #account with #account-name, #account-role, #account-ward (one ward) or
// #ward-select (several); #console-bar with #console-nav (#nav-today, #nav-week, #nav-patients,
// #nav-tablets, #nav-outbox, #nav-settings, #nav-reports, #nav-users, #nav-audit: aria-current="page" on the current
// one; hidden when the role may not open it, and Outbox while the ward has no outbox message) and
// the session's buttons.

import { h, setText } from './dom.js';
import { canOpen, roleKey } from './rules.js';

const WARD_KEY = 'lucarne.staff.ward.';

export class AccountBar {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {(key: string, params?: object) => string} o.t
   * @param {(ward: ?{id: string, name: string}) => void} o.onWard the chosen ward changed
   * @param {(opener: Element) => Promise<boolean>} [o.mayLeaveWard] asked before the ward changes (unsaved
   *   edits of this ward's settings); false puts the choice back
   */
  constructor(doc, o) {
    this._t = o.t;
    this._onWard = o.onWard;
    this._mayLeaveWard = o.mayLeaveWard || (() => Promise.resolve(true));
    const $ = (id) => doc.getElementById(id);
    this._el = {
      account: $('account'), name: $('account-name'), role: $('account-role'), ward: $('account-ward'),
      choice: $('account-ward-choice'), select: $('ward-select'), nav: $('console-bar'),
      links: [...doc.querySelectorAll('#console-nav [data-view]')], password: $('password-open'),
    };
    this._user = null;
    this._wards = [];
    this._offered = { outbox: false }; // views shown only when there is something in them
    this._shown = null; // the ward whose views are on screen
    this._el.select.addEventListener('change', async () => {
      const ward = this.ward;
      if (this._shown && ward && ward.id !== this._shown.id && !(await this._mayLeaveWard(this._el.select))) {
        this._el.select.value = this._shown.id;
        return;
      }
      this._shown = ward;
      remember(this._user, ward);
      this._onWard(ward);
    });
  }

  /** The chosen ward, or null when the person has none. */
  get ward() {
    if (this._wards.length === 0) return null;
    if (this._wards.length === 1) return this._wards[0];
    return this._wards.find((w) => w.id === this._el.select.value) || this._wards[0];
  }

  get wards() {
    return this._wards;
  }

  /** Shows the signed-in person and their wards; the last ward chosen on this computer comes back. */
  show(user, wards) {
    this._user = user;
    this._wards = wards;
    const el = this._el;
    setText(el.name, user.displayName);
    setText(el.role, this._t(roleKey(user.role)));
    const several = wards.length > 1;
    el.choice.hidden = !several;
    el.ward.hidden = several;
    setText(el.ward, wards.length === 1 ? this._t('staff.ward.one', { ward: wards[0].name }) : several ? '' : this._t('staff.ward.none'));
    el.select.replaceChildren(...wards.map((w) => h('option', { value: w.id }, w.name)));
    if (several) {
      const kept = recall(user);
      el.select.value = wards.some((w) => w.id === kept) ? kept : wards[0].id;
    }
    this._shown = this.ward;
    this._showLinks();
    el.password.hidden = user.sso === true; // changed at the hospital's SSO, not here
    el.account.hidden = false;
    el.nav.hidden = false;
  }

  /** Offers a view that is shown only when there is something in it (`outbox`), or takes it away. */
  offer(view, shown) {
    this._offered[view] = Boolean(shown);
    if (this._user) this._showLinks();
  }

  _showLinks() {
    for (const link of this._el.links) {
      const view = link.dataset.view;
      link.hidden = !canOpen(this._user.role, view) || (view in this._offered && !this._offered[view]);
    }
  }

  /** Marks the current view in the navigation. */
  current(view) {
    for (const link of this._el.links) {
      if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  clear() {
    const el = this._el;
    this._user = null;
    this._wards = [];
    this._offered = { outbox: false };
    el.account.hidden = true;
    el.nav.hidden = true;
    setText(el.name, '');
    setText(el.role, '');
    setText(el.ward, '');
    el.select.replaceChildren();
  }
}

function remember(user, ward) {
  try {
    if (user && ward) globalThis.localStorage.setItem(WARD_KEY + user.id, ward.id);
  } catch (e) {
    // storage refused (private mode, policy): the first ward comes up next time
  }
}

function recall(user) {
  try {
    return globalThis.localStorage.getItem(WARD_KEY + user.id);
  } catch (e) {
    return null;
  }
}
