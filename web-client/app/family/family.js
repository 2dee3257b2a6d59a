// Family page, served at /v/{inviteId}#{secret}: the link bound to this browser (binding.js),
// the device check, then the call (shared/call.js) drawn by call-view.js. The invite stays in
// this module's memory (see invite.js); only its id is ever sent.

import { startPage } from '../shared/page.js';
import { Call } from '../shared/call.js';
import { readInvite } from './invite.js';
import { DevicePanel } from './device-panel.js';
import { CallView } from './call-view.js';
import { Conversation } from '../shared/messages/conversation.js';
import { MessagesPanel } from './messages-panel.js';
import { FamilyMessaging } from './family-messaging.js';
import { LinkBinding } from './binding.js';
import { loadOrCreateIdentity } from '../shared/e2ee/identity.js';

const invite = readInvite(window.location);

/** While the visit has not started, the page asks again this often ("it will continue by itself"). */
const NOT_STARTED_RETRY_MS = 30_000;

async function main() {
  let call = null;
  let view = null;
  let retry = null;
  let messages = null; // messages-panel.js: shown once the E2EE transport attaches to it
  let e2ee = null; // family-messaging.js: the messages, once this browser is bound to the link
  let deviceReady = false;
  let identity = null; // this browser's, made once per origin
  const binding = new LinkBinding({
    send: (m) => page.client.send(m),
    inviteId: invite.id,
    origin: window.location.origin,
    identity: () => (identity ||= loadOrCreateIdentity(window.location.origin).then((r) => r.identity)),
    onChange: (state) => showLink(state),
  });
  const showLink = (state) => {
    document.body.dataset.link = state;
    document.getElementById('link-waiting').hidden = state !== 'waiting';
    document.getElementById('link-refused').hidden = state !== 'refused';
    if (view) view.offerJoin(mayJoin());
  };
  // Bound, or a link the server refuses anyway: the join then says why, as for any refused link.
  const mayJoin = () => Boolean(invite.id && invite.secret) && deviceReady
    && (binding.state === 'bound' || binding.state === 'unusable');
  const page = await startPage({
    app: 'family',
    offlineHintKey: 'status.offlineHint.family',
    connect: false,
    onState: (state) => {
      if (messages) messages.setConnection(state);
      if (e2ee) e2ee.signalingState(state);
      // Each socket binds again (its proof is its own) before the call comes back on it.
      if (state === 'connected' && invite.id) binding.connected(call ? () => call.signalingReconnected() : null);
      if (!call) return;
      if (state === 'reconnecting' || state === 'offline') call.signalingLost();
    },
    onMessage: (message) => {
      if (binding.handle(message)) return;
      if (e2ee && e2ee.handle(message)) return;
      if (call) call.handle(message);
    },
  });
  if (!page) return;
  showLink(binding.state);
  // family-messaging.js feeds this conversation, sends `read` for its 'read' events and attaches its
  // sender to the panel (web-client/README.md, "Messages").
  const conversation = new Conversation();
  messages = new MessagesPanel(document, { conversation, t: page.t, locale: () => page.currentLocale() });
  e2ee = new FamilyMessaging({
    send: (m) => page.client.send(m), conversation, panel: messages, t: page.t, linkSecret: invite.secret,
    origin: window.location.origin,
  });
  const linkOk = Boolean(invite.id && invite.secret);
  if (!linkOk) document.getElementById('link-problem').hidden = false;

  const panel = new DevicePanel(document, page.t, (state) => {
    deviceReady = state === 'ready';
    if (view) view.offerJoin(mayJoin());
  });

  const join = () => {
    clearTimeout(retry);
    if (!call) {
      const localStream = panel.handOver();
      view.showSelf(localStream);
      call = new Call({
        send: (m) => page.client.send(m),
        localStream,
        onChange: (snapshot) => {
          view.render(snapshot);
          clearTimeout(retry);
          if (snapshot.state === 'ended' && snapshot.error === 'visit_not_started') {
            retry = setTimeout(join, NOT_STARTED_RETRY_MS);
          }
        },
      });
    }
    call.joinByInvite(invite.id);
  };
  view = new CallView(document, page.t, {
    join,
    leave: () => call && call.leave(),
    mute: (muted) => call && call.setMuted(muted),
    camera: (off) => call && call.setCameraOff(off),
    videoSizes: (sizes) => call && call.setVideoSizes(sizes),
  });
  page.client.start();
  window.addEventListener('pagehide', () => {
    if (call && !['idle', 'ended'].includes(call.state)) call.leave();
    if (call) call.close();
  });
  await panel.start();
}

main().catch((e) => console.warn(`Lucarne: the family page failed to start: ${e && e.message}`));
