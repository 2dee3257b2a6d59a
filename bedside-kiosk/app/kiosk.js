// Bedside kiosk, served at /kiosk: the idle screen (clock, date, connection, "do not disturb") and the
// call screens (incoming, in call, ended); the tablet's health goes to the server (health.js).
// Shared modules come from the web client, at /static/shared/.

import { startPage } from '/static/shared/page.js';
import { Call } from '/static/shared/call.js';
import { startClock } from '/static/kiosk/clock.js';
import { VisitFlow } from '/static/kiosk/visit-flow.js';
import { KioskScreens } from '/static/kiosk/screens.js';
import { Ringer } from '/static/kiosk/ringer.js';
import { openLocalMedia } from '/static/kiosk/local-media.js';
import { APP_VERSION } from '/static/shared/version.js';
import { HealthReporter } from '/static/kiosk/health.js';
import { DoNotDisturbControl } from '/static/kiosk/do-not-disturb.js';

async function main() {
  // Messages and states can arrive before the flow exists (the socket opens during startPage).
  let flow = null;
  let quiet = null; // "do not disturb" (do-not-disturb.js)
  let health = null; // tablet_status (health.js)
  const early = [];
  let last = ['connecting', null]; // the client's last state and detail (detail.revoked: shared/signaling.js)
  const page = await startPage({
    app: 'kiosk',
    offlineHintKey: 'status.offlineHint.kiosk',
    onMessage: (message) => {
      if (!flow) early.push(['message', message]);
      else {
        quiet.handle(message);
        flow.handle(message);
      }
    },
    onState: (state, detail) => {
      last = [state, detail];
      if (health) health.signalingState(state);
      if (quiet) quiet.signalingState(state);
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
  quiet = new DoNotDisturbControl(document, { send: (message) => page.client.send(message), t: page.t, locale: page.locale });
  health = new HealthReporter({ send: (message) => page.client.send(message), appVersion: APP_VERSION });
  for (const [kind, value, detail] of early.splice(0)) {
    if (kind === 'message') {
      quiet.handle(value);
      flow.handle(value);
    } else flow.signalingState(value, detail);
  }
  flow.signalingState(...last);
  quiet.signalingState(last[0]);
  health.signalingState(last[0]);
}

main().catch((e) => console.warn(`Lucarne: the kiosk failed to start: ${e && e.message}`));
