// Checks the call engine's state machine (call.js) below the browser: a peer connection that
// records what it is asked and lets the check fire its events, timers and a clock that move only
// when the check says so (manual-time.js). The real RTCPeerConnection is covered by the Chromium
// tests (VisitCallBrowserIT, StaffCallBrowserIT). Runs in Node and in a browser.
//
//   await runCallEngineChecks() -> [] when all pass, else one line per failure.

import { Call, DISCONNECTED_GRACE_MS, STATS_EVERY_MS } from './call.js';
import { offerSections } from './call-sdp.js';
import { manualTime } from './manual-time.js';

const VISIT = 'visit-1';
const SELF = 'fam_1';
const PATIENT = 'pat-7x';
// Our audio and video offered recvonly, the patient's sendonly (media-bridge's OfferBuilder shape).
const OFFER = [
  'v=0', 'o=- 1 2 IN IP4 0.0.0.0', 's=-', 't=0 0', 'a=group:BUNDLE 0 1 2 3',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', 'a=recvonly',
  'm=video 9 UDP/TLS/RTP/SAVPF 100', 'a=mid:1', 'a=recvonly',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:2', 'a=sendonly', 'a=msid:pat-7x-e1 pat-7x-e1-a0',
  'm=video 9 UDP/TLS/RTP/SAVPF 100', 'a=mid:3', 'a=sendonly', 'a=msid:pat-7x-e1 pat-7x-e1-v0',
  '',
].join('\r\n');
/** A link of 100 kbit/s: poor, and too little for video. */
const WEAK_LINK = [
  { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
  { id: 'P', type: 'candidate-pair', availableOutgoingBitrate: 100000, currentRoundTripTime: 0.05 },
];

/** What call.js needs of an RTCPeerConnection; it records the calls and the check fires the events. */
class RecordingPeerConnection {
  constructor(config) {
    this.config = config;
    this.calls = [];
    this.listeners = new Map();
    this.transceivers = [];
    this.connectionState = 'new';
    this.iceGatheringState = 'complete';
    this.localDescription = null;
    this.closed = false;
    this.stats = [];
    this.hold = null; // a promise setRemoteDescription waits for
    this._answers = 0;
  }

  addEventListener(type, fn) { this.listeners.set(type, [...(this.listeners.get(type) || []), fn]); }
  removeEventListener(type, fn) { this.listeners.set(type, (this.listeners.get(type) || []).filter((f) => f !== fn)); }
  fire(type) { (this.listeners.get(type) || []).forEach((fn) => fn({ type })); }

  /** The ICE and DTLS connection moves to `state`, as the browser says with connectionstatechange. */
  becomes(state) {
    this.connectionState = state;
    this.fire('connectionstatechange');
  }

  /** The next setRemoteDescription waits until the returned function is called. */
  holdNextOffer() {
    let release;
    this.hold = new Promise((resolve) => { release = resolve; });
    return release;
  }

  async setRemoteDescription(description) {
    this.calls.push(`setRemoteDescription ${description.type}`);
    const hold = this.hold;
    this.hold = null;
    if (hold) await hold;
    for (const s of offerSections(description.sdp)) {
      if (this.transceivers.some((t) => t.mid === s.mid)) continue;
      this.transceivers.push({
        mid: s.mid, currentDirection: null, direction: 'recvonly',
        receiver: { track: { kind: s.kind, id: `remote-${s.mid}` } }, sender: recordingSender(),
      });
    }
  }

  getTransceivers() { return this.transceivers; }
  async createAnswer() { this._answers += 1; return { type: 'answer', sdp: `answer-${this._answers}` }; }
  async setLocalDescription(description) { this.calls.push('setLocalDescription'); this.localDescription = description; }
  async getStats() { this.calls.push('getStats'); return new Map(this.stats.map((s) => [s.id, s])); }
  close() { this.calls.push('close'); this.closed = true; this.connectionState = 'closed'; }
}

function recordingSender() {
  const sender = {
    track: null,
    params: { encodings: [{}] },
    async replaceTrack(track) { sender.track = track; },
    setStreams() {},
    getParameters() { return JSON.parse(JSON.stringify(sender.params)); },
    async setParameters(params) { sender.params = params; },
  };
  return sender;
}

/** A Call on recording parts, with what it sent and what it drew. */
function harness() {
  const time = manualTime();
  const sent = [];
  const pcs = [];
  const audio = { kind: 'audio', enabled: true };
  const video = { kind: 'video', enabled: true };
  const warnings = [];
  const call = new Call({
    send: (m) => { sent.push(m); return true; },
    localStream: { getAudioTracks: () => [audio], getVideoTracks: () => [video] },
    createPeerConnection: (config) => { const pc = new RecordingPeerConnection(config); pcs.push(pc); return pc; },
    createMediaStream: (tracks) => ({ getTracks: () => [...tracks] }),
    timers: time.timers,
    now: time.now,
    logger: { warn: (text) => warnings.push(String(text)) },
  });
  return {
    call, time, sent, pcs, audio, video, warnings,
    get pc() { return pcs[pcs.length - 1]; },
    /** The messages of `type` sent so far, without `v` and `type`. */
    of(type) { return sent.filter((m) => m.type === type).map(({ v, type: _, ...rest }) => rest); },
    /** Joined by invite and admitted: a media session waits for its offer. */
    joined() {
      call.joinByInvite('invite-1');
      call.handle({ type: 'visit_ready', visit: VISIT, endsAt: 5_000_000 });
      call.handle({ type: 'lobby', visit: VISIT, name: 'Marie Dupont' });
      call.handle({ type: 'joined', visit: VISIT, participant: SELF });
      call.handle({ type: 'participant_joined', visit: VISIT, participant: PATIENT, role: 'patient', name: 'Marie Dupont' });
    },
    async offer(revision) {
      call.handle({ type: 'sdp_offer', visit: VISIT, revision, sdp: OFFER });
      await settle();
    },
    /** Joined, offer 1 answered, connected: in the call. */
    async inCall() {
      this.joined();
      await this.offer(1);
      this.pc.becomes('connected');
    },
  };
}

export async function runCallEngineChecks() {
  const failures = [];
  const same = (what, got, expected) => {
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      failures.push(`call engine: ${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    }
  };
  for (const check of [offerAnsweredWithItsRevision, newerOfferWhileOneIsAnswered, iceFailureAsksForARestartOnce,
    disconnectedWithinTheGraceIsNoRestart, signalingLostJoinsAgain, leavingCleansTimersAndStreams,
    mediaStateFollowsMuteAndCamera, statisticsWaitForTheRampUpOnTheClock, linkQualityToldAndHeard,
    eachSessionRelaysWithItsJoinedsTurnServers]) {
    try {
      await check(same);
    } catch (e) {
      failures.push(`call engine: ${check.name} threw ${e && e.stack ? e.stack : e}`);
    }
  }
  return failures;
}

async function offerAnsweredWithItsRevision(same) {
  const h = harness();
  h.joined();
  same('offer: joining then the lobby', h.of('join'), [{ invite: 'invite-1' }]);
  same('offer: a peer connection per joined, bundled', h.pc.config, { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  same('offer: connecting before the answer', h.call.state, 'connecting');
  await h.offer(7);
  same('offer: remote, then local description', h.pc.calls, ['setRemoteDescription offer', 'setLocalDescription']);
  same('offer: answered with its revision', h.of('sdp_answer'), [{ visit: VISIT, revision: 7, sdp: 'answer-1' }]);
  same('offer: then our media state, once', h.of('media_state'), [{ visit: VISIT, muted: false, cameraOff: false }]);
  same('offer: our tracks go where the offer receives',
    h.pc.transceivers.map((t) => [t.mid, t.direction, t.sender.track && t.sender.track.kind]),
    [['0', 'sendonly', 'audio'], ['1', 'sendonly', 'video'], ['2', 'recvonly', null], ['3', 'recvonly', null]]);
  same('offer: the patient\'s tracks in one stream',
    h.call.snapshot().participants.map((p) => [p.id, p.stream && p.stream.getTracks().map((t) => t.id)]),
    [[PATIENT, ['remote-2', 'remote-3']]]);
  same('offer: still connecting until the media connects', h.call.state, 'connecting');
  h.pc.becomes('connected');
  same('offer: connected and answered is in the call', h.call.state, 'in-call');
}

async function newerOfferWhileOneIsAnswered(same) {
  const h = harness();
  h.joined();
  const release = h.pc.holdNextOffer();
  h.call.handle({ type: 'sdp_offer', visit: VISIT, revision: 1, sdp: OFFER });
  await settle();
  h.call.handle({ type: 'sdp_offer', visit: VISIT, revision: 2, sdp: OFFER });
  h.call.handle({ type: 'sdp_offer', visit: VISIT, revision: 3, sdp: OFFER });
  await settle();
  same('newer offer: nothing answered while the first is applied', h.of('sdp_answer'), []);
  release();
  await settle();
  same('newer offer: the first answered, then only the newest waiting one',
    h.of('sdp_answer').map((a) => a.revision), [1, 3]);
  same('newer offer: one at a time, in order', h.pc.calls,
    ['setRemoteDescription offer', 'setLocalDescription', 'setRemoteDescription offer', 'setLocalDescription']);
  same('newer offer: media state once per session', h.of('media_state').length, 1);
}

async function iceFailureAsksForARestartOnce(same) {
  const h = harness();
  await h.inCall();
  h.pc.becomes('failed');
  same('ice failed: a restart is asked', h.of('ice_restart'), [{ visit: VISIT }]);
  same('ice failed: reconnecting', h.call.state, 'reconnecting');
  h.pc.becomes('disconnected');
  h.time.advance(DISCONNECTED_GRACE_MS * 3);
  h.pc.becomes('failed');
  same('ice failed again: not asked twice for one session', h.of('ice_restart').length, 1);

  const first = h.pc;
  h.call.handle({ type: 'joined', visit: VISIT, participant: SELF }); // the server's answer: a fresh session
  same('restart: the failed connection is closed, a fresh one opened', [first.closed, h.pcs.length], [true, 2]);
  same('restart: said reconnecting until the fresh one connects', [h.call.state, h.call.snapshot().resuming], ['connecting', true]);
  await h.offer(2);
  h.pc.becomes('connected');
  same('restart: back in the call', [h.call.state, h.call.snapshot().resuming], ['in-call', false]);
  first.becomes('failed');
  same('restart: the old connection is no longer heard', h.of('ice_restart').length, 1);
  h.pc.becomes('failed');
  same('restart: the fresh session may ask once in its turn', h.of('ice_restart').length, 2);
}

async function disconnectedWithinTheGraceIsNoRestart(same) {
  const h = harness();
  await h.inCall();
  h.pc.becomes('disconnected');
  same('grace: disconnected media is reconnecting', h.call.state, 'reconnecting');
  h.time.advance(DISCONNECTED_GRACE_MS - 1);
  same('grace: no restart before the grace ends', h.of('ice_restart'), []);
  h.pc.becomes('connected');
  h.time.advance(DISCONNECTED_GRACE_MS * 2);
  same('grace: back within it, no restart and in the call', [h.of('ice_restart'), h.call.state], [[], 'in-call']);
  h.pc.becomes('disconnected');
  h.time.advance(DISCONNECTED_GRACE_MS);
  same('grace: still disconnected when it ends, a restart', h.of('ice_restart'), [{ visit: VISIT }]);
}

async function signalingLostJoinsAgain(same) {
  const h = harness();
  await h.inCall();
  h.call.signalingLost();
  same('socket lost: reconnecting', h.call.state, 'reconnecting');
  h.call.signalingReconnected();
  same('socket back: joins again the way it joined', h.of('join'), [{ invite: 'invite-1' }, { invite: 'invite-1' }]);
  same('socket back: the media never dropped, so in the call', h.call.state, 'in-call');
}

async function leavingCleansTimersAndStreams(same) {
  const h = harness();
  await h.inCall();
  h.pc.becomes('disconnected'); // a grace timer beside the statistics' one
  same('leave: timers running in the call', h.time.pending(), 2);
  h.call.leave();
  same('leave: said to the server', h.of('leave'), [{ visit: VISIT }]);
  same('leave: ended, left', [h.call.state, h.call.snapshot().endReason], ['ended', 'left']);
  same('leave: the peer connection is closed', h.pc.closed, true);
  same('leave: no timer left', h.time.pending(), 0);
  same('leave: no one and no stream kept', h.call.snapshot().participants, []);
  h.time.advance(DISCONNECTED_GRACE_MS * 10);
  h.pc.becomes('failed');
  same('leave: nothing more is sent', h.sent.map((m) => m.type).slice(-1), ['leave']);
  h.call.close();
  same('close: after leaving, harmless', h.time.pending(), 0);
}

async function mediaStateFollowsMuteAndCamera(same) {
  const h = harness();
  h.joined();
  h.call.setMuted(true);
  same('mute before the answer: the microphone is off, nothing sent yet', [h.audio.enabled, h.of('media_state')], [false, []]);
  await h.offer(1);
  same('the answer carries the state', h.of('media_state'), [{ visit: VISIT, muted: true, cameraOff: false }]);
  h.call.setCameraOff(true);
  same('camera off: the camera track is off, the others told',
    [h.video.enabled, h.of('media_state').slice(-1)], [false, [{ visit: VISIT, muted: true, cameraOff: true }]]);
  h.call.setMuted(false);
  h.call.setCameraOff(false);
  same('both back on', [h.audio.enabled, h.video.enabled, h.of('media_state').slice(-1)],
    [true, true, [{ visit: VISIT, muted: false, cameraOff: false }]]);
  same('the snapshot follows', [h.call.snapshot().muted, h.call.snapshot().cameraOff], [false, false]);
}

async function statisticsWaitForTheRampUpOnTheClock(same) {
  const h = harness();
  await h.inCall();
  h.pc.stats = WEAK_LINK;
  h.time.advance(STATS_EVERY_MS * 4);
  await settle();
  same('stats: not read while the estimate ramps up', [h.pc.calls.includes('getStats'), h.call.snapshot().quality], [false, 'unknown']);
  h.time.advance(STATS_EVERY_MS * 2);
  await settle();
  same('stats: read once it has, a weak link is poor', h.call.snapshot().quality, 'poor');
  h.time.advance(STATS_EVERY_MS);
  await settle();
  same('stats: two low samples stop the video, audio first',
    [h.call.snapshot().videoReduced, h.pc.transceivers[1].sender.params.encodings[0].active], [true, false]);
}

async function eachSessionRelaysWithItsJoinedsTurnServers(same) {
  const h = harness();
  const turn = (expiry) => [{
    urls: ['turns:turn.hospital.example:443?transport=tcp', 'turn:turn.hospital.example:3478?transport=udp'],
    username: `${expiry}:${SELF}`, credential: `credential-of-${expiry}`,
  }];
  h.call.joinByInvite('invite-1');
  h.call.handle({ type: 'joined', visit: VISIT, participant: SELF, iceServers: turn(1000) });
  same('turn: the session relays through the joined\'s servers with its credentials', h.pc.config, {
    bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', iceServers: turn(1000),
  });
  same('turn: every candidate kind stays allowed (the browser picks the relay only when it must)',
    h.pc.config.iceTransportPolicy, undefined);
  await h.offer(1);
  h.pc.becomes('connected');
  h.pc.becomes('failed');
  h.call.handle({ type: 'joined', visit: VISIT, participant: SELF, iceServers: turn(2000) });
  same('turn: the next session has the next joined\'s credentials', [h.pcs.length, h.pc.config.iceServers],
    [2, turn(2000)]);
  h.call.handle({ type: 'joined', visit: VISIT, participant: SELF });
  same('turn: a joined without servers opens a session without', h.pc.config,
    { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
}

async function linkQualityToldAndHeard(same) {
  const h = harness();
  await h.inCall();
  same('link: nothing to tell while unknown', h.of('link_quality'), []);
  h.pc.stats = WEAK_LINK;
  h.time.advance(STATS_EVERY_MS * 6);
  await settle();
  same('link: a poor link is told once', h.of('link_quality'), [{ visit: VISIT, quality: 'poor' }]);
  h.time.advance(STATS_EVERY_MS);
  await settle();
  same('link: not repeated while it stays poor', h.of('link_quality').length, 1);
  h.call.handle({ type: 'participant_link', visit: VISIT, participant: PATIENT, quality: 'weak' });
  same('link: the patient\'s own link, on their entry',
    h.call.snapshot().participants.map((p) => [p.id, p.link]), [[PATIENT, 'weak']]);
  h.call.handle({ type: 'participant_link', visit: VISIT, participant: 'nobody', quality: 'poor' });
  same('link: someone unknown is ignored', h.call.snapshot().participants.length, 1);
  h.call.handle({ type: 'joined', visit: VISIT, participant: SELF });
  same('link: a fresh media session starts unknown again, and says so',
    [h.call.snapshot().quality, h.of('link_quality').slice(-1)], ['unknown', [{ visit: VISIT, quality: 'unknown' }]]);
}

/** Lets every promise the fakes resolved run (they never wait for time). */
function settle() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
