// Family page, served at /v/{inviteId}#{secret}. For now: a welcome, the
// connection status and the device check. The invite stays in this module's
// memory (see invite.js).

import { startPage } from '../shared/page.js';
import { readInvite } from './invite.js';
import { DevicePanel } from './device-panel.js';

const invite = readInvite(window.location);

async function main() {
  const page = await startPage({ app: 'family', offlineHintKey: 'status.offlineHint.family' });
  if (!page) return;
  if (!invite.id || !invite.secret) {
    document.getElementById('link-problem').hidden = false;
  }
  await new DevicePanel(document, page.t).start();
}

main().catch((e) => console.warn(`Lucarne: the family page failed to start: ${e && e.message}`));
