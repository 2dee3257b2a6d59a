// Simulcast for the call engine: the camera goes to the bridge as two or three VP8 layers of
// different sizes, and the bridge forwards each receiver the one that fits its tile and link
// (docs/media-bridge.md, "Simulcast").
//
// The bridge's side offers, the page answers. Chromium answers an offer's `a=simulcast:recv`
// with rids but no SSRCs, which the bridge and a Jitsi Videobridge need up front. So, as
// lib-jitsi-meet does, the page adds the layers to its own answer before applying it: an
// `a=ssrc-group:SIM` (layers low → high, RFC 5576 §4.2) and an `a=ssrc-group:FID` per layer for
// its RTX (RFC 4588 §8). Chromium then sends one encoding per SSRC, in that order, and keeps the
// group in its later answers.

/** The layers for a camera of this height: [{scaleResolutionDownBy, maxBitrate}], low → high. */
export function simulcastLayers(height) {
  if (height >= 540) {
    return [
      { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
      { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
      { scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
    ];
  }
  if (height >= 240) {
    return [
      { scaleResolutionDownBy: 2, maxBitrate: 150_000 },
      { scaleResolutionDownBy: 1, maxBitrate: 800_000 },
    ];
  }
  return [{ scaleResolutionDownBy: 1, maxBitrate: 100_000 }];
}

/** A random SSRC, never 0 and never one of `taken`. */
export function randomSsrc(taken, random = Math.random) {
  for (;;) {
    const ssrc = Math.floor(random() * 0xFFFFFFFF) + 1;
    if (!taken.has(ssrc)) return ssrc;
  }
}

/**
 * The answer with `count` layers in the m-section of `mid`: its SSRC (Chromium's own) is the
 * first layer, new SSRCs the others, each with an RTX when the first has one. Unchanged when
 * the m-section already has a SIM group, has no SSRC, or `count` is below 2.
 * @param {string} sdp  @param {string} mid  @param {number} count
 * @param {() => number} [random]
 */
export function withSimulcast(sdp, mid, count, random = Math.random) {
  if (count < 2) return sdp;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const sections = sdp.split(new RegExp(`${eol}(?=m=)`));
  const at = sections.findIndex((s) => new RegExp(`(^|${eol})a=mid:${escape(mid)}(${eol}|$)`).test(s));
  if (at < 0) return sdp;
  const lines = sections[at].split(eol);
  if (lines.some((l) => l.startsWith('a=ssrc-group:SIM '))) return sdp;
  const ssrcLines = lines.filter((l) => /^a=ssrc:\d+ /.test(l));
  if (ssrcLines.length === 0) return sdp;
  const fid = lines.map((l) => /^a=ssrc-group:FID (\d+) (\d+)$/.exec(l)).find(Boolean);
  const primary = fid ? Number(fid[1]) : Number(/^a=ssrc:(\d+) /.exec(ssrcLines[0])[1]);
  const attributes = ssrcLines.filter((l) => l.startsWith(`a=ssrc:${primary} `))
    .map((l) => l.slice(`a=ssrc:${primary} `.length));
  const taken = new Set(ssrcLines.map((l) => Number(/^a=ssrc:(\d+) /.exec(l)[1])));
  const layers = [primary];
  const groups = [];
  const added = [];
  for (let i = 1; i < count; i++) {
    const layer = randomSsrc(taken, random);
    taken.add(layer);
    layers.push(layer);
    for (const a of attributes) added.push(`a=ssrc:${layer} ${a}`);
    if (fid) {
      const rtx = randomSsrc(taken, random);
      taken.add(rtx);
      groups.push(`a=ssrc-group:FID ${layer} ${rtx}`);
      for (const a of attributes) added.push(`a=ssrc:${rtx} ${a}`);
    }
  }
  const last = lines.map((l) => /^a=ssrc/.test(l)).lastIndexOf(true);
  lines.splice(last + 1, 0, `a=ssrc-group:SIM ${layers.join(' ')}`, ...groups, ...added);
  sections[at] = lines.join(eol);
  return sections.join(eol);
}

/**
 * The answer to apply, with the camera's layers when it sends one tall enough, and those layers.
 * @param {RTCPeerConnection} pc  @param {RTCSessionDescriptionInit} answer from createAnswer
 * @param {?RTCRtpSender} video the camera's sender  @param {?MediaStream} stream the local stream
 */
export function layeredAnswer(pc, answer, video, stream) {
  const layers = video ? simulcastLayers(cameraHeight(stream)) : [];
  const t = layers.length > 1 ? pc.getTransceivers().find((x) => x.sender === video) : null;
  if (!t || t.mid === null) return { answer, layers: [] };
  return { answer: { type: 'answer', sdp: withSimulcast(answer.sdp, t.mid, layers.length) }, layers };
}

// The camera's height, which sets how many layers it is sent in; 0 when unknown.
function cameraHeight(stream) {
  const track = stream && stream.getVideoTracks ? stream.getVideoTracks()[0] : null;
  const settings = track && track.getSettings ? track.getSettings() : {};
  return settings.height || 0;
}

/**
 * Sizes and bitrates of the sender's layers (scaleResolutionDownBy, maxBitrate); false when the
 * browser refuses or the sender has another number of encodings.
 */
export async function scaleLayers(sender, layers) {
  try {
    const params = sender.getParameters();
    if (!params.encodings || params.encodings.length !== layers.length) return false;
    params.encodings.forEach((e, i) => Object.assign(e, layers[i]));
    await sender.setParameters(params);
    return true;
  } catch (e) {
    return false;
  }
}

function escape(text) {
  return String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Sends `video_sizes` (docs/protocol.md, "Video sizes") when the tiles' heights change: the first
 * change at once, then at most one every `intervalMs` with the latest heights, so a window being
 * resized costs one message a second. `sizes`: [{participant, height}], height in device pixels.
 */
export class SizeReporter {
  /** @param {(message: object) => void} send  @param {{setTimeout, clearTimeout}} [timers] */
  constructor(send, timers = globalThis, intervalMs = 1000) {
    this._send = send;
    this._timers = timers;
    this._interval = intervalMs;
    this._wanted = null;
    this._sent = null;
    this._timer = null;
  }

  set(visit, sizes) {
    if (!visit) return;
    this._wanted = JSON.stringify({ type: 'video_sizes', visit, sizes });
    if (this._timer === null) this._flush();
  }

  /** Stops the pacing timer (the page goes). */
  close() {
    if (this._timer !== null) this._timers.clearTimeout(this._timer);
    this._timer = null;
  }

  _flush() {
    this._timer = null;
    if (this._wanted === null || this._wanted === this._sent) return;
    this._sent = this._wanted;
    this._send(JSON.parse(this._wanted));
    this._timer = this._timers.setTimeout(() => this._flush(), this._interval);
  }
}

/** The heights, in device pixels, at which `videos` (participant id → <video>) are shown; 0 for a hidden one. */
export function shownHeights(videos, pixelRatio = globalThis.devicePixelRatio || 1) {
  const sizes = [];
  for (const [participant, video] of videos) {
    sizes.push({ participant, height: Math.min(4320, Math.round((video.clientHeight || 0) * pixelRatio)) });
  }
  return sizes;
}
