// Staff accounts, for admins (docs/staff-api.md, "Staff accounts"): the list, a new account
// (its one-time password shown once), the name, role and wards, disable and enable, a reset
// (a new one-time password, the authenticator app again) and ending a person's sessions.
// What cannot be undone asks first. A 403 (the role changed meanwhile) is said in words.
//
// DOM contract: #view-users; #user-create; #user-list > tr.user[data-user-id][data-username]
// [data-active][data-second-factor] with buttons .user-edit, .user-toggle, .user-reset,
// .user-end-sessions (one's own row has only .user-edit; an account linked to the hospital sign-in
// has no .user-reset); #users-status, #users-error.

import { errorKey } from './api.js';
import { confirmAction } from './dialogs.js';
import { h, showMessage } from './dom.js';
import { roleKey } from './rules.js';
import { UserDialog, showOneTimePassword, userErrorKey } from './user-dialogs.js';

export class UsersView {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {import('./api.js').StaffApi} o.api
   * @param {(key: string, params?: object) => string} o.t
   * @param {() => {id: string}} o.me the signed-in user
   * @param {() => Promise<Array<{id: string, name: string}>>} o.wards every ward, the choices for an account
   * @param {() => boolean} [o.sso] whether the server offers the hospital sign-in
   */
  constructor(doc, o) {
    this._doc = doc;
    this._api = o.api;
    this._t = o.t;
    this._me = o.me;
    this._wards = o.wards;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      create: $('user-create'), status: $('users-status'), error: $('users-error'), table: $('user-table'),
      list: $('user-list'),
    };
    this._dialog = new UserDialog(doc, { api: this._api, t: this._t, sso: o.sso });
    this._users = [];
    this._visible = false;
    this._el.create.addEventListener('click', () => this._create());
  }

  /** Whether the account form holds something typed and not saved. */
  get dirty() {
    return this._dialog.dirty;
  }

  show() {
    this._visible = true;
    showMessage(this._el.status, '');
    return this._load();
  }

  hide() {
    this._visible = false;
  }

  clear() {
    this.hide();
    this._users = [];
    this._el.list.replaceChildren();
    this._el.table.hidden = true;
    showMessage(this._el.status, '');
    showMessage(this._el.error, '');
  }

  /** Reloads the list; `focus` = {userId, action} puts the cursor back on that button. */
  async _load(focus) {
    try {
      const users = await this._api.get('/api/users');
      if (!this._visible) return;
      this._users = users;
      showMessage(this._el.error, '');
      this._draw(focus);
    } catch (e) {
      if (!this._visible || e.code === 'not_signed_in') return;
      this._el.table.hidden = true;
      this._el.list.replaceChildren();
      showMessage(this._el.error, this._t(e.code === 'forbidden' ? 'staff.users.forbidden' : errorKey(e)));
    }
  }

  _draw(focus) {
    const t = this._t;
    const me = this._me().id;
    this._el.table.hidden = false;
    this._el.list.replaceChildren(...this._users.map((u) => {
      const self = u.id === me;
      const name = u.displayName;
      const button = (action, key, handler) => {
        const b = h('button', { type: 'button', class: `button button--small user-${action}`, aria: { label: t(`${key}.for`, { name }) } }, t(key));
        b.addEventListener('click', () => handler(u, b));
        return b;
      };
      const actions = [button('edit', 'staff.users.edit', (user, b) => this._edit(user, b))];
      if (!self) {
        actions.push(
          button('toggle', u.active ? 'staff.users.disable' : 'staff.users.enable', (user, b) => this._toggle(user, b)),
          u.sso ? null : button('reset', 'staff.users.reset', (user, b) => this._reset(user, b)),
          button('end-sessions', 'staff.users.endSessions', (user, b) => this._endSessions(user, b)));
      }
      return h('tr', {
        class: u.active ? 'user' : 'user user--disabled',
        dataset: { userId: u.id, username: u.username, active: String(u.active), secondFactor: String(u.hasSecondFactor) },
      },
      h('td', null, name, self ? h('span', { class: 'muted' }, ` ${t('staff.users.you')}`) : null),
      h('td', null, h('code', null, u.username)),
      h('td', null, t(roleKey(u.role))),
      h('td', null, (u.wards || []).map((w) => w.name).join(', ') || t('staff.users.noWard')),
      h('td', null, t(u.active ? 'staff.users.active' : 'staff.users.disabled')),
      h('td', null, t(u.sso ? 'staff.users.hospitalAccount' : u.hasSecondFactor ? 'staff.users.enrolled' : 'staff.users.notEnrolled')),
      h('td', null, h('div', { class: 'actions actions--row' }, actions)));
    }));
    if (focus) {
      const row = this._el.list.querySelector(`tr[data-user-id="${CSS.escape(focus.userId)}"]`);
      const target = row && (row.querySelector(`.user-${focus.action}`) || row.querySelector('.user-edit'));
      if (target) target.focus();
    }
  }

  _said(key, params) {
    showMessage(this._el.status, this._t(key, params));
  }

  /** Runs a change; on failure says why; then reloads the list. */
  async _change(request, focus) {
    try {
      const answer = await request();
      showMessage(this._el.error, '');
      return answer === null ? true : answer;
    } catch (e) {
      if (e.code === 'not_signed_in') return null;
      showMessage(this._el.error, this._t(userErrorKey(e)));
      return null;
    } finally {
      if (this._visible) await this._load(focus);
    }
  }

  async _create() {
    const saved = await this._dialog.open(null, await this._wards(), this._el.create);
    if (!saved) return;
    await this._load();
    if (!saved.oneTimePassword) { // linked to the hospital sign-in: no password of ours
      this._said('staff.users.createdLinked', { name: saved.user.displayName });
      return;
    }
    await showOneTimePassword(this._doc, this._t, {
      heading: this._t('staff.otp.createdHeading'),
      intro: this._t('staff.otp.createdIntro', { name: saved.user.displayName, username: saved.user.username }),
      password: saved.oneTimePassword,
      opener: this._el.create,
    });
    this._said('staff.users.created', { name: saved.user.displayName });
  }

  async _edit(user, opener) {
    const saved = await this._dialog.open(user, await this._wards(), opener);
    if (!saved) return;
    this._said('staff.users.saved', { name: saved.displayName || user.displayName });
    await this._load({ userId: user.id, action: 'edit' });
  }

  async _toggle(user, opener) {
    const name = user.displayName;
    if (user.active && !(await confirmAction(this._doc, {
      heading: this._t('staff.users.disableHeading', { name }),
      message: this._t('staff.users.disableMessage', { name }),
      confirm: this._t('staff.users.disable'),
      opener,
    }))) return;
    const done = await this._change(() => this._api.patch(`/api/users/${encodeURIComponent(user.id)}`, { active: !user.active }),
      { userId: user.id, action: 'toggle' });
    if (done) this._said(user.active ? 'staff.users.disabledDone' : 'staff.users.enabledDone', { name });
  }

  async _reset(user, opener) {
    const name = user.displayName;
    if (!(await confirmAction(this._doc, {
      heading: this._t('staff.users.resetHeading', { name }),
      message: this._t('staff.users.resetMessage', { name }),
      confirm: this._t('staff.users.reset'),
      opener,
    }))) return;
    const answer = await this._change(() => this._api.post(`/api/users/${encodeURIComponent(user.id)}/reset`),
      { userId: user.id, action: 'reset' });
    if (!answer || !answer.oneTimePassword) return;
    await showOneTimePassword(this._doc, this._t, {
      heading: this._t('staff.otp.resetHeading'),
      intro: this._t('staff.otp.resetIntro', { name, username: user.username }),
      password: answer.oneTimePassword,
      opener: this._el.list.querySelector(`tr[data-user-id="${CSS.escape(user.id)}"] .user-reset`) || opener,
    });
    this._said('staff.users.resetDone', { name });
  }

  async _endSessions(user, opener) {
    const name = user.displayName;
    if (!(await confirmAction(this._doc, {
      heading: this._t('staff.users.endSessionsHeading', { name }),
      message: this._t('staff.users.endSessionsMessage', { name }),
      confirm: this._t('staff.users.endSessions'),
      opener,
    }))) return;
    const done = await this._change(() => this._api.post(`/api/users/${encodeURIComponent(user.id)}/end-sessions`),
      { userId: user.id, action: 'end-sessions' });
    if (done) this._said('staff.users.endSessionsDone', { name });
  }
}
