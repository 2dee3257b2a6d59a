// A direct peer-to-peer call, the baseline of the ramp-up benchmark: the same camera and stats as
// the bridge page (call.js), one RTCPeerConnection, offers and answers with every candidate inside.
// The harness calls p2pOffer() on one page, p2pAnswer(offer) on the other, p2pAccept(answer).
import { TrackWatch, firstVideoFrameEpoch, outboundVideoStats, receiveTotals } from './stats.js';
import { openCamera } from './camera.js';

const local = openCamera();
const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
const watch = new TrackWatch(pc);

pc.addEventListener('track', (event) => {
  const element = document.createElement(event.track.kind === 'video' ? 'video' : 'audio');
  element.autoplay = true;
  element.muted = event.track.kind === 'video';
  element.srcObject = new MediaStream([event.track]);
  document.getElementById('remotes').append(element);
});

async function addCamera() {
  const stream = await local;
  for (const track of stream.getTracks()) {
    pc.addTrack(track, stream);
  }
}

function gathered() {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') {
      resolve();
      return;
    }
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') {
        resolve();
      }
    });
  });
}

window.p2pOffer = async () => {
  await addCamera();
  await pc.setLocalDescription(await pc.createOffer());
  await gathered();
  watch.watch();
  return pc.localDescription.sdp;
};

window.p2pAnswer = async (sdp) => {
  await addCamera();
  await pc.setRemoteDescription({ type: 'offer', sdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered();
  watch.watch();
  return pc.localDescription.sdp;
};

window.p2pAccept = async (sdp) => {
  await pc.setRemoteDescription({ type: 'answer', sdp });
};

window.sendStats = () => outboundVideoStats(pc);
window.firstFrameEpoch = () => firstVideoFrameEpoch(watch);
window.receiveTotals = () => receiveTotals(pc);
