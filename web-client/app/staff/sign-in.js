// Signing in (docs/staff-api.md, "Sign-in"): username and password, then as the server says
// (`next`) a new password in place of the one-time one, the authenticator app's enrolment with
// its recovery codes, or the 6-digit code (or a recovery code). One screen per step, one error
// line for all of them (sign-in-message.js).
//
// DOM contract: #sign-in-flow holds the steps #sign-in, #change-password, #enrol, #recovery,
// #code (body[data-screen] names the current one) and #sign-in-error (role=alert).

import { errorKey } from './api.js';
import { copyText, focusOn, h, setText } from './dom.js';
import { groupSecret, newPasswordProblem, recoveryCode, sixDigitCode } from './rules.js';
import { qrSvg } from './qr.js';
import { SignInMessage } from './sign-in-message.js';

/** The server's `next` → the screen that asks for it. */
const SCREEN_OF_NEXT = { code: 'code', change_password: 'change-password', enrol: 'enrol' };

export class SignIn {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {import('./api.js').StaffApi} o.api
   * @param {(key: string, params?: object) => string} o.t
   * @param {(screen: string, focus: ?Element) => void} o.showScreen
   * @param {(session: object) => void} o.onSignedIn
   * @param {() => number} [o.now]
   * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
   */
  constructor(doc, o) {
    this._doc = doc;
    this._api = o.api;
    this._t = o.t;
    this._showScreen = o.showScreen;
    this._onSignedIn = o.onSignedIn;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      error: $('sign-in-error'), errorText: $('sign-in-error-text'), wait: $('sign-in-wait'),
      sso: $('sso-start'), ssoOr: $('sso-or'), form: $('sign-in-form'), username: $('sign-in-username'),
      password: $('sign-in-password'), localDisabled: $('local-disabled'),
      changeForm: $('change-password-form'), newPassword: $('new-password'), newPasswordAgain: $('new-password-again'),
      enrolQr: $('enrol-qr'), enrolSecret: $('enrol-secret'), enrolForm: $('enrol-form'), enrolCode: $('enrol-code'),
      enrolRetry: $('enrol-retry'),
      recoveryList: $('recovery-code-list'), recoveryCopy: $('recovery-copy'), recoveryPrint: $('recovery-print'),
      recoveryDone: $('recovery-done'), recoveryCopied: $('recovery-copied'),
      codeForm: $('code-form'), codeInput: $('code-input'), recoveryForm: $('recovery-form'),
      recoveryInput: $('recovery-input'), useRecovery: $('use-recovery'), useCode: $('use-code'),
      restart: $('sign-in-restart'),
    };
    this._message = new SignInMessage({
      element: this._el.error, text: this._el.errorText, countdown: this._el.wait, t: o.t, now: o.now, timers: o.timers,
    });
    this._methods = { local: true, sso: false };
    this._busy = false;
    this._session = null; // after enrolment: held until the recovery codes are saved
    this._bind();
  }

  /** {local, sso}: the ways of signing in the server offers. */
  get methods() {
    return this._methods;
  }

  /** Reads which ways of signing in the server offers; local only when it cannot say. */
  async loadMethods() {
    try {
      const m = await this._api.get('/api/auth/methods');
      this._methods = { local: m.local !== false, sso: m.sso === true };
    } catch (e) {
      this._methods = { local: true, sso: false };
    }
    const { local, sso } = this._methods;
    this._el.sso.hidden = !sso;
    this._el.ssoOr.hidden = !(sso && local);
    this._el.form.hidden = !local;
    this._el.localDisabled.hidden = local || !sso;
  }

  /**
   * Back to the first step, forgetting everything typed. `messageKey` (with `params`) is shown
   * as a notice, e.g. why the person is here again.
   */
  start(messageKey, params) {
    this._session = null;
    for (const form of [this._el.form, this._el.changeForm, this._el.enrolForm, this._el.codeForm, this._el.recoveryForm]) {
      form.reset();
    }
    this._el.enrolQr.replaceChildren();
    setText(this._el.enrolSecret, '');
    this._el.recoveryList.replaceChildren();
    setText(this._el.recoveryCopied, '');
    this._message.show(messageKey ? this._t(messageKey, params) : '');
    const first = this._methods.local ? this._el.username : this._el.sso;
    this._showScreen('sign-in', first);
  }

  _bind() {
    const el = this._el;
    el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._submitPassword();
    });
    el.changeForm.addEventListener('submit', (e) => {
      e.preventDefault();
      this._submitNewPassword();
    });
    el.enrolForm.addEventListener('submit', (e) => {
      e.preventDefault();
      this._submitEnrolCode();
    });
    el.enrolRetry.addEventListener('click', () => this._enrol());
    el.codeForm.addEventListener('submit', (e) => {
      e.preventDefault();
      this._submitCode();
    });
    el.recoveryForm.addEventListener('submit', (e) => {
      e.preventDefault();
      this._submitRecoveryCode();
    });
    el.useRecovery.addEventListener('click', () => this._useRecovery(true));
    el.useCode.addEventListener('click', () => this._useRecovery(false));
    el.restart.addEventListener('click', () => this.start());
    el.recoveryCopy.addEventListener('click', async () => {
      const codes = [...el.recoveryList.querySelectorAll('li')].map((li) => li.textContent).join('\n');
      const ok = await copyText(codes);
      setText(el.recoveryCopied, this._t(ok ? 'staff.recovery.copied' : 'staff.copyFailed'));
    });
    el.recoveryPrint.addEventListener('click', () => globalThis.print());
    el.recoveryDone.addEventListener('click', () => {
      const session = this._session;
      this._session = null;
      el.recoveryList.replaceChildren();
      if (session) this._onSignedIn(session);
    });
  }

  async _submitPassword() {
    const username = this._el.username.value.trim();
    const password = this._el.password.value;
    if (!username || !password) {
      this._problem(!username ? this._el.username : this._el.password, 'staff.signIn.missing');
      return;
    }
    const answer = await this._send(() => this._api.post('/api/auth/password', { username, password }), this._el.password);
    if (!answer) {
      this._el.password.value = '';
      return;
    }
    this._el.password.value = '';
    this._next(answer.next, username);
  }

  async _submitNewPassword() {
    const password = this._el.newPassword.value;
    const problem = newPasswordProblem(password, this._el.newPasswordAgain.value, this._username);
    if (problem) {
      this._problem(this._el.newPassword, problem);
      return;
    }
    const answer = await this._send(() => this._api.post('/api/auth/change-password', { newPassword: password }), this._el.newPassword);
    if (!answer) return;
    this._el.changeForm.reset();
    this._next(answer.next);
  }

  async _enrol() {
    const el = this._el;
    el.enrolQr.replaceChildren();
    setText(el.enrolSecret, '');
    el.enrolRetry.hidden = true;
    const answer = await this._send(() => this._api.post('/api/auth/enrol'));
    if (!answer) {
      el.enrolRetry.hidden = false;
      return;
    }
    el.enrolQr.append(qrSvg(this._doc, answer.otpauthUri, this._t('staff.enrol.qrLabel')));
    setText(el.enrolSecret, groupSecret(answer.secret));
  }

  async _submitEnrolCode() {
    const code = sixDigitCode(this._el.enrolCode.value);
    if (!code) {
      this._problem(this._el.enrolCode, 'staff.code.sixDigits');
      return;
    }
    const answer = await this._send(() => this._api.post('/api/auth/enrol/confirm', { code }), this._el.enrolCode);
    this._el.enrolCode.value = '';
    if (!answer) return;
    this._session = answer.session;
    this._el.enrolQr.replaceChildren();
    setText(this._el.enrolSecret, '');
    this._el.recoveryList.replaceChildren(...answer.recoveryCodes.map((c) => h('li', { class: 'recovery__code' }, c)));
    setText(this._el.recoveryCopied, '');
    this._showScreen('recovery-codes', this._doc.getElementById('recovery-heading'));
  }

  async _submitCode() {
    const code = sixDigitCode(this._el.codeInput.value);
    if (!code) {
      this._problem(this._el.codeInput, 'staff.code.sixDigits');
      return;
    }
    const session = await this._send(() => this._api.post('/api/auth/code', { code }), this._el.codeInput);
    this._el.codeInput.value = '';
    if (session) this._onSignedIn(session);
  }

  async _submitRecoveryCode() {
    const code = recoveryCode(this._el.recoveryInput.value);
    if (!code) {
      this._problem(this._el.recoveryInput, 'staff.code.recoveryMissing');
      return;
    }
    const session = await this._send(() => this._api.post('/api/auth/code', { recoveryCode: code }), this._el.recoveryInput);
    this._el.recoveryInput.value = '';
    if (session) this._onSignedIn(session);
  }

  _useRecovery(on) {
    const el = this._el;
    el.codeForm.hidden = on;
    el.useRecovery.hidden = on;
    el.recoveryForm.hidden = !on;
    el.useCode.hidden = !on;
    focusOn(on ? el.recoveryInput : el.codeInput);
  }

  _next(next, username) {
    if (username !== undefined) {
      this._username = username;
      this._doc.getElementById('change-password-username').defaultValue = username; // for password managers
    }
    const screen = SCREEN_OF_NEXT[next];
    if (!screen) {
      this.start('error.staff.internal');
      return;
    }
    this._message.show('');
    if (screen === 'code') this._useRecovery(false);
    const focus = { code: this._el.codeInput, 'change-password': this._el.newPassword, enrol: this._el.enrolCode }[screen];
    this._showScreen(screen, focus);
    if (screen === 'enrol') this._enrol();
  }

  /** Runs one request of the flow; null after showing what went wrong. */
  async _send(request, field) {
    if (this._busy || this._message.waiting) return null;
    this._busy = true;
    try {
      return await request();
    } catch (e) {
      this._failed(e);
      if (field && !field.closest('[hidden]')) focusOn(field);
      return null;
    } finally {
      this._busy = false;
    }
  }

  _failed(error) {
    if (error.code === 'sign_in_expired' || error.code === 'not_signed_in') {
      this.start('error.staff.sign_in_expired');
      return;
    }
    if (error.code === 'conflict') { // a step out of turn (another tab went on, say): from the start
      this.start('staff.signIn.startAgain');
      return;
    }
    if (error.code === 'too_many_attempts') {
      this._message.waitFor(error.retryAfterSeconds || 30);
      return;
    }
    if (error.code === 'local_sign_in_disabled') {
      this._methods.local = false;
      this._el.form.hidden = true;
    }
    this._message.show(this._t(errorKey(error)));
  }

  /** Says what to fix, next to the field, and puts the cursor there. */
  _problem(field, key) {
    this._message.show(this._t(key));
    field.setAttribute('aria-invalid', 'true');
    field.addEventListener('input', () => field.removeAttribute('aria-invalid'), { once: true });
    focusOn(field);
  }

  /** Forgets what a sign-in in progress showed (the recovery codes, a secret). */
  clear() {
    this._session = null;
    this._el.recoveryList.replaceChildren();
    this._el.enrolQr.replaceChildren();
    setText(this._el.enrolSecret, '');
  }
}
