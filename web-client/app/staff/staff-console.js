// The staff console's screens and session: sign-in, then the console (Visits, Week, Patients,
// Tablets, Outbox, Ward settings, Reports, Staff accounts, Audit trail as the role allows), and back to the sign-in when the session ends, whatever ends
// it (signing out, the idle or absolute timeout, an admin, a 401 from any call). Nothing of the
// previous session stays on screen. The signaling socket is open only while signed in.
//
// DOM contract: body[data-screen] = loading | sign-in | change-password | enrol | recovery-codes
// | code | console; body[data-view] = today | week | patients | tablets | outbox | settings | reports | users |
// audit while in the console, call while the
// call screen (call-screen.js) takes its place, #console-nav hidden then; #staff-notice
// (role=status) says why one is back at the sign-in; #idle-warning (role=alert) before the idle
// sign-out; #ends-soon before the absolute end; #sign-out, #sign-out-everywhere, #password-open.

import { StaffApi, errorKey } from './api.js';
import { AccountBar } from './account-bar.js';
import { CallScreen } from './call-screen.js';
import { ConsoleViews } from './console-views.js';
import { timeOfDay } from './dates.js';
import { closeAllDialogs } from './dialogs.js';
import { focusOn, setText, showMessage } from './dom.js';
import { MyPassword } from './my-password.js';
import { enrolCodeOfHash, ssoErrorKey, viewOfHash } from './rules.js';
import { SessionTimer } from './session-timer.js';
import { SignIn } from './sign-in.js';

const SIGN_IN_SCREENS = ['sign-in', 'change-password', 'enrol', 'recovery-codes', 'code'];
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'];

