// A visit's invites (GET /api/visits/{id}/invites) in a dialog opened from Today: for each family
// contact, where their invitation stands in words (sent, delivered, failed with the reason…), and
// Resend, Revoke (confirmed: the holder of the link leaves a live call at once) and Copy link (the
// link asked for again, shown and copied). Cancelling a visit, confirmed, is here too.
//
// DOM contract: #invites-dialog[data-visit-id] with #invites-heading, #invite-list > li.invite
// [data-invite][data-contact-id][data-status][data-revoked] (.invite__name, .invite__status, and as
// they apply button.invite-resend, button.invite-revoke, button.invite-copy, code.invite__link),
// #invites-empty, #invites-status (role=status), #invites-error (role=alert), #invites-close.

import { errorKey } from './api.js';
import { dayAndTime, localDate, timeOfDay } from './dates.js';
import { closeDialog, confirmAction, openDialog } from './dialogs.js';
import { copyText, focusOn, h, setText, showMessage } from './dom.js';
import { canCancel, contactChannelKey, inviteActions, inviteStatusText } from './invite-text.js';

export class VisitActions {
  /**
   * @param {Document} doc
   * @param {object} o
   * @param {{id: (string|undefined)}} [o.zone] the hospital's time zone
   * @param {() => number} [o.now]
   */
  constructor(doc, { api, t, locale, zone, now }) {
    this._doc = doc;
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._zone = zone || {};
    this._now = now || (() => Date.now());
    const $ = (id) => doc.getElementById(id);
    this._el = {
      dialog: $('invites-dialog'), heading: $('invites-heading'), list: $('invite-list'), empty: $('invites-empty'),
      status: $('invites-status'), error: $('invites-error'), close: $('invites-close'),
    };
    this._el.close.addEventListener('click', () => closeDialog(this._el.dialog));
    this._visit = null;
    this._busy = false;
  }

  /**
   * Cancels a visit once confirmed: the family is told, a live call ends at once. Resolves with the
   * sentence to show, or null when nothing was done; throws the ApiError of a refusal.
   */
  async cancel(visit, opener) {
    const t = this._t;
    const name = visit.patient.name;
    const when = this._when(visit.startsAt);
    if (!(await confirmAction(this._doc, {
      heading: t('staff.visit.cancelHeading', { name }),
      message: t(visit.status === 'in_call' ? 'staff.visit.cancelLive' : 'staff.visit.cancelMessage', { name, when }),
      confirm: t('staff.visit.cancel'),
      opener,
    }))) return null;
    await this._api.post(`/api/visits/${encodeURIComponent(visit.id)}/cancel`);
    return t('staff.visit.cancelled', { name, when });
  }

  /** Opens the dialog of a visit's invites. */
  async invites(visit, opener) {
    const el = this._el;
    this._visit = visit;
    el.dialog.dataset.visitId = visit.id;
    setText(el.heading, this._t('staff.invites.heading', { name: visit.patient.name, when: this._when(visit.startsAt) }));
    el.list.replaceChildren();
    el.empty.hidden = true;
    showMessage(el.status, '');
    showMessage(el.error, '');
    const closed = openDialog(el.dialog, { opener, focus: el.heading });
    await this._load();
    await closed;
    this._visit = null;
    el.list.replaceChildren();
    delete el.dialog.dataset.visitId;
  }

  /** Whether a visit may still be cancelled. */
  canCancel(visit) {
    return canCancel(visit, this._now());
  }

  clear() {
    closeDialog(this._el.dialog);
    this._el.list.replaceChildren();
  }

