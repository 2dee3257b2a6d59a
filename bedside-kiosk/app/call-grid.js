// The people in the call, one tile each, in a grid that fills the screen (1 to 7 people).
// Tiles are kept by participant id, so a video is never reset by an unrelated change.
//
// DOM contract: `.call-tile[data-participant][data-role][data-name]`, each with a
// `<video class="call-tile__video">` (not muted: the family's voices play from it) and the
// name under it; `[data-muted]`, `[data-camera-off]`, `[data-reconnecting]` when true.

export class CallGrid {
  /**
   * @param {HTMLElement} element the grid container
   * @param {(key: string, params?: object) => string} t
   * @param {{warn: Function}} [logger]
   */
  constructor(element, t, logger) {
    this._el = element;
    this._t = t;
    this._logger = logger || console;
    this._tiles = new Map(); // participant id -> {root, video, name, status, stream}
  }

  /** @param {Array<{id, role, name, muted, cameraOff, reconnecting, stream}>} participants */
  render(participants) {
    const seen = new Set();
    participants.forEach((p, index) => {
      seen.add(p.id);
      let tile = this._tiles.get(p.id);
      if (!tile) {
        tile = this._create(p.id);
        this._tiles.set(p.id, tile);
      }
      this._update(tile, p);
      // Arrival order; a tile already in place is not touched.
      if (this._el.children[index] !== tile.root) this._el.insertBefore(tile.root, this._el.children[index] || null);
    });
    for (const [id, tile] of this._tiles) {
      if (seen.has(id)) continue;
      detach(tile.video);
      tile.root.remove();
      this._tiles.delete(id);
    }
    this._el.dataset.count = String(this._tiles.size);
  }

  clear() {
    this.render([]);
  }

  _create(id) {
    const doc = this._el.ownerDocument;
    const root = doc.createElement('figure');
    root.className = 'call-tile';
    root.dataset.participant = id;
    const video = doc.createElement('video');
    video.className = 'call-tile__video';
    video.autoplay = true;
    video.playsInline = true;
    const off = doc.createElement('p');
    off.className = 'call-tile__off';
    off.setAttribute('aria-hidden', 'true');
    const caption = doc.createElement('figcaption');
    caption.className = 'call-tile__caption';
    const name = doc.createElement('span');
    name.className = 'call-tile__name';
    const status = doc.createElement('span');
    status.className = 'call-tile__status';
    caption.append(name, status);
    root.append(video, off, caption);
    return { root, video, off, name, status, stream: null };
  }

  _update(tile, p) {
    const { root } = tile;
    if (root.dataset.role !== p.role) root.dataset.role = p.role;
    if (root.dataset.name !== p.name) {
      root.dataset.name = p.name;
      tile.name.textContent = p.name;
      tile.off.textContent = initials(p.name);
    }
    flag(root, 'muted', p.muted);
    flag(root, 'cameraOff', p.cameraOff);
    flag(root, 'reconnecting', p.reconnecting);
    let status = '';
    if (p.reconnecting) status = this._t('kiosk.tile.reconnecting');
    else if (p.muted) status = this._t('kiosk.tile.muted');
    if (tile.status.textContent !== status) tile.status.textContent = status;

    const stream = p.stream || null;
    if (stream !== tile.stream) {
      tile.stream = stream;
      tile.video.srcObject = stream;
      if (stream) play(tile.video, this._logger);
    }
  }
}

/** Plays a video; autoplay is allowed on the tablet, so a refusal is only logged. */
export function play(video, logger) {
  const started = video.play();
  if (started && started.catch) {
    started.catch((e) => {
      if (e && e.name === 'AbortError') return; // a newer srcObject replaced this one
      (logger || console).warn(`Lucarne kiosk: a video did not start: ${e && e.name}`);
    });
  }
}

export function detach(video) {
  video.srcObject = null;
}

function flag(el, name, on) {
  if (on) {
    if (el.dataset[name] !== 'true') el.dataset[name] = 'true';
  } else if (name in el.dataset) {
    delete el.dataset[name];
  }
}

/** "Léa Martin" -> "LM": shown big when the camera is off. */
export function initials(name) {
  const words = String(name).trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => Array.from(w)[0].toLocaleUpperCase()).join('');
}
