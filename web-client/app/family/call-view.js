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
//   #call-mute, #call-camera, #call-leave (aria-pressed), #call-quality[data-quality][data-video-reduced],
//   #call-reconnecting (hidden unless the socket or the media is reconnecting)

import { errorMessageKey } from '../shared/protocol.js';

/** End reasons after which calling again makes sense: the booked slot is still open. */
const CALL_AGAIN = new Set(['declined', 'no_answer', 'ended', 'left']);
/** Refusals worth another try: the server may say yes later. */
const TRY_AGAIN = new Set(['visit_not_started', 'internal', 'rate_limited', 'not_in_visit', 'sdp_invalid']);

export class CallView {
  /**
   * @param {Document} doc
   * @param {(key: string, params?: object) => string} t
   * @param {{join: Function, leave: Function, mute: Function, camera: Function}} actions
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
    this._tiles = new Map(); // participant id -> {root, video, name, marks, status}
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
    const seen = new Set();
    for (const p of s.participants) {
      seen.add(p.id);
      let tile = this._tiles.get(p.id);
      if (!tile) {
        tile = this._newTile(p.id);
        this._tiles.set(p.id, tile);
        this._el.tiles.append(tile.root);
      }
      this._renderTile(tile, p);
    }
    for (const [id, tile] of this._tiles) {
      if (!seen.has(id)) this._removeTile(id, tile);
    }
    this._el.tiles.dataset.count = String(this._tiles.size);
    this._el.alone.hidden = this._tiles.size > 0;

    setPressed(this._el.mute, s.muted, t(s.muted ? 'call.unmute' : 'call.mute'));
    setPressed(this._el.camera, s.cameraOff, t(s.cameraOff ? 'call.cameraOn' : 'call.cameraOff'));
    this._el.self.classList.toggle('call__self--off', s.cameraOff);

    const q = this._el.quality;
    q.dataset.quality = s.quality;
    q.dataset.videoReduced = String(s.videoReduced);
    setText(q, s.videoReduced ? t('call.quality.videoReduced') : t(`call.quality.${s.quality}`));
  }

  _newTile(id) {
    const doc = this._doc;
    const root = doc.createElement('figure');
    root.className = 'call-tile';
    root.dataset.participant = id;
    const video = doc.createElement('video');
    video.className = 'call-tile__video';
    video.autoplay = true;
    video.playsInline = true; // not muted: this is how their voice is heard
    const placeholder = doc.createElement('div');
    placeholder.className = 'call-tile__placeholder';
    placeholder.setAttribute('aria-hidden', 'true');
    const caption = doc.createElement('figcaption');
    caption.className = 'call-tile__caption';
    const name = doc.createElement('span');
    name.className = 'call-tile__name';
    const marks = doc.createElement('span');
    marks.className = 'call-tile__marks';
    caption.append(name, marks);
    const status = doc.createElement('p');
    status.className = 'call-tile__status';
    status.hidden = true;
    root.append(video, placeholder, status, caption);
    return { root, video, placeholder, name, marks, status, stream: null };
  }

  _renderTile(tile, p) {
    const t = this._t;
    const root = tile.root;
    root.dataset.role = p.role;
    root.dataset.name = p.name;
    setFlag(root, 'muted', p.muted);
    setFlag(root, 'cameraOff', p.cameraOff);
    setFlag(root, 'reconnecting', p.reconnecting);
    setText(tile.name, p.name);
    setText(tile.placeholder, initial(p.name));
    const marks = [];
    if (p.muted) marks.push(t('call.tile.muted'));
    if (p.cameraOff) marks.push(t('call.tile.cameraOff'));
    setText(tile.marks, marks.join(' · '));
    tile.status.hidden = !p.reconnecting;
    if (p.reconnecting) setText(tile.status, t('call.tile.reconnecting'));
    if (tile.stream !== p.stream) {
      tile.stream = p.stream;
      tile.video.srcObject = p.stream;
      if (p.stream) tile.video.play().catch(() => {}); // the Join click allowed sound
    }
  }

  _removeTile(id, tile) {
    tile.video.srcObject = null;
    tile.root.remove();
    this._tiles.delete(id);
  }

  _clearTiles() {
    for (const [id, tile] of this._tiles) this._removeTile(id, tile);
    this._el.tiles.dataset.count = '0';
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

function initial(name) {
  const first = [...String(name || '').trim()][0];
  return first ? first.toLocaleUpperCase() : '';
}

function setData(el, key, value) {
  if (value === null || value === undefined) delete el.dataset[key];
  else el.dataset[key] = value;
}

function setFlag(el, key, on) {
  if (on) el.dataset[key] = '';
  else delete el.dataset[key];
}

function setPressed(button, pressed, label) {
  button.setAttribute('aria-pressed', String(pressed));
  setText(button, label);
}

// Writing the same text again can make some screen readers repeat it.
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
