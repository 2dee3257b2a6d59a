// Bedside kiosk, served at /kiosk: the idle screen (clock, date, connection) and the
// call screens (incoming, in call, ended). Shared modules come from the web client,
// at /static/shared/.

import { startPage } from '/static/shared/page.js';
import { Call } from '/static/shared/call.js';
import { startClock } from '/static/kiosk/clock.js';
import { VisitFlow } from '/static/kiosk/visit-flow.js';
import { KioskScreens } from '/static/kiosk/screens.js';
import { Ringer } from '/static/kiosk/ringer.js';
import { openLocalMedia } from '/static/kiosk/local-media.js';

async function main() {
  // Messages and states can arrive before the flow exists (the socket opens during startPage).
  let flow = null;
  const early = [];
  let last = ['connecting', null]; // the client's last state and detail (detail.revoked: shared/signaling.js)
  const page = await startPage({
    app: 'kiosk',
    offlineHintKey: 'status.offlineHint.kiosk',
    onMessage: (message) => (flow ? flow.handle(message) : early.push(['message', message])),
    onState: (state, detail) => {
      last = [state, detail];
      if (flow) flow.signalingState(state, detail);
      else early.push(['state', state, detail]);
    },
  });
  if (!page) return;
  startClock({
    elements: {
      time: document.getElementById('clock'),
      date: document.getElementById('date'),
      part: document.getElementById('part-of-day'),
    },
    locale: page.locale,
    t: page.t,
  });

  let screens = null;
  const ringer = new Ringer();
  flow = new VisitFlow({
    send: (message) => page.client.send(message),
    createCall: (options) => new Call(options),
    openMedia: () => openLocalMedia(),
    ringer,
    onView: (view) => { if (screens) screens.render(view); },
  });
  screens = new KioskScreens(document, {
    t: page.t,
    locale: page.locale,
    actions: {
      answer: () => flow.answer(),
      decline: () => flow.decline(),
      hangUp: () => flow.hangUp(),
      toggleMute: () => flow.toggleMute(),
      toggleCamera: () => flow.toggleCamera(),
    },
  });
  for (const [kind, value, detail] of early.splice(0)) {
    if (kind === 'message') flow.handle(value);
    else flow.signalingState(value, detail);
  }
  flow.signalingState(...last);
}

main().catch((e) => console.warn(`Lucarne: the kiosk failed to start: ${e && e.message}`));
