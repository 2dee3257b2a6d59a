// The bridge test page: one RTCPeerConnection that answers the focus's offers (the bridge's side
// offers, the page answers, as with Jitsi) and plays every remote track it receives.
// The harness calls window.applyOffer(sdp) and window.stats() through page.evaluate.
import { TrackWatch, firstVideoFrameEpoch, inboundStats, outboundVideoStats, receiveTotals } from './stats.js';
import { openCamera } from './camera.js';
import { scaleLayers, simulcastLayers, withSimulcast } from '/shared/call-simulcast.js';

const local = openCamera();
const SIMULCAST = new URLSearchParams(location.search).get('simulcast') === '1';
let layered = false;
const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
const watch = new TrackWatch(pc);
let connectedAt = null;

pc.addEventListener('connectionstatechange', () => {
  if (pc.connectionState === 'connected' && connectedAt === null) {
    connectedAt = performance.now();
  }
});

pc.addEventListener('track', (event) => {
  const mid = event.transceiver.mid;
  const id = `remote-${mid}`;
  let element = document.getElementById(id);
  if (!element) {
    element = document.createElement(event.track.kind === 'video' ? 'video' : 'audio');
    element.id = id;
    element.autoplay = true;
    element.playsInline = true;
    element.muted = event.track.kind === 'video';
    document.getElementById('remotes').append(element);
  }
  element.srcObject = new MediaStream([event.track]);
});

// Mids 0 and 1 are the page's own audio and video, which it only sends; every further m-section
// carries one remote source to the page, or nothing (inactive) once that source has gone.
async function applyOffer(sdp) {
  const stream = await local;
  await pc.setRemoteDescription({ type: 'offer', sdp });
  for (const transceiver of pc.getTransceivers()) {
    if (transceiver.mid === '0' || transceiver.mid === '1') {
      const kind = transceiver.receiver.track.kind;
      const track = stream.getTracks().find((t) => t.kind === kind);
      if (transceiver.sender.track !== track) {
        await transceiver.sender.replaceTrack(track);
        transceiver.sender.setStreams(stream);
      }
      transceiver.direction = 'sendonly';
    } else if (transceiver.mid !== null && transceiver.currentDirection !== 'stopped') {
      transceiver.direction = 'recvonly';
    }
  }
  // call.html?simulcast=1: the camera goes as simulcast layers, as the call engine sends it
  // (web-client call-simulcast.js); else as one layer.
  const layers = SIMULCAST ? simulcastLayers(stream.getVideoTracks()[0].getSettings().height || 0) : [];
  const video = pc.getTransceivers().find((t) => t.mid === '1');
  const answer = await pc.createAnswer();
  await pc.setLocalDescription({ type: 'answer', sdp: withSimulcast(answer.sdp, '1', layers.length) });
  if (!layered && video && layers.length > 1) layered = await scaleLayers(video.sender, layers);
  watch.watch();
  return pc.localDescription.sdp;
}

async function stats() {
  return {
    now: performance.now(),
    connectedAt,
    connectionState: pc.connectionState,
    selectedProtocol: await selectedProtocol(),
    tracks: await inboundStats(pc, watch),
  };
}

// The transport of the selected candidate pair: 'udp' or 'tcp' (ICE-TCP); null before one is selected.
async function selectedProtocol() {
  const report = await pc.getStats();
  let pair = null;
  report.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pair = report.get(s.selectedCandidatePairId);
  });
  const local = pair && report.get(pair.localCandidateId);
  return local ? local.protocol : null;
}

// DOMExceptions do not survive the trip to the harness; their name and message do.
window.applyOffer = (sdp) => applyOffer(sdp).catch((e) => {
  throw new Error(`${e && e.name}: ${e && e.message}`);
});
window.stats = stats;
window.sendStats = () => outboundVideoStats(pc);
window.firstFrameEpoch = () => firstVideoFrameEpoch(watch);
window.receiveTotals = () => receiveTotals(pc);