export class StaffConsole {
  /**
   * @param {Document} doc
   * @param {{t: Function, locale: string, client: import('../shared/signaling.js').SignalingClient}} page
   */
  constructor(doc, page) {
    this._doc = doc;
    this._t = page.t;
    this._client = page.client;
    const t = this._t;
    const locale = page.locale;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      loading: $('staff-loading'), flow: $('sign-in-flow'), notice: $('staff-notice'), connection: $('connection'),
      idle: $('idle-warning'), idleText: $('idle-warning-text'), idleCountdown: $('idle-warning-countdown'),
      endsSoon: $('ends-soon'), signOut: $('sign-out'), signOutEverywhere: $('sign-out-everywhere'),
      passwordOpen: $('password-open'), views: [...doc.querySelectorAll('[data-view-name]')], nav: $('console-nav'),
      steps: [...doc.querySelectorAll('[data-screen-name]')],
    };
    this._session = null;
    this._view = null;
    this._idleTick = null;
    this._api = new StaffApi({ onNotSignedIn: () => this._ended('staff.session.ended') });
    const api = this._api;
    this._signIn = new SignIn(doc, { api, t, showScreen: (s, f) => this._showScreen(s, f), onSignedIn: (s) => this._signedIn(s) });
    this._bar = new AccountBar(doc, {
      t, onWard: (ward) => this._views.setWard(ward), mayLeaveWard: (opener) => this._views.mayLeaveWard(opener),
    });
    // The hospital's time zone, from the session: every day and time on screen is the ward's.
    this._zone = { id: undefined };
    const zone = this._zone;
    this._call = new CallScreen(doc, {
      t,
      send: (m) => this._client.send(m),
      onOpen: () => this._callOpened(),
      onClose: (r) => this._callClosed(r),
      onBusy: () => this._timer.activity(), // helping in a call is being at the console
    });
    this._views = new ConsoleViews(doc, {
      api, t, locale, zone, bar: this._bar, join: (visit) => this._call.open(visit), me: () => this._session.user,
      everyWard: () => this._everyWard(), sso: () => this._signIn.methods.sso,
    });
    this._myPassword = new MyPassword(doc, { api, t });
    this._timer = new SessionTimer({
      ping: () => this._ping(),
      onIdleWarning: (deadline) => this._idleWarning(deadline),
      onIdleWarningOver: () => this._idleWarningOver(),
      onIdle: () => this._idle(),
      onEndsSoon: (at) => showMessage(this._el.endsSoon, t('staff.session.endsSoon', { time: timeOfDay(at, locale, zone.id) })),
      onEnded: () => this._ping(),
    });
    for (const type of ACTIVITY_EVENTS) {
      doc.addEventListener(type, () => this._timer.activity(), { capture: true, passive: true });
    }
    this._el.signOut.addEventListener('click', () => this._signOut('/api/session/sign-out', 'staff.signedOut'));
    this._el.signOutEverywhere.addEventListener('click',
      () => this._signOut('/api/session/sign-out-everywhere', 'staff.signedOutEverywhere'));
    this._el.passwordOpen.addEventListener('click', async () => {
      if (await this._myPassword.open(this._session.user.username, this._el.passwordOpen)) {
        this._notice('staff.password.changed');
      }
    });
    globalThis.addEventListener('hashchange', () => {
      if (this._session && !this._call.active) this._route(); // after the call, the view the hash names
    });
  }

  /** Resumes a session the browser already holds, or starts the sign-in. */
  async start() {
    const sso = ssoErrorKey(globalThis.location.search);
    if (globalThis.location.search) globalThis.history.replaceState(null, '', globalThis.location.pathname + globalThis.location.hash);
    const [, session] = await Promise.all([this._signIn.loadMethods(), this._api.get('/api/session').catch((e) => e)]);
    if (session && session.user) {
      await this._signedIn(session);
      return;
    }
    this._signIn.start();
    if (sso) this._notice(sso, true);
    else if (session && session.code && session.code !== 'not_signed_in') this._notice(errorKey(session), true);
  }

  async _signedIn(session) {
    this._accept(session);
    this._signIn.clear();
    showMessage(this._el.notice, '');
    let wards = session.user.wards || [];
    try {
      wards = await this._api.get('/api/wards');
    } catch (e) {
      if (!this._session) return; // the session is already over
    }
    this._bar.show(session.user, wards);
    this._views.setWard(this._bar.ward);
    this._el.connection.hidden = false;
    this._client.start();
    this._route();
  }

  /** Every ward for an admin (GET /api/wards?all=true), one's own wards for anyone else. */
  async _everyWard() {
    if (!this._session || this._session.user.role !== 'admin') return this._bar.wards;
    try {
      return await this._api.get('/api/wards', { all: 'true' });
    } catch (e) {
      return this._bar.wards;
    }
  }

  _accept(session) {
    this._session = session;
    this._zone.id = session.timeZone || undefined;
    this._api.setCsrf(session.csrf);
    this._timer.start(session.idleTimeoutSeconds, session.expiresAt);
  }

  /**
   * A message on the signaling socket. The server closes a session's sockets when it ends and
   * refuses them afterwards (`not_signed_in`): ask the API, whose 401 brings the sign-in back.
   */
  socketMessage(message) {
    if (message.type === 'ward_changed') {
      this._views.wardChanged(message.ward); // a hint: the views of that ward read it again through the API
      return;
    }
    if (this._call.handle(message)) return;
    if (message.type === 'error' && message.code === 'not_signed_in') this._ping();
  }

  /**
   * The signaling socket's state. Back after a drop, what the server said meanwhile was lost:
   * Today reads its day again and a call joins again (as it also must when Join came before the
   * socket's first welcome).
   */
  socketState(state) {
    if (state === 'connected') {
      if (this._socketDropped) this._views.reconnected();
      this._socketDropped = false;
      this._call.signalingReconnected();
    } else if (state === 'reconnecting' || state === 'offline') {
      this._socketDropped = true;
      this._call.signalingLost();
    }
  }

  /** The call screen takes the place of the views until the call ends. */
  _callOpened() {
    showMessage(this._el.notice, '');
    this._views.hideAll();
    for (const section of this._el.views) section.hidden = true;
    this._el.nav.hidden = true;
    this._doc.body.dataset.view = 'call';
  }

  /** The call screen closed: the view again, what happened said, the cursor back on the visit. */
  _callClosed({ visitId, text, problem }) {
    this._el.nav.hidden = false;
    if (!this._session) return;
    this._route();
    if (text) {
      this._el.notice.classList.toggle('notice--problem', Boolean(problem));
      showMessage(this._el.notice, text);
    }
    if (this._view === 'today') this._views.today.focusVisit(visitId);
  }

  _route() {
    // /staff#enrol=12345678 (a tablet's pairing screen): the Tablets view, "Enrol a tablet" with that code.
    const enrolCode = enrolCodeOfHash(globalThis.location.hash);
    if (enrolCode !== null) globalThis.history.replaceState(null, '', `${globalThis.location.pathname}#tablets`);
    const view = viewOfHash(globalThis.location.hash, this._session.user.role);
    const previous = this._view;
    this._view = view;
    this._showScreen('console', null);
    if (previous !== null && previous !== view) showMessage(this._el.notice, ''); // said, and left behind
    this._doc.body.dataset.view = view;
    this._bar.current(view);
    for (const section of this._el.views) section.hidden = section.dataset.viewName !== view;
    this._views.show(view);
    if (previous !== view || !this._doc.activeElement || this._doc.activeElement === this._doc.body) {
      focusOn(this._doc.getElementById(`${view}-heading`));
    }
    if (enrolCode !== null && view === 'tablets') this._views.byName.tablets.openEnrol(enrolCode);
  }

  _showScreen(screen, focus) {
    const body = this._doc.body;
    body.dataset.screen = screen;
    if (screen !== 'console') delete body.dataset.view;
    this._el.loading.hidden = true;
    this._el.flow.hidden = !SIGN_IN_SCREENS.includes(screen);
    for (const step of this._el.steps) step.hidden = step.dataset.screenName !== screen;
    if (screen !== 'console') for (const section of this._el.views) section.hidden = true;
    if (focus) focusOn(focus);
  }

  /** A sentence in #staff-notice; `problem` when something went wrong (an SSO refusal). */
  _notice(key, problem) {
    this._el.notice.classList.toggle('notice--problem', Boolean(problem));
    showMessage(this._el.notice, this._t(key));
  }

  /** What anyone typed in an open dialog is about to be lost: the notice says so. */
  _unsaved() {
    return this._views.dirty || this._myPassword.dirty;
  }

  /** Leaves the console for the sign-in, with nothing of the session left on screen. */
  _leave(noticeKey, params) {
    const unsaved = this._unsaved();
    this._call.close(); // out of any call, camera and microphone off
    this._el.nav.hidden = false;
    this._socketDropped = false;
    this._session = null;
    this._view = null;
    this._api.setCsrf(null);
    this._timer.stop();
    this._idleWarningOver();
    showMessage(this._el.endsSoon, '');
    this._client.stop();
    this._el.connection.hidden = true;
    closeAllDialogs(this._doc);
    this._views.clear();
    this._bar.clear();
    if (globalThis.location.hash) globalThis.history.replaceState(null, '', globalThis.location.pathname);
    this._signIn.start();
    const said = this._t(noticeKey, params);
    this._el.notice.classList.remove('notice--problem');
    showMessage(this._el.notice, unsaved ? `${said} ${this._t('staff.session.unsaved')}` : said);
  }

  _ended(key) {
    if (this._session) this._leave(key);
  }

  async _signOut(path, key) {
    if (!this._session) return;
    try {
      await this._api.post(path);
      this._leave(key);
    } catch (e) {
      if (!this._session) return; // 401: already signed out, and said so
      if (e.code === 'network') this._leave('staff.signedOutOffline', { minutes: this._idleMinutes() });
      else this._notice(errorKey(e), true);
    }
  }

  _idleMinutes() {
    return Math.round((this._session ? this._session.idleTimeoutSeconds : 900) / 60);
  }

  async _ping() {
    if (!this._session) return;
    try {
      const session = await this._api.get('/api/session');
      if (this._session) {
        this._session = session;
        this._api.setCsrf(session.csrf);
        this._timer.confirmed();
      }
    } catch (e) {
      // 401 leaves the console through onNotSignedIn; a network failure is shown by #connection
    }
  }

  _idleWarning(deadline) {
    setText(this._el.idleText, this._t('staff.session.idleWarning'));
    this._el.idle.hidden = false;
    const tick = () => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setText(this._el.idleCountdown, this._t('staff.session.idleCountdown', { seconds: left }));
      this._idleTick = left > 0 ? setTimeout(tick, 1000) : null;
    };
    tick();
  }

  _idleWarningOver() {
    if (this._idleTick !== null) clearTimeout(this._idleTick);
    this._idleTick = null;
    this._el.idle.hidden = true;
    setText(this._el.idleCountdown, '');
  }

  async _idle() {
    const minutes = this._idleMinutes();
    // Sent before leaving, while the request can still carry the session's CSRF token; if it
    // fails, the server ends the session by itself at its own idle timeout.
    const signingOut = this._api.post('/api/session/sign-out').catch(() => null);
    this._leave('staff.session.idle', { minutes });
    await signingOut;
  }
}
