// Draws VisitFlow's view on the kiosk page: one of six full screens, chosen by
// body[data-kiosk-screen], and the call's state in body[data-call-state]. The Messages screen
// (messages-screen.js) takes the idle screen's place while the patient has it open.
// The DOM contract is in ../README.md.

import { CallTiles, play, detach } from '/static/shared/call-tiles.js';
import { linkStatus } from '/static/shared/link-words.js';
import { timeParts } from './clock.js';
import { IdleScreen } from './idle-screen.js';
import { listOf } from './names.js';
import { Volume, VOLUME_STEPS } from './volume.js';

export { listOf };

const SCREENS = ['idle', 'messages', 'incoming', 'call', 'ended', 'revoked'];
const NOTICE_MS = 12000;

export class KioskScreens {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {(key: string, params?: object) => string} o.t in the language in use
   * @param {() => string} o.locale the language in use's locale
   * @param {{answer: Function, decline: Function, notNow: Function, hangUp: Function, toggleMute: Function,
   *          toggleCamera: Function, videoSizes?: Function}} o.actions (videoSizes: the tiles' heights)
   * @param {(screen: string) => void} [o.onScreen] after another screen is shown
   */
  constructor(doc, o) {
    this._doc = doc;
    this._t = o.t;
    this._localeOf = o.locale;
    this._idle = new IdleScreen(doc, { t: o.t, locale: o.locale });
    this._volume = new Volume();
    this._lastView = null;
    this._messagesOpen = false;
    this._onScreen = o.onScreen || (() => {});
    const $ = (id) => doc.getElementById(id);
    this._el = {
      screens: Object.fromEntries(SCREENS.map((s) => [s, $(`kiosk-${s}`)])),
      planned: $('kiosk-planned'),
      caller: $('kiosk-caller'),
      calling: $('kiosk-calling'),
      auto: $('kiosk-auto'),
      answer: $('kiosk-answer'),
      decline: $('kiosk-decline'),
      notNow: $('kiosk-not-now'),
      grid: $('kiosk-grid'),
      volumeUp: $('kiosk-volume-up'),
      volumeDown: $('kiosk-volume-down'),
      volumeLevel: $('kiosk-volume-level'),
      message: $('kiosk-call-message'),
      self: $('kiosk-self-view'),
      reconnecting: $('kiosk-reconnecting'),
      notice: $('kiosk-notice'),
      mute: $('kiosk-mute'),
      camera: $('kiosk-camera'),
      hangup: $('kiosk-hangup'),
      endedDetail: $('kiosk-ended-detail'),
    };
    this._grid = new CallTiles($('kiosk-grid'), this._t, { muted: 'kiosk.tile.muted', reconnecting: 'kiosk.tile.reconnecting', weakLink: 'kiosk.tile.weakLink' },
      undefined, { onSizes: (sizes) => o.actions.videoSizes && o.actions.videoSizes(sizes) });
    this._selfStream = null;
    this._drawnCall = false;
    this._notice = { text: '', expired: false, timer: null };

    const a = o.actions;
    const on = (el, fn) => el.addEventListener('click', () => fn());
    on(this._el.answer, a.answer);
    on(this._el.decline, a.decline);
    on(this._el.notNow, a.notNow);
    on(this._el.volumeUp, () => this._changeVolume(() => this._volume.up()));
    on(this._el.volumeDown, () => this._changeVolume(() => this._volume.down()));
    on(this._el.hangup, a.hangUp);
    on(this._el.mute, a.toggleMute);
    on(this._el.camera, a.toggleCamera);
  }

  get _locale() {
    return this._localeOf();
  }

  render(view) {
    this._lastView = view;
    const body = this._doc.body;
    const callState = view.call ? view.call.state : 'idle';
    if (body.dataset.callState !== callState) body.dataset.callState = callState;
    if (view.screen !== 'idle') this._messagesOpen = false; // a call takes over; idle comes back after it
    const screen = view.screen === 'idle' && this._messagesOpen ? 'messages' : view.screen;
    if (body.dataset.kioskScreen !== screen) {
      body.dataset.kioskScreen = screen;
      for (const s of SCREENS) this._el.screens[s].hidden = s !== screen;
      this._onScreen(screen);
    }

    this._renderPlanned(view);
    if (view.screen === 'idle') this._idle.render(view);
    if (view.screen === 'incoming') this._renderIncoming(view);
    if (view.screen === 'call') this._renderCall(view);
    else this._leaveCall();
    if (view.screen === 'ended') this._renderEnded(view);
  }

  /** Shows the Messages screen in the idle screen's place (open), or the idle screen again. */
  showMessages(open) {
    this._messagesOpen = open;
    this.refresh();
  }

  /** Draws the last view again (the language changed, or a new minute for "today"/"tomorrow"). */
  refresh() {
    if (this._lastView) this.render(this._lastView);
  }

  _renderPlanned(view) {
    const el = this._el.planned;
    if (view.plannedUntil === null) {
      el.hidden = true;
      return;
    }
    const time = timeParts(new Date(view.plannedUntil), this._locale).map((p) => p.value).join('');
    setText(el, this._t('kiosk.planned', { time }));
    el.hidden = false;
  }

  _renderIncoming(view) {
    const names = view.callers;
    if (names.length === 0) {
      setText(this._el.caller, this._t('kiosk.incoming.someone'));
      setText(this._el.calling, this._t('kiosk.incoming.someoneLine'));
    } else {
      setText(this._el.caller, listOf(names, this._locale));
      setText(this._el.calling, this._t(names.length === 1 ? 'kiosk.incoming.callingOne' : 'kiosk.incoming.callingMany'));
    }
    // With consent: "The call starts in 8 seconds" and "Not now" in Decline's place until it is chosen.
    const seconds = view.autoAnswerIn;
    setText(this._el.auto, seconds === null ? '' : seconds === 1 ? this._t('kiosk.incoming.countdownOne')
      : this._t('kiosk.incoming.countdown', { seconds }));
    this._el.auto.hidden = seconds === null;
    this._el.auto.dataset.seconds = seconds === null ? '' : String(seconds);
    this._el.notNow.hidden = seconds === null;
    this._el.decline.hidden = seconds !== null;
    this._el.answer.disabled = view.answering;
    this._el.decline.disabled = view.answering;
    this._el.notNow.disabled = view.answering;
  }

  _renderCall(view) {
    this._drawnCall = true;
    const call = view.call;
    const participants = call ? call.participants : [];
    this._grid.render(participants);

    let message = '';
    if (!call || call.state === 'idle' || call.state === 'connecting') message = this._t('kiosk.call.connecting');
    else if (participants.length === 0) message = this._t('kiosk.call.alone');
    setText(this._el.message, message);
    this._el.message.hidden = message === '';

    if (view.localStream !== this._selfStream) {
      this._selfStream = view.localStream;
      this._el.self.srcObject = view.localStream;
      if (view.localStream) play(this._el.self);
    }
    const hasVideo = !!view.localStream && view.localStream.getVideoTracks().length > 0;
    const hasAudio = !!view.localStream && view.localStream.getAudioTracks().length > 0;
    const muted = !hasAudio || !!(call && call.muted);
    const cameraOff = !hasVideo || !!(call && call.cameraOff);
    this._el.self.parentElement.dataset.cameraOff = String(cameraOff);

    this._toggle(this._el.mute, muted, 'kiosk.unmute', 'kiosk.mute', !call || !hasAudio);
    this._toggle(this._el.camera, cameraOff, 'kiosk.cameraOn', 'kiosk.cameraOff', !call || !hasVideo);
    this._renderVolume();

    // Reconnecting: our own socket or media, or someone else's.
    const away = participants.filter((p) => p.reconnecting);
    let banner = '';
    if (call && (call.state === 'reconnecting' || call.resuming || view.signaling !== 'connected')) {
      banner = this._t('kiosk.reconnecting');
    } else if (away.length > 0) {
      banner = this._t('kiosk.reconnectingOther', { name: listOf(away.map((p) => p.name), this._locale) });
    }
    setText(this._el.reconnecting, banner);
    this._el.reconnecting.hidden = banner === '';

    let notice = '';
    if (view.mediaMissing) notice = this._t(`kiosk.media.${view.mediaMissing}`);
    else if (call && call.videoReduced) notice = this._t('kiosk.weakVideo');
    else if (call) notice = this._linkNotice(call);
    this._showNotice(notice);
  }

  /** Whose connection is weak, in the kiosk's words: this tablet's, or a relative's by name. */
  _linkNotice(call) {
    const link = linkStatus(call);
    if (link.quality !== 'weak' && link.quality !== 'poor') return '';
    return link.whose === 'self' ? this._t('kiosk.weakSelf') : this._t('kiosk.weakOther', link.params);
  }

  _changeVolume(change) {
    change();
    this._renderVolume();
  }

  /** The level on the remote videos, in words ("Volume 8 of 10") and in a meter of ten bars. */
  _renderVolume() {
    this._volume.apply(this._el.grid);
    const level = this._volume.level;
    const label = this._el.volumeLevel.querySelector('.kiosk-volume__words');
    setText(label, this._t('kiosk.volume.level', { level, max: VOLUME_STEPS }));
    this._el.volumeLevel.dataset.level = String(level);
    this._el.volumeLevel.querySelectorAll('.kiosk-volume__bar').forEach((bar, i) => {
      bar.dataset.on = String(i < level);
    });
    this._el.volumeUp.disabled = this._volume.atMost;
    this._el.volumeDown.disabled = this._volume.atLeast;
  }

  /** A notice stays NOTICE_MS, then gets out of the way of the faces. */
  _showNotice(text) {
    const n = this._notice;
    if (text !== n.text) {
      clearTimeout(n.timer);
      n.text = text;
      n.expired = false;
      n.timer = text ? setTimeout(() => {
        n.expired = true;
        this._el.notice.hidden = true;
      }, NOTICE_MS) : null;
      setText(this._el.notice, text);
    }
    this._el.notice.hidden = text === '' || n.expired;
  }

  _leaveCall() {
    if (!this._drawnCall) return;
    this._drawnCall = false;
    this._notice = { text: '', expired: false, timer: null };
    this._grid.clear();
    detach(this._el.self);
    this._selfStream = null;
    this._el.message.hidden = true;
    this._el.reconnecting.hidden = true;
    this._showNotice('');
  }

  _renderEnded(view) {
    const key = { time_up: 'kiosk.ended.timeUp', cancelled: 'kiosk.ended.cancelled', failed: 'kiosk.ended.failed' }[view.endedWhy];
    setText(this._el.endedDetail, key ? this._t(key) : '');
    this._el.endedDetail.hidden = !key;
  }

  /**
   * A button whose words say what a tap does ("Mute" / "Unmute"); [data-off] draws it
   * in the "off" colours while the microphone or camera is off.
   */
  _toggle(button, off, keyWhenOff, keyWhenOn, disabled) {
    button.dataset.off = String(off);
    setText(button.querySelector('.kiosk-button__label'), this._t(off ? keyWhenOff : keyWhenOn));
    button.disabled = disabled;
  }
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
