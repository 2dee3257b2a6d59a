// Family page, served at /v/{inviteId}#{secret}. For now: a welcome and the
// connection status. The invite stays in this module's memory (see invite.js).

import { startPage } from '../shared/page.js';
import { readInvite } from './invite.js';

const invite = readInvite(window.location);

async function main() {
  const page = await startPage({ app: 'family', offlineHintKey: 'status.offlineHint.family' });
  if (!page) return;
  if (!invite.id || !invite.secret) {
    document.getElementById('link-problem').hidden = false;
  }
}

main().catch((e) => console.warn(`Lucarne: the family page failed to start: ${e && e.message}`));
