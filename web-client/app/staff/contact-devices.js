// A contact's phones and computers (GET /api/contacts/{id}/devices; docs/staff-api.md, "A contact's
// devices") in a dialog: the one that opened their link first, any let in since, and any waiting
// because someone else opened the link on another device: staff let it in or refuse it (POST
// .../devices/{device}/admit | refuse). "Reset" (confirmed; POST .../devices/reset) is for a lost
// phone: every device of the contact loses access and the next to open their link is let in.
//
// DOM contract: #devices-dialog[data-contact-id] with #devices-heading, #device-list >
// li.device[data-device-id][data-state] (.device-admit and .device-refuse on a waiting one),
// #devices-empty, #devices-error (role=alert), #devices-reset, #devices-close.

import { errorKey } from './api.js';
import { dateTime } from './dates.js';
import { closeDialog, confirmAction, openDialog } from './dialogs.js';
import { h, setText, showMessage } from './dom.js';

export class ContactDevices {
  constructor(doc, { api, t, locale, zone }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._zone = zone || {};
    const $ = (id) => doc.getElementById(id);
    this._el = { dialog: $('devices-dialog'), heading: $('devices-heading'), list: $('device-list'),
      empty: $('devices-empty'), error: $('devices-error'), reset: $('devices-reset'), close: $('devices-close') };
    this._contact = null;
    this._el.close.addEventListener('click', () => closeDialog(this._el.dialog));
    this._el.reset.addEventListener('click', () => this._reset());
    this._el.dialog.addEventListener('close', () => {
      this._contact = null;
      delete this._el.dialog.dataset.contactId;
    });
  }

  /** Shows the devices of `contact` ({id, name}). */
  async open(contact, opener) {
    this._contact = contact;
    this._el.dialog.dataset.contactId = contact.id;
    setText(this._el.heading, this._t('staff.devices.heading', { name: contact.name }));
    this._el.list.replaceChildren();
    showMessage(this._el.error, '');
    const closed = openDialog(this._el.dialog, { opener, focus: this._el.close });
    await this._load();
    await closed;
  }

  _path(suffix = '') {
    return `/api/contacts/${encodeURIComponent(this._contact.id)}/devices${suffix}`;
  }

  async _load() {
    const contact = this._contact;
    try {
      const answer = await this._api.get(this._path());
      if (contact !== this._contact) return;
      this._draw(answer.devices || []);
    } catch (e) {
      if (contact === this._contact && e.code !== 'not_signed_in') showMessage(this._el.error, this._t(errorKey(e)));
    }
  }

  _draw(devices) {
    const t = this._t;
    const when = (at) => dateTime(at, this._locale, this._zone.id);
    this._el.empty.hidden = devices.length > 0;
    this._el.list.replaceChildren(...devices.map((d, i) => {
      const label = t('staff.devices.device', { n: i + 1 });
      const what = t(`staff.devices.state.${d.state}`, { when: when(d.state === 'waiting' ? d.createdAt : d.changedAt) });
      const item = h('li', { class: 'device', dataset: { deviceId: d.device, state: d.state } },
        h('span', { class: 'device__label' }, label), ' — ', h('span', { class: 'device__state' }, what));
      if (d.state === 'waiting') {
        const button = (cls, key, admit) => {
          const b = h('button', { type: 'button', class: `button button--small ${cls}`,
            aria: { label: t(`${key}For`, { device: label }) } }, t(key));
          b.addEventListener('click', () => this._decide(d.device, admit));
          return b;
        };
        item.append(h('div', { class: 'actions actions--row' },
          button('device-admit', 'staff.devices.admit', true), button('device-refuse', 'staff.devices.refuse', false)));
      }
      return item;
    }));
  }

  async _decide(device, admit) {
    showMessage(this._el.error, '');
    try {
      await this._api.post(this._path(`/${encodeURIComponent(device)}/${admit ? 'admit' : 'refuse'}`), {});
    } catch (e) {
      if (e.code !== 'not_signed_in') showMessage(this._el.error, this._t(errorKey(e)));
    }
    await this._load();
  }

  async _reset() {
    const contact = this._contact;
    const yes = await confirmAction(this._doc, {
      heading: this._t('staff.devices.resetHeading', { name: contact.name }),
      message: this._t('staff.devices.resetMessage', { name: contact.name }),
      confirm: this._t('staff.devices.reset'),
      opener: this._el.reset,
    });
    if (!yes || contact !== this._contact) return;
    try {
      await this._api.post(this._path('/reset'), {});
    } catch (e) {
      if (e.code !== 'not_signed_in') showMessage(this._el.error, this._t(errorKey(e)));
    }
    await this._load();
  }
}
