// Staff console, served at /staff. For now: the page shell and the connection status.

import { startPage } from '../shared/page.js';

startPage({ app: 'staff', offlineHintKey: 'status.offlineHint.staff' })
  .catch((e) => console.warn(`Lucarne: the staff console failed to start: ${e && e.message}`));
