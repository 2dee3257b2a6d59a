// The call engine shared by the family page and the kiosk: one participant's side of a
// video visit (docs/protocol.md, "Calls"). The server offers, this side answers; every
// `joined` starts a fresh RTCPeerConnection (after a reconnect, an ICE restart or a
// bridge failover), with that `joined`'s TURN servers and credentials when it has some.
// No UI here: pages render from `call.snapshot()` in `onChange`.
//
//   const call = new Call({ send: (m) => page.client.send(m), localStream, onChange: render });
//   call.joinByInvite(inviteId);            // family; or call.answer(visit) on the kiosk
//   // in the page's onMessage: if (call.handle(message)) return;
//   // when the socket drops (onState 'reconnecting' or 'offline'): call.signalingLost();
//   // after a welcome that follows a dropped socket: call.signalingReconnected();
//   call.setMuted(true); call.setCameraOff(true); call.leave(); call.end();
//   call.close();                           // timers and the RTCPeerConnection, when the page goes
//
// The browser's parts are options with the browser's own as defaults, so the state machine runs
// in Node too (call-engine.selftest.js): `createPeerConnection(config)`, `createMediaStream(tracks)`,
// `timers` ({setTimeout, clearTimeout}) and `now()` (ms since 1970).
//
// snapshot(): {
//   state:        'idle' | 'lobby' | 'connecting' | 'in-call' | 'reconnecting' | 'ended',
//   visit:        visit id or null,
//   self:         own participant id or null,
//   patientName:  from `lobby`, or null,
//   endsAt:       from `visit_ready` (ms since 1970), or null,
//   endReason:    'ended'|'declined'|'no_answer'|'time_up'|'removed'|'cancelled'|'left' when state is 'ended',
//   error:        the last refusal's code (e.g. 'invite_invalid'), or null,
//   muted, cameraOff: booleans (own),
//   quality:      'unknown' | 'good' | 'weak' | 'poor',
//   videoReduced: true when the link is too weak for full video and audio is kept first,
//   resuming:     true while a fresh media session that follows one that was connected is not
//                 connected yet (after a reconnect or an ICE restart): "reconnecting" to a person,
//   participants: [{ id, role, name, muted, cameraOff, reconnecting, link, stream }]  (others only;
//                 link: their own connection as their page judges it, a `quality` word;
//                 stream: a MediaStream with their audio and video tracks, or null before media)
// }
//
// States: `joinByInvite`/`joinByVisit`/`answer` → 'connecting' until `lobby` ('lobby') or
// `joined` ('connecting' until ICE and DTLS connect, then 'in-call'). 'reconnecting' while the
// socket is down (after signalingLost, or a send that found no socket) or while the media
// connection is `disconnected`/`failed`. A refused join or answer → 'ended' with endReason
// null and `error` set; `ended` → 'ended' with its reason; `leave()` → 'ended', 'left'.
//
// Media: the local tracks go into the m-sections the offer marks `recvonly` (one audio, one
// video), answered `sendonly`; every other m-section is answered `recvonly` or `inactive`.
// Candidates travel inside the answer (no trickle): the answer waits up to
// GATHER_WAIT_MS for ICE gathering. Offers are applied one at a time, in order.

import { offerSections, participantOfStream } from './call-sdp.js';
import { readStats, qualityOf, QualityWindow, VideoGate } from './call-quality.js';
import { OfferQueue, gathered, placeTracks, preferAudio, remoteTracks, sendVideo, sessionConfig } from './call-media.js';
import { SizeReporter, layeredAnswer, scaleLayers } from './call-simulcast.js';

export { OfferQueue };

export const STATS_EVERY_MS = 2000;
export const DISCONNECTED_GRACE_MS = 3000;
/** How long after a session connects its statistics are left alone (webrtc's estimate ramps up). */
const RAMP_UP_MS = 10_000;
export const GATHER_WAIT_MS = 1500;

/** Codes that refuse a join or an answer (docs/protocol.md, "A visit, in order", 1). */
const REFUSALS = new Set([
  'invite_invalid', 'invite_revoked', 'visit_not_started', 'visit_ended', 'wrong_visit',
  'not_allowed', 'not_available_yet', 'not_in_visit', 'not_ringing', 'internal', 'rate_limited',
]);
/** Codes that concern a call that is under way. */
const IN_CALL_ERRORS = new Set(['sdp_invalid', 'stale_revision', 'not_allowed', 'participant_unknown']);
/** Codes that mean the server no longer has us in the visit. */
const OUT_OF_VISIT = new Set(['visit_ended', 'not_in_visit']);

