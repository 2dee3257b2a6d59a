// The RTCPeerConnection chores of the call engine (call.js): each session's configuration, the
// order of offers, where the local tracks go in an answer, which track is whose, ICE gathering,
// and the sender parameters that keep audio first on a weak link.

/**
 * The RTCConfiguration of one media session: the page's (bundled, rtcp-mux) with the TURN servers of
 * its `joined`, if it has any (docs/protocol.md): every session relays with credentials of its own,
 * which coturn accepts until their expiry.
 * @param {RTCConfiguration} base
 * @param {{urls: string[], username: string, credential: string}[]} [iceServers]
 */
export function sessionConfig(base, iceServers) {
  if (!Array.isArray(iceServers) || iceServers.length === 0) return base;
  return {
    ...base,
    iceServers: iceServers.map((s) => ({ urls: [...s.urls], username: s.username, credential: s.credential })),
  };
}

/**
 * Runs jobs strictly one at a time, in the order they were pushed. A job still waiting when a
 * newer one arrives is dropped: the server ignores answers to older revisions anyway.
 */
export class OfferQueue {
  /** @param {(item: any) => Promise<void>} run  @param {(e: any, item: any) => void} [onError] */
  constructor(run, onError) {
    this._run = run;
    this._onError = onError || (() => {});
    this._waiting = null;
    this._running = false;
    this._idle = Promise.resolve();
  }

  push(item) {
    this._waiting = { item };
    if (!this._running) this._idle = this._drain();
  }

  /** Drops the waiting job (the running one finishes). */
  clear() { this._waiting = null; }

  /** Resolves when nothing is running or waiting. */
  idle() { return this._idle; }

  async _drain() {
    this._running = true;
    try {
      while (this._waiting) {
        const { item } = this._waiting;
        this._waiting = null;
        try {
          await this._run(item);
        } catch (e) {
          this._onError(e, item);
        }
      }
    } finally {
      this._running = false;
    }
  }
}

/**
 * Puts the local tracks into the m-sections the offer marks `recvonly` (or `sendrecv`), one per
 * kind, answered `sendonly`; a remote source's m-section (`sendonly`) is answered `recvonly`, any
 * other `inactive`. Call after setRemoteDescription(offer), before createAnswer.
 * @returns {Promise<{audio: ?RTCRtpSender, video: ?RTCRtpSender}>} the senders of our tracks
 */
export async function placeTracks(pc, sections, localStream) {
  const byMid = new Map(sections.map((s) => [s.mid, s]));
  const own = { audio: null, video: null };
  for (const t of pc.getTransceivers()) {
    const s = t.mid === null ? undefined : byMid.get(t.mid);
    if (!s || t.currentDirection === 'stopped') continue;
    const kind = t.receiver.track.kind;
    if (s.direction === 'recvonly' || s.direction === 'sendrecv') {
      const track = own[kind] || !localStream ? null
        : (kind === 'audio' ? localStream.getAudioTracks() : localStream.getVideoTracks())[0] || null;
      if (track) {
        if (t.sender.track !== track) await t.sender.replaceTrack(track);
        if (t.sender.setStreams) t.sender.setStreams(localStream);
        t.direction = 'sendonly';
        own[kind] = t.sender;
      } else {
        t.direction = 'inactive';
      }
    } else {
      t.direction = s.direction === 'sendonly' ? 'recvonly' : 'inactive';
    }
  }
  return own;
}

/** The tracks the remote m-sections carry: [{streamId, track}], in m-section order. */
export function remoteTracks(pc, sections) {
  const byMid = new Map(sections.map((s) => [s.mid, s]));
  const out = [];
  for (const t of pc.getTransceivers()) {
    const s = t.mid === null ? undefined : byMid.get(t.mid);
    if (s && s.direction === 'sendonly' && s.streamId) out.push({ streamId: s.streamId, track: t.receiver.track });
  }
  return out;
}

/** Resolves when ICE gathering is complete, or after `ms` (on `timers`, the page's by default). */
export function gathered(pc, ms, timers = globalThis) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      timers.clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => { if (pc.iceGatheringState === 'complete') done(); };
    const timer = timers.setTimeout(done, ms);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

/** Reads, changes and writes a sender's parameters; false when the browser refuses. */
async function setParams(sender, change) {
  try {
    const params = sender.getParameters();
    if (!params.encodings || params.encodings.length === 0) return false;
    change(params);
    await sender.setParameters(params);
    return true;
  } catch (e) {
    return false;
  }
}

/**
 * Under congestion the browser should starve video before audio (RFC 8837 §5, the WebRTC
 * priority): audio 'high'; video lowers its resolution or frame rate rather than stalling.
 * Never rejects; each setting the browser refuses is left out.
 */
export async function preferAudio(own) {
  if (own.audio) {
    await setParams(own.audio, (p) => p.encodings.forEach((e) => { e.priority = 'high'; e.networkPriority = 'high'; }))
      || await setParams(own.audio, (p) => p.encodings.forEach((e) => { e.priority = 'high'; }));
  }
  if (own.video) {
    await setParams(own.video, (p) => { p.degradationPreference = 'balanced'; })
      || await setParams(own.video, (p) => { p.degradationPreference = 'maintain-framerate'; });
  }
}

/** Starts or stops sending the camera (encodings' `active`); false when the browser refuses. */
export async function sendVideo(sender, on) {
  if (!sender) return true;
  return setParams(sender, (p) => p.encodings.forEach((e) => { e.active = on; }));
}
