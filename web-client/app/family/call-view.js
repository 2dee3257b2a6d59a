// The family page's call screens, drawn from the call engine's snapshot (shared/call.js):
// joining, the lobby, the call itself and the end. No protocol here: buttons call back.
//
// DOM contract (the browser tests rely on it; also in web-client/README.md):
//   body[data-call-state]   idle | lobby | connecting | in-call | reconnecting | ended
//   body[data-end-reason]   when the call ended with a reason; body[data-call-error] the code
//   #join-call, #call-lobby (with the patient's name), #call-view, #call-end, #call-end-message,
//   #call-rejoin
//   .call-tile[data-participant][data-role][data-name] per remote person, with
//     <video class="call-tile__video">, and [data-muted] [data-camera-off] [data-reconnecting]
//     ("true" when so): the shared tiles of ../shared/call-tiles.js
//   #call-mute, #call-camera, #call-leave (aria-pressed), #call-quality[data-quality][data-video-reduced],
//   #call-reconnecting (hidden unless the socket or the media is reconnecting)

import { CALL_TILE_LABELS, CallTiles } from '../shared/call-tiles.js';
import { linkStatus } from '../shared/link-words.js';
import { errorMessageKey } from '../shared/protocol.js';

/** End reasons after which calling again makes sense: the booked slot is still open. */
const CALL_AGAIN = new Set(['declined', 'no_answer', 'ended', 'left']);
/** What a tile says of someone: the call's words, as on the staff console's call screen. */
/** Refusals worth another try: the server may say yes later. */
const TRY_AGAIN = new Set(['visit_not_started', 'internal', 'rate_limited', 'not_in_visit', 'sdp_invalid']);

export class CallView {
  /**
   * @param {Document} doc
   * @param {(key: string, params?: object) => string} t
   * @param {{join: Function, leave: Function, mute: Function, camera: Function, videoSizes?: Function}} actions
   *   (videoSizes: the tiles' heights, for call.setVideoSizes)
   */
  constructor(doc, t, actions) {
    this._doc = doc;
    this._t = t;
    const $ = (id) => doc.getElementById(id);
    this._el = {
      deviceCheck: $('device-check'), join: $('call-join'), joinButton: $('join-call'), joining: $('call-joining'),
      lobby: $('call-lobby'), lobbyMessage: $('call-lobby-message'), cancel: $('call-cancel'),
      view: $('call-view'), tiles: $('call-tiles'), alone: $('call-alone'), self: $('call-self'),
      quality: $('call-quality'), mute: $('call-mute'), camera: $('call-camera'), leave: $('call-leave'),
      reconnecting: $('call-reconnecting'), end: $('call-end'), endMessage: $('call-end-message'),
      rejoin: $('call-rejoin'),
    };
    this._tiles = new CallTiles(this._el.tiles, t, CALL_TILE_LABELS, undefined,
      { onSizes: (sizes) => actions.videoSizes && actions.videoSizes(sizes) });
    this._snapshot = null;
    this._el.joinButton.addEventListener('click', () => actions.join());
    this._el.rejoin.addEventListener('click', () => actions.join());
    this._el.cancel.addEventListener('click', () => actions.leave());
    this._el.leave.addEventListener('click', () => actions.leave());
    this._el.mute.addEventListener('click', () => actions.mute(!(this._snapshot && this._snapshot.muted)));
    this._el.camera.addEventListener('click', () => actions.camera(!(this._snapshot && this._snapshot.cameraOff)));
    doc.body.dataset.callState = 'idle';
  }

  /** Shows or hides the join button (the device check is ready, the link is whole). */
  offerJoin(ready) {
    this._el.join.hidden = !ready;
  }

  /** The stream of one's own camera, for the small self-view. */
  showSelf(stream) {
    const v = this._el.self;
    if (v.srcObject !== stream) {
      v.srcObject = stream;
      v.play().catch(() => {});
    }
  }

  render(s) {
    this._snapshot = s;
    const body = this._doc.body;
    body.dataset.callState = s.state;
    setData(body, 'endReason', s.state === 'ended' ? s.endReason : null);
    setData(body, 'callError', s.error);

    const inCall = s.self !== null && ['connecting', 'in-call', 'reconnecting'].includes(s.state);
    const inLobby = !inCall && (s.state === 'lobby' || (s.state === 'reconnecting' && s.patientName !== null));
    const joining = !inCall && !inLobby && (s.state === 'connecting' || s.state === 'reconnecting');
    this._el.deviceCheck.hidden = !(s.state === 'idle' || joining);
    this._el.joinButton.hidden = joining;
    this._el.joining.hidden = !joining;
    this._el.lobby.hidden = !inLobby;
    this._el.view.hidden = !inCall;
    this._el.end.hidden = s.state !== 'ended';
    this._el.reconnecting.hidden = !(s.state === 'reconnecting' || s.resuming);
    body.classList.toggle('family--in-call', inCall);

    if (inLobby) setText(this._el.lobbyMessage, this._t('family.lobby', { name: s.patientName }));
    if (inCall) this._renderCall(s);
    else this._clearTiles();
    if (s.state === 'ended') this._renderEnd(s);
  }

  _renderCall(s) {
    const t = this._t;
    this._tiles.render(s.participants);
    this._el.alone.hidden = this._tiles.count > 0;

    setPressed(this._el.mute, s.muted, t(s.muted ? 'call.unmute' : 'call.mute'));
    setPressed(this._el.camera, s.cameraOff, t(s.cameraOff ? 'call.cameraOn' : 'call.cameraOff'));
    this._el.self.classList.toggle('call__self--off', s.cameraOff);

    const q = this._el.quality;
    const link = linkStatus(s);
    q.dataset.quality = link.quality;
    q.dataset.whose = link.whose;
    q.dataset.videoReduced = String(s.videoReduced);
    setText(q, t(link.key, link.params));
  }

  _clearTiles() {
    this._tiles.clear();
  }

  _renderEnd(s) {
    const t = this._t;
    const name = s.patientName || t('call.someone');
    let text;
    let again = null;
    if (s.endReason) {
      text = t(`call.end.${s.endReason}`, { name });
      if (CALL_AGAIN.has(s.endReason)) again = s.endReason === 'left' || s.endReason === 'ended' ? 'call.rejoin' : 'call.callAgain';
    } else {
      text = t(errorMessageKey(s.error || 'internal'));
      if (TRY_AGAIN.has(s.error)) again = 'call.tryAgain';
    }
    setText(this._el.endMessage, text);
    this._el.rejoin.hidden = again === null;
    if (again) setText(this._el.rejoin, t(again));
  }
}

function setData(el, key, value) {
  if (value === null || value === undefined) delete el.dataset[key];
  else el.dataset[key] = value;
}

function setPressed(button, pressed, label) {
  button.setAttribute('aria-pressed', String(pressed));
  setText(button, label);
}

// Writing the same text again can make some screen readers repeat it.
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
