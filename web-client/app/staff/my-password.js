// "Change password" for the signed-in person (POST /api/me/password): the current password,
// the new one twice with the rule shown. The server ends the person's other sessions.
//
// DOM contract: #password-dialog with #current-password, #my-new-password,
// #my-new-password-again, #password-error, #password-save, #password-cancel.

import { errorKey } from './api.js';
import { closeDialog, openDialog } from './dialogs.js';
import { focusOn, isDirty, showMessage } from './dom.js';
import { newPasswordProblem } from './rules.js';

export class MyPassword {
  constructor(doc, { api, t }) {
    this._api = api;
    this._t = t;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      dialog: $('password-dialog'), form: $('password-form'), error: $('password-error'),
      current: $('current-password'), password: $('my-new-password'), again: $('my-new-password-again'),
      cancel: $('password-cancel'),
    };
    this._el.cancel.addEventListener('click', () => closeDialog(this._el.dialog));
    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._save();
    });
    this._el.dialog.addEventListener('close', () => this._el.form.reset());
    this._username = '';
    this._busy = false;
  }

  get dirty() {
    return this._el.dialog.open && isDirty(this._el.form);
  }

  /** Opens the dialog; resolves true once the password is changed. */
  async open(username, opener) {
    this._username = username;
    this._el.form.reset();
    this._el.form.querySelector('#password-username').defaultValue = username; // for password managers
    showMessage(this._el.error, '');
    return (await openDialog(this._el.dialog, { opener, focus: this._el.current })) === 'changed';
  }

  async _save() {
    if (this._busy) return;
    const el = this._el;
    if (!el.current.value) {
      this._problem(el.current, 'staff.password.currentMissing');
      return;
    }
    const problem = newPasswordProblem(el.password.value, el.again.value, this._username);
    if (problem) {
      this._problem(el.password, problem);
      return;
    }
    this._busy = true;
    try {
      await this._api.post('/api/me/password', { currentPassword: el.current.value, newPassword: el.password.value });
      closeDialog(el.dialog, 'changed');
    } catch (e) {
      if (e.code === 'not_signed_in') return;
      if (e.code === 'conflict') { // the account signs in through the hospital's SSO
        showMessage(el.error, this._t('staff.password.sso'));
        return;
      }
      if (e.code === 'too_many_attempts') {
        showMessage(el.error, this._t('error.staff.too_many_attempts'));
        return;
      }
      const wrongCurrent = e.code === 'bad_credentials';
      el.current.value = wrongCurrent ? '' : el.current.value;
      this._problem(wrongCurrent ? el.current : el.password,
        wrongCurrent ? 'staff.password.currentWrong' : errorKey(e));
    } finally {
      this._busy = false;
    }
  }

  _problem(field, key) {
    showMessage(this._el.error, this._t(key));
    field.setAttribute('aria-invalid', 'true');
    field.addEventListener('input', () => field.removeAttribute('aria-invalid'), { once: true });
    focusOn(field);
  }
}
