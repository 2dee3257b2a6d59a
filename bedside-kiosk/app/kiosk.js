// Bedside kiosk, served at /kiosk: the idle screen (clock, date, connection).
// Shared modules come from the web client, at /static/shared/.

import { startPage } from '/static/shared/page.js';
import { startClock } from '/static/kiosk/clock.js';

async function main() {
  const page = await startPage({ app: 'kiosk', offlineHintKey: 'status.offlineHint.kiosk' });
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
}

main().catch((e) => console.warn(`Lucarne: the kiosk failed to start: ${e && e.message}`));
