// What the harness asserts on, measured in the page: per inbound track its RTP stats, when its
// first frame was decoded (performance.now() milliseconds, like connectedAt), and for audio the
// highest audioLevel seen (the fake microphone beeps, so the level is 0 between beeps).

const POLL_MS = 20;

/** The stream id of each mid's a=msid in a remote description: the focus makes it the endpoint id. */
export function streamIdByMid(sdp) {
  const byMid = new Map();
  for (const section of (sdp || '').split(/\r?\nm=/).slice(1)) {
    const mid = /\r?\na=mid:(\S+)/.exec(section);
    const msid = /\r?\na=msid:(\S+)/.exec(section);
    if (mid) {
      byMid.set(mid[1], msid ? msid[1] : null);
    }
  }
  return byMid;
}

async function inboundRtp(receiver) {
  const reports = await receiver.getStats();
  for (const report of reports.values()) {
    if (report.type === 'inbound-rtp') {
      return report;
    }
  }
  return null;
}

/** Samples every receiver: when framesDecoded first exceeds 0, and the peak audioLevel, per mid and SSRC. */
export class TrackWatch {
  constructor(pc) {
    this.pc = pc;
    this.firstFrame = new Map();
    this.peakLevel = new Map();
    this.timer = null;
    this.polling = false;
  }

  watch() {
    if (this.timer === null) {
      this.timer = setInterval(() => this.poll(), POLL_MS);
    }
  }

  async poll() {
    if (this.polling) {
      return;
    }
    this.polling = true;
    try {
      for (const transceiver of this.pc.getTransceivers()) {
        if (transceiver.mid === null) {
          continue;
        }
        const report = await inboundRtp(transceiver.receiver);
        if (!report) {
          continue;
        }
        const key = `${transceiver.mid}:${report.ssrc}`;
        if (report.framesDecoded > 0 && !this.firstFrame.has(key)) {
          this.firstFrame.set(key, performance.now());
        }
        if (report.audioLevel > (this.peakLevel.get(key) ?? 0)) {
          this.peakLevel.set(key, report.audioLevel);
        }
      }
    } finally {
      this.polling = false;
    }
  }

  firstFrameAt(mid, ssrc) {
    return this.firstFrame.get(`${mid}:${ssrc}`) ?? null;
  }

  peakAudioLevel(mid, ssrc) {
    return this.peakLevel.get(`${mid}:${ssrc}`) ?? 0;
  }
}

/** One entry per receiving m-section that has an inbound-rtp report. */
export async function inboundStats(pc, watch) {
  const streams = streamIdByMid(pc.remoteDescription && pc.remoteDescription.sdp);
  const tracks = [];
  for (const transceiver of pc.getTransceivers()) {
    if (transceiver.mid === null) {
      continue;
    }
    const report = await inboundRtp(transceiver.receiver);
    if (!report) {
      continue;
    }
    tracks.push({
      mid: transceiver.mid,
      kind: report.kind,
      ssrc: report.ssrc,
      streamId: streams.get(transceiver.mid) ?? null,
      packetsReceived: report.packetsReceived ?? 0,
      framesDecoded: report.framesDecoded ?? 0,
      keyFramesDecoded: report.keyFramesDecoded ?? 0,
      frameHeight: report.frameHeight ?? 0,
      freezeCount: report.freezeCount ?? 0,
      totalFreezesDuration: report.totalFreezesDuration ?? 0,
      concealedSamples: report.concealedSamples ?? 0,
      totalSamplesReceived: report.totalSamplesReceived ?? 0,
      audioLevel: report.audioLevel ?? 0,
      peakAudioLevel: watch.peakAudioLevel(transceiver.mid, report.ssrc),
      firstFrameAt: report.kind === 'video' ? watch.firstFrameAt(transceiver.mid, report.ssrc) : null,
    });
  }
  return tracks;
}

/**
 * The sending side: the congestion controller's estimate (the selected candidate pair's
 * availableOutgoingBitrate, bit/s), the camera's outbound-rtp bytes, with the report's time, and
 * the fraction of the microphone's packets the other side last reported lost (0 to 1).
 */
export async function outboundVideoStats(pc) {
  const reports = await pc.getStats();
  const out = { availableOutgoingBitrate: 0, videoBytesSent: 0, timestamp: performance.now(), frameWidth: 0,
    frameHeight: 0, audioFractionLost: 0 };
  out.epochMs = performance.timeOrigin + out.timestamp;
  let pairId = null;
  for (const report of reports.values()) {
    if (report.type === 'transport' && report.selectedCandidatePairId) {
      pairId = report.selectedCandidatePairId;
    }
  }
  for (const report of reports.values()) {
    if (report.type === 'candidate-pair' && (report.id === pairId || (pairId === null && report.nominated))) {
      out.availableOutgoingBitrate = report.availableOutgoingBitrate ?? 0;
    }
    if (report.type === 'remote-inbound-rtp' && report.kind === 'audio') {
      out.audioFractionLost = report.fractionLost ?? 0;
    }
    if (report.type === 'outbound-rtp' && report.kind === 'video') {
      out.videoBytesSent += report.bytesSent ?? 0;
      out.frameWidth = report.frameWidth ?? out.frameWidth;
      out.frameHeight = report.frameHeight ?? out.frameHeight;
    }
  }
  return out;
}

/** When this page decoded its first remote video frame, in epoch milliseconds (comparable across pages); null before. */
export function firstVideoFrameEpoch(watch) {
  const times = [...watch.firstFrame.values()];
  return times.length === 0 ? null : performance.timeOrigin + Math.min(...times);
}

/** What the page receives, summed over its inbound tracks: audio concealment and video frames. */
export async function receiveTotals(pc) {
  const reports = await pc.getStats();
  const out = { concealedSamples: 0, totalSamplesReceived: 0, framesDecoded: 0, frameWidth: 0, frameHeight: 0,
    epochMs: performance.timeOrigin + performance.now() };
  for (const report of reports.values()) {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') {
      out.concealedSamples += report.concealedSamples ?? 0;
      out.totalSamplesReceived += report.totalSamplesReceived ?? 0;
    }
    if (report.type === 'inbound-rtp' && report.kind === 'video') {
      out.framesDecoded += report.framesDecoded ?? 0;
      out.frameWidth = Math.max(out.frameWidth, report.frameWidth ?? 0);
      out.frameHeight = Math.max(out.frameHeight, report.frameHeight ?? 0);
    }
  }
  return out;
}
