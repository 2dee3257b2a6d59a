// The dialogs of the staff accounts page: the account form (create, or edit the name, role and
// wards) and the one-time password, shown once with a copy button.
//
// DOM contract: #user-dialog with #user-form, #user-username, #user-display-name, #user-role,
// #user-wards > input[name=ward][value=<ward id>], #user-form-error, #user-save, #user-cancel;
// #otp-dialog with #one-time-password, #otp-copy, #otp-done.

import { errorKey } from './api.js';
import { usernameAllowed } from './rules.js';
import { closeDialog, openDialog, openFormDialog } from './dialogs.js';
import { copyText, focusOn, h, isDirty, setText, showMessage } from './dom.js';

/** The form's fields by the API's field names, to point at the one the server refused. */
const FIELD_IDS = {
  username: 'user-username', displayName: 'user-display-name', role: 'user-role', wards: 'user-wards',
  oidcSubject: 'user-oidc-subject',
};

export class UserDialog {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {() => boolean} o.sso whether the server offers the hospital sign-in (accounts may be linked to it)
   */
  constructor(doc, { api, t, sso }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._sso = sso || (() => false);
    const $ = (id) => doc.getElementById(id);
    this._el = {
      dialog: $('user-dialog'), form: $('user-form'), heading: $('user-dialog-heading'), error: $('user-form-error'),
      username: $('user-username'), displayName: $('user-display-name'), role: $('user-role'), wards: $('user-wards'),
      cancel: $('user-cancel'), ssoField: $('user-sso'), oidcSubject: $('user-oidc-subject'),
    };
    this._el.cancel.addEventListener('click', () => closeDialog(this._el.dialog));
    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._save();
    });
    this._pending = null; // {user, saved} while open
    this._busy = false;
  }

  /** Whether the form is open with something typed that is not saved. */
  get dirty() {
    return this._el.dialog.open && isDirty(this._el.form);
  }

  /**
   * Opens the form for a new account (`user` null) or to edit one. `wards` are the choices.
   * Resolves with the server's answer once saved ({user, oneTimePassword} or the user), null if cancelled.
   */
  async open(user, wards, opener) {
    const el = this._el;
    el.form.reset();
    showMessage(el.error, '');
    setText(el.heading, this._t(user ? 'staff.users.editHeading' : 'staff.users.createHeading', { name: user ? user.displayName : '' }));
    setField(el.username, user ? user.username : '');
    el.username.readOnly = Boolean(user);
    setField(el.displayName, user ? user.displayName : '');
    for (const option of el.role.options) option.defaultSelected = option.value === (user ? user.role : 'nurse');
    el.role.value = user ? user.role : 'nurse';
    el.ssoField.hidden = !this._sso();
    setField(el.oidcSubject, '');
    const mine = new Set(((user && user.wards) || []).map((w) => w.id));
    const boxes = wards.map((w) => {
      const box = h('input', { type: 'checkbox', name: 'ward', value: w.id, id: `user-ward-${w.id}` });
      box.defaultChecked = mine.has(w.id);
      box.checked = box.defaultChecked;
      return h('div', { class: 'checkbox' }, box, h('label', { for: box.id }, w.name));
    });
    const legend = el.wards.querySelector('legend');
    el.wards.replaceChildren(legend, ...(boxes.length ? boxes : [h('p', { class: 'muted' }, this._t('staff.users.noWards'))]));
    const saved = await openFormDialog(this, el.dialog, { user, saved: null },
      { opener, focus: user ? el.displayName : el.username });
    el.form.reset();
    return saved;
  }

  async _save() {
    const pending = this._pending;
    if (!pending || this._busy) return;
    const el = this._el;
    const username = el.username.value.trim();
    const displayName = el.displayName.value.trim();
    const role = el.role.value;
    const wards = [...el.wards.querySelectorAll('input[name=ward]:checked')].map((b) => b.value);
    const oidcSubject = el.ssoField.hidden ? '' : el.oidcSubject.value.trim();
    if (!pending.user && !username) return this._problem('username', 'staff.users.usernameMissing');
    if (!pending.user && !usernameAllowed(username)) return this._problem('username', 'staff.users.usernameInvalid');
    if (!displayName) return this._problem('displayName', 'staff.users.displayNameMissing');
    if (role !== 'admin' && wards.length === 0) return this._problem('wards', 'staff.users.wardsMissing');
    this._busy = true;
    try {
      if (pending.user) {
        const change = changes(pending.user, { displayName, role, wards });
        if (oidcSubject) change.oidcSubject = oidcSubject;
        pending.saved = Object.keys(change).length
          ? await this._api.patch(`/api/users/${encodeURIComponent(pending.user.id)}`, change)
          : pending.user;
      } else {
        const account = { username, displayName, role, wards };
        if (oidcSubject) account.oidcSubject = oidcSubject;
        pending.saved = await this._api.post('/api/users', account);
      }
      closeDialog(el.dialog, 'saved');
    } catch (e) {
      if (e.code === 'not_signed_in') return undefined;
      if (FIELD_IDS[e.field] && ['conflict', 'invalid_request'].includes(e.code)) return this._problem(e.field, userErrorKey(e));
      showMessage(el.error, this._t(userErrorKey(e)));
    } finally {
      this._busy = false;
    }
    return undefined;
  }

  _problem(field, key) {
    showMessage(this._el.error, this._t(key));
    const target = this._doc.getElementById(FIELD_IDS[field]);
    const input = target.matches('fieldset') ? target.querySelector('input') || target : target;
    input.setAttribute('aria-invalid', 'true');
    input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
    focusOn(input);
    return undefined;
  }
}