const DEFAULT_RTC_CONFIG = Object.freeze({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });

export class Call {
  /**
   * @param {object} o
   * @param {(message: object) => boolean|void} o.send sends one protocol message; false: no socket
   * @param {MediaStream} o.localStream the camera and microphone (a stream without video is fine)
   * @param {(snapshot: object) => void} [o.onChange] after every change of the snapshot
   * @param {RTCConfiguration} [o.rtcConfig]
   * @param {{warn: Function}} [o.logger]
   * @param {(config: RTCConfiguration) => RTCPeerConnection} [o.createPeerConnection] the browser's by default
   * @param {(tracks: MediaStreamTrack[]) => MediaStream} [o.createMediaStream] the browser's by default
   * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers] the page's by default
   * @param {() => number} [o.now] milliseconds since 1970, Date.now by default
   */
  constructor(o) {
    this._send = o.send;
    this._local = o.localStream || null;
    this._onChange = o.onChange || (() => {});
    this._rtcConfig = o.rtcConfig || DEFAULT_RTC_CONFIG;
    this._logger = o.logger || console;
    this._createPeerConnection = o.createPeerConnection || ((config) => new RTCPeerConnection(config));
    this._createMediaStream = o.createMediaStream || ((tracks) => new MediaStream(tracks));
    const timers = o.timers || globalThis;
    this._timers = {
      setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
      clearTimeout: (id) => timers.clearTimeout(id),
    };
    this._now = o.now || (() => Date.now());
    this._sizes = new SizeReporter((m) => this._transmit(m), this._timers);

    this._phase = 'idle'; // idle | lobby | connecting | in-call | ended
    this._how = null; // {invite} or {visit}: how to join again after a reconnect
    this._pending = null; // 'join' | 'answer' while a refusal may come
    this._signalingDown = false;
    this._resuming = false;
    this._visit = null;
    this._self = null;
    this._patientName = null;
    this._endsAt = null;
    this._endReason = null;
    this._error = null;
    this._muted = false;
    this._cameraOff = false;
    this._quality = 'unknown';
    this._linkSent = 'unknown'; // the last quality the others were told of
    this._videoReduced = false;
    this._people = new Map(); // id -> {id, role, name, muted, cameraOff, reconnecting}
    this._streams = new Map(); // id -> MediaStream
    this._session = null;
    this._offers = new OfferQueue((job) => this._applyOffer(job), (e, job) => this._offerFailed(e, job));
  }

  snapshot() {
    return {
      state: this.state,
      visit: this._visit,
      self: this._self,
      patientName: this._patientName,
      endsAt: this._endsAt,
      endReason: this._endReason,
      error: this._error,
      muted: this._muted,
      cameraOff: this._cameraOff,
      quality: this._quality,
      videoReduced: this._videoReduced,
      resuming: this._resuming && this._phase === 'connecting',
      participants: [...this._people.values()].map((p) => ({ ...p, stream: this._streams.get(p.id) || null })),
    };
  }

  get state() {
    if (this._phase === 'idle' || this._phase === 'ended') return this._phase;
    const mediaDown = this._session !== null && this._session.mediaDown;
    return this._signalingDown || mediaDown ? 'reconnecting' : this._phase;
  }

  // --- what the page asks -------------------------------------------------------------------

  /** Family: join with the link's invite id (never the #secret). */
  joinByInvite(invite) { this._join({ invite }); }

  /** Staff, or a kiosk after a reconnect: join with the visit id. */
  joinByVisit(visit) { this._join({ visit }); }

  /** Kiosk: the patient answers the ring. */
  answer(visit) {
    this._start({ visit }, visit);
    this._pending = 'answer';
    this._transmit({ type: 'answer', visit });
    this._changed();
  }

  /** Kiosk: the patient declines the ring. The call stays idle. */
  decline(visit) { this._transmit({ type: 'decline', visit }); }

  /** Kiosk: lets one person in from the lobby. */
  admit(participant) {
    if (this._visit) this._transmit({ type: 'admit', visit: this._visit, participant });
  }

  /** Leaves the call; the others stay. */
  leave() {
    if (this._visit && this._phase !== 'idle' && this._phase !== 'ended') {
      this._transmit({ type: 'leave', visit: this._visit });
    }
    this._finish('left', null);
  }

