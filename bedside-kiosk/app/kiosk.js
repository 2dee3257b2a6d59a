// Bedside kiosk, served at /kiosk: the idle screen (clock, date, ward, next visit, connection)
// and the call screens (incoming, in call, ended). Shared modules come from the web client,
// at /static/shared/. The tablet speaks its patient's language once the server names it
// (next_visit), whatever the browser's.

import { startPage } from '/static/shared/page.js';
import { Call } from '/static/shared/call.js';
import { startClock } from '/static/kiosk/clock.js';
import { VisitFlow } from '/static/kiosk/visit-flow.js';
import { KioskScreens } from '/static/kiosk/screens.js';
import { Ringer } from '/static/kiosk/ringer.js';
import { openLocalMedia } from '/static/kiosk/local-media.js';
import { applyContrast } from '/static/kiosk/contrast.js';

async function main() {
  applyContrast(document, globalThis.location);
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

  let screens = null;
  const clockElements = {
    time: document.getElementById('clock'),
    date: document.getElementById('date'),
    part: document.getElementById('part-of-day'),
  };
  const clock = () => startClock({
    elements: clockElements,
    locale: page.currentLocale(),
    t: page.t,
    onMinute: () => { if (screens) screens.refresh(); },
  });
  let stopClock = clock();

  // The patient's language, once named: the page's words, the clock and the status are drawn again.
  let language = null;
  const speak = async (lang) => {
    if (!lang || lang === language) return;
    language = lang;
    await page.switchLanguage(lang);
    stopClock();
    stopClock = clock();
    page.status.update(...last);
    if (screens) screens.refresh();
  };

  const ringer = new Ringer();
  flow = new VisitFlow({
    send: (message) => page.client.send(message),
    createCall: (options) => new Call(options),
    openMedia: () => openLocalMedia(),
    ringer,
    onView: (view) => {
      if (screens) screens.render(view);
      speak(view.language).catch((e) => console.warn(`Lucarne: the language did not change: ${e && e.message}`));
    },
  });
  screens = new KioskScreens(document, {
    t: page.t,
    locale: () => page.currentLocale(),
    actions: {
      answer: () => flow.answer(),
      decline: () => flow.decline(),
      notNow: () => flow.notNow(),
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