/** What a refused change to an account means for the person making it. */
export function userErrorKey(error) {
  if (error.code === 'forbidden') return 'staff.users.forbidden';
  if (error.code === 'conflict' && error.field === 'username') return 'staff.users.usernameTaken';
  if (error.code === 'conflict' && error.field === 'oidcSubject') return 'staff.users.oidcSubjectTaken';
  // The server refuses to demote or disable the last active administrator (field role or active).
  if (error.code === 'conflict' && (error.field === 'role' || error.field === 'active')) return 'staff.users.lastAdmin';
  return errorKey(error);
}

/** Only what changed, in the PATCH's names. */
export function changes(user, wanted) {
  const out = {};
  if (wanted.displayName !== user.displayName) out.displayName = wanted.displayName;
  if (wanted.role !== user.role) out.role = wanted.role;
  const before = (user.wards || []).map((w) => w.id).sort();
  const after = [...wanted.wards].sort();
  if (before.join('\n') !== after.join('\n')) out.wards = wanted.wards;
  return out;
}

function setField(input, value) {
  input.defaultValue = value;
  input.value = value;
}

/** Shows a one-time password once: who it is for, the password, a copy button. */
export async function showOneTimePassword(doc, t, { heading, intro, password, opener }) {
  const dialog = doc.getElementById('otp-dialog');
  const value = doc.getElementById('one-time-password');
  const copy = doc.getElementById('otp-copy');
  const done = doc.getElementById('otp-done');
  const copied = doc.getElementById('otp-copied');
  setText(doc.getElementById('otp-heading'), heading);
  setText(doc.getElementById('otp-intro'), intro);
  setText(value, password);
  setText(copied, '');
  const onCopy = async () => setText(copied, t((await copyText(password)) ? 'staff.otp.copied' : 'staff.copyFailed'));
  const onDone = () => closeDialog(dialog, 'done');
  copy.addEventListener('click', onCopy);
  done.addEventListener('click', onDone);
  try {
    await openDialog(dialog, { opener, focus: copy });
  } finally {
    copy.removeEventListener('click', onCopy);
    done.removeEventListener('click', onDone);
    setText(value, '');
  }
}