  /** Kiosk: ends the visit for everyone; `ended` follows. */
  end() {
    if (this._visit) this._transmit({ type: 'end', visit: this._visit });
  }

  setMuted(muted) {
    this._muted = !!muted;
    this._tracks('audio').forEach((t) => { t.enabled = !this._muted; });
    this._sendMediaState();
    this._changed();
  }

  /** How tall this screen shows each participant, [{participant, height}]: sent paced, as `video_sizes`. */
  setVideoSizes(sizes) { this._sizes.set(this._visit, sizes); }

  setCameraOff(off) {
    this._cameraOff = !!off;
    this._tracks('video').forEach((t) => { t.enabled = !this._cameraOff; });
    this._sendMediaState();
    this._changed();
  }

  /** The signaling socket dropped. */
  signalingLost() {
    if (this._signalingDown) return;
    this._signalingDown = true;
    if (this._active()) this._changed();
  }

  /** A welcome after a dropped socket (or any welcome): joins again the way we joined. */
  signalingReconnected() {
    this._signalingDown = false;
    if (this._active() && this._how) {
      this._pending = 'join';
      this._transmit({ type: 'join', ...this._how });
    }
    this._changed();
  }

  /** Releases the timers and the RTCPeerConnection. */
  close() {
    this._offers.clear();
    this._sizes.close();
    this._closeSession();
  }

  // --- what the server says ------------------------------------------------------------------

  /** Consumes a call message; true when it was one for this call. */
  handle(m) {
    if (!m || typeof m.type !== 'string') return false;
    if (m.type === 'error') return this._refused(m.code);
    if (m.type === 'ring' || m.type === 'waiting') return false; // the kiosk's own
    const mine = this._visit === null || m.visit === undefined || m.visit === this._visit;
    switch (m.type) {
      case 'visit_ready':
        if (mine || !this._active()) {
          this._visit = m.visit;
          this._endsAt = m.endsAt;
          if (this._pending === 'join') this._pending = null;
          this._changed();
        }
        return true;
      case 'lobby':
        if (!mine || !this._active()) return true;
        this._closeSession();
        this._pending = null;
        this._phase = 'lobby';
        this._patientName = m.name;
        this._error = null;
        this._changed();
        return true;
      case 'joined':
        if (!mine || !this._active()) return true;
        this._joined(m);
        return true;
      case 'sdp_offer':
        if (mine && this._session) this._offers.push({ session: this._session, revision: m.revision, sdp: m.sdp });
        return true;
      case 'participant_joined':
      case 'participant_left':
      case 'participant_media':
      case 'participant_link':
      case 'participant_reconnecting':
        if (mine && this._active()) this._participant(m);
        return true;
      case 'ended':
        if (mine && this._active()) this._finish(m.reason, null);
        return true;
      default:
        return false;
    }
  }

  // --- joining and ending ------------------------------------------------------------------

  _join(how) {
    this._start(how, how.visit || null);
    this._pending = 'join';
    this._transmit({ type: 'join', ...how });
    this._changed();
  }

  _start(how, visit) {
    this._closeSession();
    this._how = how;
    this._phase = 'connecting';
    this._visit = visit;
    this._self = null;
    this._endReason = null;
    this._error = null;
    this._resuming = false;
    this._people.clear();
    this._streams.clear();
  }

  _finish(reason, error) {
    this._offers.clear();
    this._closeSession();
    this._phase = 'ended';
    this._pending = null;
    this._resuming = false;
    this._endReason = reason;
    this._error = error;
    this._people.clear();
    this._streams.clear();
    this._changed();
  }

  _refused(code) {
    if (this._pending && REFUSALS.has(code)) {
      this._finish(null, code);
      return true;
    }
    if (!this._active()) return false;
    if (OUT_OF_VISIT.has(code)) {
      this._finish(null, code);
      return true;
    }
    if (!IN_CALL_ERRORS.has(code)) return false;
    this._error = code;
    this._changed();
    return true;
  }

  _active() {
    return this._phase === 'lobby' || this._phase === 'connecting' || this._phase === 'in-call';
  }

  // --- media sessions ------------------------------------------------------------------------

