// What the harness asserts on, measured in the page: per inbound track its RTP stats, and when
// its first frame was decoded (performance.now() milliseconds, like connectedAt).

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

/** Notes, per video m-section and SSRC, when framesDecoded first exceeds 0. */
export class FirstFrames {
  constructor(pc) {
    this.pc = pc;
    this.at = new Map();
    this.timer = null;
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
        if (transceiver.mid === null || transceiver.receiver.track.kind !== 'video') {
          continue;
        }
        const report = await inboundRtp(transceiver.receiver);
        if (report && report.framesDecoded > 0) {
          const key = `${transceiver.mid}:${report.ssrc}`;
          if (!this.at.has(key)) {
            this.at.set(key, performance.now());
          }
        }
      }
    } finally {
      this.polling = false;
    }
  }

  of(mid, ssrc) {
    return this.at.get(`${mid}:${ssrc}`) ?? null;
  }
}

/** One entry per receiving m-section that has an inbound-rtp report. */
export async function inboundStats(pc, firstFrames) {
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
      audioLevel: report.audioLevel ?? 0,
      firstFrameAt: report.kind === 'video' ? firstFrames.of(transceiver.mid, report.ssrc) : null,
    });
  }
  return tracks;
}
