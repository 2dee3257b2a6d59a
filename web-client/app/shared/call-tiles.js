// The people in a call, one tile each: the one tile module of the family page, the kiosk and the
// staff console's call screen. Tiles are kept by participant id, in the order people came, so a
// video is never reset by an unrelated change. The page's own CSS lays the container out (by its
// [data-count]) and styles the tiles.
//
//   const tiles = new CallTiles(container, t, { muted: 'call.tile.muted', cameraOff: 'call.tile.cameraOff',
//     reconnecting: 'call.tile.reconnecting', weakLink: 'call.tile.weakLink' });
//   tiles.render(call.snapshot().participants);   // [{id, role, name, muted, cameraOff, reconnecting, link, stream}]
//   tiles.clear();
//   new CallTiles(container, t, labels, logger, { onSizes: (sizes) => call.setVideoSizes(sizes) });
//     // [{participant, height}]: how tall each tile shows its video, in device pixels, when that
//     // changes (tiles come and go, the window is resized): the bridge sends each the layer that fits
//
// DOM contract (web-client/README.md, bedside-kiosk/README.md):
//   container[data-count]  how many tiles
//   figure.call-tile[data-participant][data-role][data-name], with [data-muted="true"],
//     [data-camera-off="true"], [data-reconnecting="true"] when so (absent otherwise),
//     [data-link="weak"|"poor"] when their own connection is (shared/link-words.js), containing
//     <video class="call-tile__video"> (not muted: their voice plays from it) with their stream,
//     <p class="call-tile__off"> (their initials, for the CSS to show when the camera is off) and
//     <figcaption class="call-tile__caption"> with .call-tile__name and .call-tile__status
//     (reconnecting, else muted, camera off and a weak link as the labels given say; empty when
//     nothing to say)

/** The labels of the family page and the staff console (the kiosk has its own, larger words). */
import { shownHeights } from './call-simulcast.js';

export const CALL_TILE_LABELS = Object.freeze({
  muted: 'call.tile.muted', cameraOff: 'call.tile.cameraOff', reconnecting: 'call.tile.reconnecting',
  weakLink: 'call.tile.weakLink',
});

export class CallTiles {
  /**
   * @param {HTMLElement} container
   * @param {(key: string, params?: object) => string} t
   * @param {{reconnecting: string, muted?: string, cameraOff?: string, weakLink?: string}} labels the i18n keys of the
   *   status line; a state without a key is not written (the kiosk shows a camera off by the initials alone)
   * @param {{warn: Function}} [logger]
   * @param {{onSizes?: (sizes: Array<{participant: string, height: number}>) => void}} [options]
   */
  constructor(container, t, labels, logger, options) {
    this._el = container;
    this._t = t;
    this._labels = labels || {};
    this._logger = logger || console;
    this._tiles = new Map(); // participant id -> {root, video, off, name, status, stream}
    this._el.dataset.count = '0';
    this._onSizes = (options && options.onSizes) || null;
    this._sizesKey = '';
    const Observer = this._onSizes && container.ownerDocument.defaultView
      && container.ownerDocument.defaultView.ResizeObserver;
    if (Observer) new Observer(() => this._reportSizes()).observe(container);
  }

  /** Tells onSizes the tiles' heights when they changed. */
  _reportSizes() {
    if (!this._onSizes) return;
    const sizes = shownHeights([...this._tiles].map(([id, tile]) => [id, tile.video]));
    const key = JSON.stringify(sizes);
    if (key === this._sizesKey) return;
    this._sizesKey = key;
    this._onSizes(sizes);
  }

  /** How many tiles are shown. */
  get count() {
    return this._tiles.size;
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
    const count = String(this._tiles.size);
    if (this._el.dataset.count !== count) this._el.dataset.count = count;
    this._reportSizes();
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
    video.playsInline = true; // not muted: this is how their voice is heard
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
    const link = weakLink(p) ? p.link : undefined;
    if (link === undefined) delete root.dataset.link;
    else if (root.dataset.link !== link) root.dataset.link = link;
    const status = this._status(p);
    if (tile.status.textContent !== status) tile.status.textContent = status;

    const stream = p.stream || null;
    if (stream !== tile.stream) {
      tile.stream = stream;
      tile.video.srcObject = stream;
      if (stream) play(tile.video, this._logger);
    }
  }

  _status(p) {
    const l = this._labels;
    if (p.reconnecting) return l.reconnecting ? this._t(l.reconnecting) : '';
    const marks = [];
    if (p.muted && l.muted) marks.push(this._t(l.muted));
    if (p.cameraOff && l.cameraOff) marks.push(this._t(l.cameraOff));
    if (weakLink(p) && l.weakLink) marks.push(this._t(l.weakLink));
    return marks.join(' · ');
  }
}

function weakLink(p) {
  return p.link === 'weak' || p.link === 'poor';
}

/** Plays a video; a refusal (autoplay rules) is only logged, the next gesture or stream tries again. */
export function play(video, logger) {
  const started = video.play();
  if (started && started.catch) {
    started.catch((e) => {
      if (e && e.name === 'AbortError') return; // a newer srcObject replaced this one
      (logger || console).warn(`Lucarne: a video did not start: ${e && e.name}`);
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