  _joined(m) {
    const wasConnected = this._phase === 'in-call' || (this._session !== null && this._session.connected);
    this._resuming = wasConnected || (this._resuming && this._session !== null);
    this._offers.clear();
    this._closeSession();
    this._pending = null;
    this._visit = m.visit;
    this._self = m.participant;
    this._people.delete(m.participant);
    this._phase = 'connecting';
    this._error = null;
    this._streams.clear();
    this._openSession(m.iceServers);
    this._changed();
  }

  _openSession(iceServers) {
    const pc = this._createPeerConnection(sessionConfig(this._rtcConfig, iceServers));
    const session = {
      pc,
      sections: [],
      own: { audio: null, video: null }, // the senders of our microphone and camera
      answered: false,
      connected: false,
      connectedAt: 0,
      mediaDown: false,
      iceRestartSent: false,
      disconnectedTimer: null,
      statsTimer: null,
      statsBusy: false,
      gate: new VideoGate(),
      qualities: new QualityWindow(),
      prioritized: false,
    };
    this._session = session;
    this._quality = 'unknown';
    this._videoReduced = false;
    this._reportLink();
    pc.addEventListener('connectionstatechange', () => this._connectionChanged(session));
    pc.addEventListener('track', () => { if (session === this._session) this._refreshStreams(); });
    this._everyStatsPeriod(session);
  }

  // A sample every STATS_EVERY_MS while the session is the current one.
  _everyStatsPeriod(session) {
    session.statsTimer = this._timers.setTimeout(() => {
      if (session !== this._session) return;
      this._everyStatsPeriod(session);
      this._sample(session);
    }, STATS_EVERY_MS);
  }

  _closeSession() {
    const s = this._session;
    this._session = null;
    if (!s) return;
    this._timers.clearTimeout(s.statsTimer);
    this._timers.clearTimeout(s.disconnectedTimer);
    try {
      s.pc.close();
    } catch (e) {
      // already closed
    }
  }

  async _applyOffer({ session, revision, sdp }) {
    if (session !== this._session) return;
    const pc = session.pc;
    await pc.setRemoteDescription({ type: 'offer', sdp });
    if (session !== this._session) return;
    const sections = offerSections(sdp);
    session.own = await placeTracks(pc, sections, this._local);
    const { answer, layers } = layeredAnswer(pc, await pc.createAnswer(), session.own.video, this._local);
    await pc.setLocalDescription(answer);
    if (layers.length > 1 && !session.layered) session.layered = await scaleLayers(session.own.video, layers);
    await gathered(pc, GATHER_WAIT_MS, this._timers);
    if (session !== this._session) return;
    session.sections = sections;
    this._transmit({ type: 'sdp_answer', visit: this._visit, revision, sdp: pc.localDescription.sdp });
    if (this._error === 'sdp_invalid' || this._error === 'stale_revision') this._error = null;
    if (!session.answered) {
      session.answered = true;
      this._sendMediaState();
    }
    this._connectedAndAnswered(session);
    this._refreshStreams();
    if (!session.prioritized) {
      session.prioritized = true;
      preferAudio(session.own); // a promise that never rejects
    }
    this._changed();
  }

  _offerFailed(e, job) {
    if (job.session !== this._session) return;
    this._logger.warn(`Lucarne call: could not answer offer ${job.revision}: ${e && e.name}: ${e && e.message}`);
    this._error = 'sdp_invalid';
    this._changed();
  }

  // One MediaStream per participant with the tracks of the m-sections that carry their sources.
  _refreshStreams() {
    const session = this._session;
    if (!session) return;
    const tracks = new Map();
    for (const { streamId, track } of remoteTracks(session.pc, session.sections)) {
      const id = participantOfStream(streamId, this._people.keys());
      if (id === this._self) continue;
      if (!tracks.has(id)) tracks.set(id, []);
      tracks.get(id).push(track);
    }
    let changed = false;
    for (const id of new Set([...tracks.keys(), ...this._streams.keys()])) {
      const want = tracks.get(id) || [];
      const have = this._streams.get(id);
      const same = have && have.getTracks().length === want.length && want.every((t) => have.getTracks().includes(t));
      if (want.length === 0) {
        changed = this._streams.delete(id) || changed;
      } else if (!same) {
        this._streams.set(id, this._createMediaStream(want));
        changed = true;
      }
    }
    if (changed) this._changed();
  }

