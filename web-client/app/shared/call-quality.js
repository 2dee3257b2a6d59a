// How good the call's link is, from WebRTC statistics, and when to stop sending video so that
// the sound keeps flowing. Pure: the call engine reads getStats() and hands the reports here.
//
//   const sample = readStats(report.values());   // report: an RTCStatsReport
//   qualityOf(sample)                            // 'unknown' | 'good' | 'weak' | 'poor'
//   const gate = new VideoGate(); gate.update(sample, Date.now()) // true: keep video off

// The words are protocol.js's LINK_QUALITIES: a page tells the others how its own link looks
// (`link_quality`), so a screen can say whose connection is weak.

/** Below this estimate (bit/s) the camera is stopped, so that audio keeps its share. */
export const VIDEO_OFF_BELOW_BPS = 150_000;
/** Above this estimate the camera is sent again. */
export const VIDEO_ON_ABOVE_BPS = 300_000;

/**
 * The figures that matter, from the reports of one RTCStatsReport (webrtc-stats):
 * {availableOutgoingBitrate (bit/s), qualityLimitationReason, roundTripTime (s),
 *  fractionLost (0–1), inboundFps}; a figure the browser does not give is undefined.
 */
export function readStats(reports) {
  const all = [...reports];
  const byId = new Map(all.map((r) => [r.id, r]));
  const sample = {
    availableOutgoingBitrate: undefined,
    qualityLimitationReason: undefined,
    roundTripTime: undefined,
    fractionLost: undefined,
    inboundFps: undefined,
  };
  let pair = null;
  for (const r of all) {
    if (r.type === 'transport' && r.selectedCandidatePairId && byId.has(r.selectedCandidatePairId)) {
      pair = byId.get(r.selectedCandidatePairId);
    }
  }
  if (!pair) {
    pair = all.find((r) => r.type === 'candidate-pair' && (r.selected || (r.nominated && r.state === 'succeeded'))) || null;
  }
  if (pair) {
    sample.availableOutgoingBitrate = finite(pair.availableOutgoingBitrate);
    sample.roundTripTime = finite(pair.currentRoundTripTime);
  }
  for (const r of all) {
    if (r.type === 'outbound-rtp' && r.kind === 'video' && typeof r.qualityLimitationReason === 'string') {
      // 'bandwidth' wins over the others: it is the one this page can act on.
      if (sample.qualityLimitationReason !== 'bandwidth') sample.qualityLimitationReason = r.qualityLimitationReason;
    } else if (r.type === 'remote-inbound-rtp') {
      sample.roundTripTime = max(sample.roundTripTime, finite(r.roundTripTime));
      // Through the bridge, the reports on our audio carry the worst loss of everyone who hears it
      // (so that Opus adds redundancy): another's weak link, not ours. Video's are our uplink's.
      if (r.kind === 'video') sample.fractionLost = max(sample.fractionLost, finite(r.fractionLost));
    } else if (r.type === 'inbound-rtp' && r.kind === 'video' && finite(r.framesPerSecond) > 0) {
      // The fastest picture someone sends us: one slow picture is most likely its sender's weak
      // link, not ours; when even the fastest is slow, our own link is. A stopped video (no fps)
      // says nothing of the link.
      sample.inboundFps = max(sample.inboundFps, r.framesPerSecond);
    }
  }
  return sample;
}

/** 'poor', 'weak' or 'good' for a sample of readStats; 'unknown' when it holds no figure. */
export function qualityOf(sample) {
  const s = sample || {};
  const known = Object.values(s).some((v) => v !== undefined);
  if (!known) return 'unknown';
  const bps = s.availableOutgoingBitrate;
  const rtt = s.roundTripTime;
  const lost = s.fractionLost;
  if (bps < VIDEO_OFF_BELOW_BPS || rtt > 1.0 || lost > 0.15) return 'poor';
  // A camera limited by bandwidth alone is not a weak link: the estimate climbs slowly and the
  // encoder always wants more than half a megabit for 640x480, which still looks fine.
  // Beyond 2 % lost, sound and pictures break up now and then: a link behind a busy home router or
  // a weak mobile signal, which the bridge serves with fewer or smaller pictures.
  if (bps < 250_000 || rtt > 0.4 || lost > WEAK_LOSS || s.inboundFps < 8) return 'weak';
  return 'good';
}

/** Over this share of packets lost (0–1), a link is weak. */
export const WEAK_LOSS = 0.02;

const RANK = { unknown: 0, good: 1, weak: 2, poor: 3 };

/**
 * The quality to say, from the last `size` samples' qualityOf: the worst of them. A link's loss
 * comes and goes from one report to the next; saying "good" between two weak seconds would make
 * the words flicker, and hide a link that is weak.
 */
export class QualityWindow {
  constructor(size) {
    this._size = size || 3;
    this._recent = [];
  }

  /** Takes one sample's quality and returns the one to say now. */
  push(quality) {
    this._recent.push(quality);
    if (this._recent.length > this._size) this._recent.shift();
    return this._recent.reduce((worst, q) => (RANK[q] > RANK[worst] ? q : worst), 'unknown');
  }
}

/**
 * Decides when video stops so audio keeps flowing: off after `offAfter` samples in a row under
 * VIDEO_OFF_BELOW_BPS; on again after `onAfter` samples over VIDEO_ON_ABOVE_BPS, or, since the
 * estimate may not rise while only audio is sent, as a trial after `retryMs`, doubled (up to
 * `maxRetryMs`) each time a trial fails within a minute.
 */
export class VideoGate {
  constructor(options) {
    const o = options || {};
    this._offAfter = o.offAfter || 2;
    this._onAfter = o.onAfter || 3;
    this._baseRetryMs = o.retryMs || 20_000;
    this._maxRetryMs = o.maxRetryMs || 160_000;
    this._retryMs = this._baseRetryMs;
    this._reduced = false;
    this._low = 0;
    this._high = 0;
    this._since = null; // when video went off, or came back
    this._trial = false; // video came back on trial, not because the estimate rose
  }

  get reduced() { return this._reduced; }

  /** Takes one sample (every 2 s or so) and returns whether video stays off. */
  update(sample, now) {
    const bps = sample ? sample.availableOutgoingBitrate : undefined;
    if (!this._reduced) {
      this._low = bps !== undefined && bps < VIDEO_OFF_BELOW_BPS ? this._low + 1 : 0;
      if (this._low >= this._offAfter) {
        const failedTrial = this._trial && now - this._since < 60_000;
        this._retryMs = failedTrial ? Math.min(this._retryMs * 2, this._maxRetryMs) : this._baseRetryMs;
        this._set(true, now);
      }
    } else {
      this._high = bps !== undefined && bps > VIDEO_ON_ABOVE_BPS ? this._high + 1 : 0;
      if (this._high >= this._onAfter) {
        this._set(false, now);
        this._trial = false;
      } else if (now - this._since >= this._retryMs) {
        this._set(false, now);
        this._trial = true;
      }
    }
    return this._reduced;
  }

  _set(reduced, now) {
    this._reduced = reduced;
    this._low = 0;
    this._high = 0;
    this._since = now;
  }
}

function finite(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function max(a, b) {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
