// The call engine shared by the family page and the kiosk: one participant's side of a
// video visit (docs/protocol.md, "Calls"). The server offers, this side answers; every
// `joined` starts a fresh RTCPeerConnection (after a reconnect, an ICE restart or a
// bridge failover). No UI here: pages render from `call.snapshot()` in `onChange`.
//
//   const call = new Call({ send: (m) => page.client.send(m), localStream, onChange: render });
//   call.joinByInvite(inviteId);            // family; or call.answer(visit) on the kiosk
//   // in the page's onMessage: if (call.handle(message)) return;
//   // after a welcome that follows a dropped socket: call.signalingReconnected();
//   call.setMuted(true); call.setCameraOff(true); call.leave(); call.end();
//
// snapshot(): {
//   state:        'idle' | 'lobby' | 'connecting' | 'in-call' | 'reconnecting' | 'ended',
//   visit:        visit id or null,
//   self:         own participant id or null,
//   patientName:  from `lobby`, or null,
//   endReason:    'ended'|'declined'|'no_answer'|'time_up'|'removed'|'left' when state is 'ended',
//   error:        the last refusal's code (e.g. 'invite_invalid'), or null,
//   muted, cameraOff: booleans (own),
//   quality:      'unknown' | 'good' | 'weak' | 'poor',
//   videoReduced: true when the link is too weak for full video and audio is kept first,
//   participants: [{ id, role, name, muted, cameraOff, reconnecting, stream }]  (others only;
//                 stream: a MediaStream with their audio and video tracks, or null before media)
// }

export class Call {
  /**
   * @param {object} o
   * @param {(message: object) => void} o.send sends one protocol message
   * @param {MediaStream} o.localStream the camera and microphone (a stream without video is fine)
   * @param {(snapshot: object) => void} [o.onChange] after every change of the snapshot
   * @param {RTCConfiguration} [o.rtcConfig]
   */
  constructor(o) {
    throw new Error('not built yet');
  }
}
