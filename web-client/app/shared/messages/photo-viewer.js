// A photo full screen: a modal <dialog> over everything, the picture as large as the screen allows,
// its caption, and a large "Close"; a tap anywhere or Escape closes it too, and the focus goes back to
// the thumbnail that opened it.
//
//   const viewer = new PhotoViewer(parent, { t, id: 'kiosk-photo' });
//   viewer.open({ url, caption, name }, openerButton);

export class PhotoViewer {
  /**
   * @param {HTMLElement} parent where the dialog is put
   * @param {{t: (key: string, params?: object) => string, id: string}} o
   */
  constructor(parent, o) {
    const doc = parent.ownerDocument;
    this._t = o.t;
    this._opener = null;
    const dialog = doc.createElement('dialog');
    dialog.id = o.id;
    dialog.className = 'photo-viewer';
    const img = doc.createElement('img');
    img.className = 'photo-viewer__img';
    const caption = doc.createElement('p');
    caption.className = 'photo-viewer__caption';
    caption.id = `${o.id}-caption`;
    const close = doc.createElement('button');
    close.type = 'button';
    close.className = 'photo-viewer__close';
    dialog.append(img, caption, close);
    dialog.addEventListener('click', () => this.close());
    dialog.addEventListener('close', () => {
      img.removeAttribute('src');
      if (this._opener && this._opener.isConnected) this._opener.focus();
      this._opener = null;
    });
    parent.append(dialog);
    this._el = { dialog, img, caption, close };
  }

  get isOpen() {
    return this._el.dialog.open;
  }

  /** @param {{url: string, caption: string, name: string}} photo @param {?HTMLElement} opener */
  open(photo, opener) {
    const { dialog, img, caption, close } = this._el;
    img.src = photo.url;
    img.alt = photo.caption || this._t('messages.photo.from', { name: photo.name });
    caption.textContent = photo.caption || '';
    caption.hidden = !photo.caption;
    close.textContent = this._t('messages.photo.close');
    dialog.setAttribute('aria-label', this._t('messages.photo.from', { name: photo.name }));
    this._opener = opener || null;
    if (!dialog.open) dialog.showModal();
    close.focus();
  }

  close() {
    if (this._el.dialog.open) this._el.dialog.close();
  }
}