  _connectionChanged(session) {
    if (session !== this._session) return;
    const state = session.pc.connectionState;
    this._timers.clearTimeout(session.disconnectedTimer);
    session.disconnectedTimer = null;
    if (state === 'connected') {
      if (!session.connected) session.connectedAt = this._now();
      session.connected = true;
      session.mediaDown = false;
      this._connectedAndAnswered(session);
    } else if (state === 'disconnected') {
      session.mediaDown = session.connected;
      session.disconnectedTimer = this._timers.setTimeout(() => {
        if (session === this._session && session.pc.connectionState === 'disconnected') this._iceRestart(session);
      }, DISCONNECTED_GRACE_MS);
    } else if (state === 'failed') {
      session.mediaDown = true;
      this._iceRestart(session);
    }
    this._changed();
  }

  _connectedAndAnswered(session) {
    if (session.connected && session.answered && this._phase === 'connecting') {
      this._phase = 'in-call';
      this._resuming = false;
    }
  }

  _iceRestart(session) {
    if (session.iceRestartSent || !this._visit) return;
    session.iceRestartSent = true;
    this._transmit({ type: 'ice_restart', visit: this._visit });
  }

  // --- quality -------------------------------------------------------------------------------

  _sample(session) {
    if (session !== this._session || session.statsBusy || session.pc.connectionState !== 'connected') return;
    // The bandwidth estimate starts low and climbs for several seconds: judging the link then
    // would say "weak connection" at the start of every call, and could stop the video.
    if (this._now() - session.connectedAt < RAMP_UP_MS) return;
    session.statsBusy = true;
    Promise.resolve()
      .then(() => session.pc.getStats())
      .then((report) => {
        if (session !== this._session) return;
        const sample = readStats(report.values());
        const reduced = session.own.video ? session.gate.update(sample, this._now()) : false;
        const quality = session.qualities.push(qualityOf(sample));
        if (reduced !== this._videoReduced) this._sendVideo(session, !reduced);
        if (quality !== this._quality || reduced !== this._videoReduced) {
          this._quality = quality;
          this._videoReduced = reduced;
          this._changed();
        }
        this._reportLink();
      })
      .catch((e) => this._logger.warn(`Lucarne call: statistics failed: ${e && e.message}`))
      .finally(() => { session.statsBusy = false; });
  }

  /** Tells the others how our link looks when that changed since we last told them. */
  _reportLink() {
    if (!this._visit || this._linkSent === this._quality) return;
    if (this._transmit({ type: 'link_quality', visit: this._visit, quality: this._quality })) {
      this._linkSent = this._quality;
    }
  }

  async _sendVideo(session, on) {
    if (!(await sendVideo(session.own.video, on))) {
      this._logger.warn(`Lucarne call: could not turn video ${on ? 'on' : 'off'}`);
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  _participant(m) {
    if (m.participant === this._self) return;
    const known = this._people.get(m.participant);
    switch (m.type) {
      case 'participant_joined':
        this._people.set(m.participant, {
          id: m.participant, role: m.role, name: m.name,
          muted: known ? known.muted : false, cameraOff: known ? known.cameraOff : false, reconnecting: false,
          link: known ? known.link : 'unknown',
        });
        this._refreshStreams();
        break;
      case 'participant_left':
        this._people.delete(m.participant);
        this._streams.delete(m.participant);
        break;
      case 'participant_media':
        if (known) Object.assign(known, { muted: m.muted, cameraOff: m.cameraOff });
        break;
      case 'participant_link':
        if (known) known.link = m.quality;
        break;
      case 'participant_reconnecting':
        if (known) known.reconnecting = true;
        break;
      default:
        return;
    }
    this._changed();
  }

  _sendMediaState() {
    if (this._visit && this._session && this._session.answered) {
      this._transmit({ type: 'media_state', visit: this._visit, muted: this._muted, cameraOff: this._cameraOff });
    }
  }

  _tracks(kind) {
    if (!this._local) return [];
    return kind === 'audio' ? this._local.getAudioTracks() : this._local.getVideoTracks();
  }

  _transmit(message) {
    let sent;
    try {
      sent = this._send({ v: 1, ...message });
    } catch (e) {
      this._logger.warn(`Lucarne call: could not send ${message.type}: ${e && e.message}`);
      return false;
    }
    if (sent === false && !this._signalingDown) {
      this._signalingDown = true;
      this._changed();
    }
    return sent !== false;
  }

  _changed() {
    try {
      this._onChange(this.snapshot());
    } catch (e) {
      this._logger.warn(`Lucarne call: onChange failed: ${e && e.message}`);
    }
  }
}
