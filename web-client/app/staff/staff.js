// Staff console, served at /staff: the sign-in, then the visits of a ward (live: the server says
// when a ward changes), the call screen to join a visit, the staff accounts and the audit trail
// (staff-console.js). The signaling socket opens only once signed in.

import { startPage } from '../shared/page.js';
import { StaffConsole } from './staff-console.js';

async function main() {
  let console_ = null;
  const page = await startPage({
    app: 'staff',
    offlineHintKey: 'status.offlineHint.staff',
    connect: false,
    onMessage: (message) => {
      if (console_) console_.socketMessage(message);
    },
    onState: (state) => {
      if (console_) console_.socketState(state);
    },
  });
  if (!page) return;
  console_ = new StaffConsole(document, page);
  await console_.start();
}

main().catch((e) => console.warn(`Lucarne: the staff console failed to start: ${e && e.message}`));