  async _load(focus) {
    const visit = this._visit;
    try {
      const answer = await this._api.get(`/api/visits/${encodeURIComponent(visit.id)}/invites`);
      if (this._visit !== visit) return;
      const invites = answer.invites || [];
      this._el.list.replaceChildren(...invites.map((i) => this._row(i)));
      this._el.empty.hidden = invites.length > 0;
      if (focus) {
        const row = this._el.list.querySelector(`li.invite[data-invite="${CSS.escape(focus.invite)}"]`);
        const target = row && (row.querySelector(`.invite-${focus.action}`) || row.querySelector('button'));
        focusOn(target || this._el.heading);
      }
    } catch (e) {
      if (e.code !== 'not_signed_in' && this._visit === visit) showMessage(this._el.error, this._t(errorKey(e)));
    }
  }

  _row(invite) {
    const t = this._t;
    const name = invite.contact.name;
    const can = inviteActions(invite, this._visit, this._now());
    const button = (action, key, handler) => {
      const b = h('button', { type: 'button', class: `button button--small invite-${action}`, aria: { label: t(`${key}For`, { name }) } }, t(key));
      b.addEventListener('click', () => this._act(() => handler(invite, b)));
      return b;
    };
    const buttons = [
      can.copy ? button('copy', 'staff.invite.copy', (i) => this._copy(i)) : null,
      can.resend ? button('resend', 'staff.invite.resend', (i) => this._resend(i)) : null,
      can.revoke ? button('revoke', 'staff.invite.revoke', (i, b) => this._revoke(i, b)) : null,
    ].filter(Boolean);
    return h('li', {
      class: 'invite', dataset: { invite: invite.invite, contactId: invite.contact.id, status: invite.status, revoked: String(invite.revoked) },
    },
    h('p', { class: 'invite__who' }, h('span', { class: 'invite__name' }, name), ' ',
      h('span', { class: 'muted' }, `(${t(contactChannelKey(invite.contact.channel))})`)),
    h('p', { class: 'invite__status' }, inviteStatusText(invite, t, (at) => this._when(at))),
    buttons.length ? h('div', { class: 'actions actions--row' }, buttons) : null);
  }

  /** One action at a time; what it says goes to the dialog's status line, a failure to its alert. */
  async _act(action) {
    if (this._busy) return;
    this._busy = true;
    showMessage(this._el.error, '');
    try {
      await action();
    } catch (e) {
      if (e.code !== 'not_signed_in') showMessage(this._el.error, this._t(e.code === 'conflict' ? 'staff.invite.notNow' : errorKey(e)));
    } finally {
      this._busy = false;
    }
  }

  async _copy(invite) {
    const answer = await this._api.post(`/api/invites/${encodeURIComponent(invite.invite)}/link`);
    const row = this._el.list.querySelector(`li.invite[data-invite="${CSS.escape(invite.invite)}"]`);
    if (row && !row.querySelector('.invite__link')) row.append(h('code', { class: 'invite__link' }, answer.link));
    const copied = await copyText(answer.link);
    showMessage(this._el.status, this._t(copied ? 'staff.invite.copiedFor' : 'staff.invite.shownFor', { name: invite.contact.name }));
  }

  async _resend(invite) {
    await this._api.post(`/api/invites/${encodeURIComponent(invite.invite)}/resend`);
    showMessage(this._el.status, this._t('staff.invite.resent', { name: invite.contact.name }));
    await this._load({ invite: invite.invite, action: 'copy' });
  }

  async _revoke(invite, opener) {
    const name = invite.contact.name;
    if (!(await confirmAction(this._doc, {
      heading: this._t('staff.invite.revokeHeading', { name }),
      message: this._t('staff.invite.revokeMessage', { name }),
      confirm: this._t('staff.invite.revoke'),
      opener,
    }))) return;
    await this._api.post(`/api/invites/${encodeURIComponent(invite.invite)}/revoke`);
    showMessage(this._el.status, this._t('staff.invite.revokedDone', { name }));
    await this._load({ invite: invite.invite, action: 'none' });
  }

  /** "14:30" on the day shown, else "Tue 5 Mar, 14:30". */
  _when(at) {
    const zone = this._zone.id;
    return localDate(at, zone) === localDate(this._now(), zone) ? timeOfDay(at, this._locale, zone) : dayAndTime(at, this._locale, zone);
  }
}
