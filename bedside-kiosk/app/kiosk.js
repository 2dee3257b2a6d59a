// Bedside kiosk, served at /kiosk: the idle screen (clock, date, ward, next visit, connection,
// "do not disturb") and the call screens (incoming, in call, ended); the tablet's health goes to the
// server (health.js). Shared modules come from the web client, at /static/shared/. The tablet speaks its
// patient's language once the server names it (next_visit), whatever the browser's.

import { startPage } from '/static/shared/page.js';
import { Call } from '/static/shared/call.js';
import { startClock } from '/static/kiosk/clock.js';
import { VisitFlow } from '/static/kiosk/visit-flow.js';
import { KioskScreens } from '/static/kiosk/screens.js';
import { Ringer } from '/static/kiosk/ringer.js';
import { openLocalMedia } from '/static/kiosk/local-media.js';
import { applyContrast } from '/static/kiosk/contrast.js';
import { APP_VERSION } from '/static/shared/version.js';
import { HealthReporter } from '/static/kiosk/health.js';
import { DoNotDisturbControl } from '/static/kiosk/do-not-disturb.js';
import { Conversation } from '/static/shared/messages/conversation.js';
import { MessagesScreen } from '/static/kiosk/messages-screen.js';
import { KioskMessaging } from '/static/kiosk/kiosk-messaging.js';
import { AdmitPrompt } from '/static/kiosk/admit-prompt.js';

async function main() {
  applyContrast(document, globalThis.location);
  // Messages and states can arrive before the flow exists (the socket opens during startPage).
  let flow = null;
  let quiet = null; // "do not disturb" (do-not-disturb.js)
  let health = null; // tablet_status (health.js)
  let e2ee = null; // end-to-end encrypted messages (kiosk-messaging.js)
  let admit = null; // a relative's second device waiting to be let in (admit-prompt.js)
  const early = [];
  let last = ['connecting', null]; // the client's last state and detail (detail.revoked: shared/signaling.js)
  const page = await startPage({
    app: 'kiosk',
    offlineHintKey: 'status.offlineHint.kiosk',
    onMessage: (message) => {
      if (!flow) early.push(['message', message]);
      else if (!admit.handle(message) && !e2ee.handle(message)) {
        quiet.handle(message);
        flow.handle(message);
      }
    },
    onState: (state, detail) => {
      last = [state, detail];
      if (health) health.signalingState(state);
      if (quiet) quiet.signalingState(state);
      if (admit) admit.signalingState(state);
      if (e2ee) e2ee.signalingState(state);
      if (flow) flow.signalingState(state, detail);
      else early.push(['state', state, detail]);
    },
  });
  if (!page) return;

  let screens = null;
  let messages = null; // the Messages screen (messages-screen.js)
  const clockElements = {
    time: document.getElementById('clock'),
    date: document.getElementById('date'),
    part: document.getElementById('part-of-day'),
  };
  const clock = () => startClock({
    elements: clockElements,
    locale: page.currentLocale(),
    t: page.t,
    onMinute: () => {
      if (screens) screens.refresh();
      if (messages) messages.newMinute();
    },
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
    if (quiet) quiet.refresh();
    if (admit) admit.refresh();
    if (messages) messages.refresh(true);
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
      videoSizes: (sizes) => flow.videoSizes(sizes),
    },
    onScreen: (screen) => { if (messages) messages.screenShown(screen === 'messages'); },
  });
  // kiosk-messaging.js feeds this conversation and sends `read` for its 'read' events (web-client/README.md).
  const conversation = new Conversation();
  messages = new MessagesScreen(document, {
    conversation, t: page.t, locale: () => page.currentLocale(),
    open: () => screens.showMessages(true), close: () => screens.showMessages(false),
    codeSeen: (device) => e2ee.codeSeen(device),
  });
  e2ee = new KioskMessaging(document, { send: (message) => page.client.send(message), conversation, screen: messages, t: page.t });
  quiet = new DoNotDisturbControl(document, {
    send: (message) => page.client.send(message), t: page.t, locale: () => page.currentLocale(),
  });
  health = new HealthReporter({ send: (message) => page.client.send(message), appVersion: APP_VERSION });
  admit = new AdmitPrompt(document, { send: (message) => page.client.send(message), t: page.t });
  for (const [kind, value, detail] of early.splice(0)) {
    if (kind === 'message') {
      if (!admit.handle(value) && !e2ee.handle(value)) {
        quiet.handle(value);
        flow.handle(value);
      }
    } else flow.signalingState(value, detail);
  }
  flow.signalingState(...last);
  quiet.signalingState(last[0]);
  health.signalingState(last[0]);
}

main().catch((e) => console.warn(`Lucarne: the kiosk failed to start: ${e && e.message}`));
