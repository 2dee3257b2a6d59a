// High contrast on the kiosk: the system's wish (prefers-contrast: more, forced-colors: active)
// is followed by kiosk.css alone; `/kiosk?contrast=high` asks for it on a tablet whose system
// has no such setting (set once in the launcher's URL by whoever installs the tablet).

/** Sets <html data-contrast="high"> when the page's address asks for it. */
export function applyContrast(doc, location) {
  const params = new URLSearchParams((location && location.search) || '');
  if (params.get('contrast') === 'high') doc.documentElement.dataset.contrast = 'high';
}
