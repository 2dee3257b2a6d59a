// The Tablets view's enrolment part, for ward managers and admins (`tablet.enrol`): "Enrol a tablet"
// (enrol-dialog.js), "Issue for an MDM" (mdm-dialog.js) and the tablets waiting to be enrolled
// (GET /api/enrolments: device, from where, when, key fingerprint, never the code), each with Refuse
// (POST /api/enrolments/{request}/refuse). The list is read when the view opens and on the server's
// `ward_changed` hints. Built here with DOM calls and put under the view's heading.
//
// DOM contract: #tablet-enrolments (hidden for nurses) with #tablet-enrol-open, #mdm-open,
// #enrolments-heading, #enrolment-list > li.enrolment[data-request-id] with .enrolment__device,
// .enrolment__from, .enrolment__when, .enrolment__key and button.enrolment-refuse; #enrolments-empty,
// #enrolments-error.

import { errorKey } from './api.js';
import { dateTime } from './dates.js';
import { focusOn, h, showMessage } from './dom.js';
import { EnrolDialog } from './enrol-dialog.js';
import { MdmDialog } from './mdm-dialog.js';
import { canEnrolTablet } from './rules.js';

export class EnrolmentsPanel {
  /**
   * @param {object} o
   * @param {() => object} o.me the signed-in user
   * @param {(tablet: object, how: string) => void} o.onEnrolled a tablet was enrolled (approved or issued)
   * @param {(text: string) => void} o.say the view's status line
   */
  constructor(doc, { api, t, locale, zone, me, onEnrolled, say }) {
    this._api = api;
    this._t = t;
    this._locale = locale;
    this._zone = zone || {};
    this._me = me || (() => null);
    this._onEnrolled = onEnrolled;
    this._say = say;
    this._ward = null;
    this._loading = 0;
    this._enrol = new EnrolDialog(doc, { api, t });
    this._mdm = new MdmDialog(doc, { api, t });
    const enrolOpen = h('button', { id: 'tablet-enrol-open', class: 'button button--primary', type: 'button' }, t('staff.enrolments.enrolButton'));
    const mdmOpen = h('button', { id: 'mdm-open', class: 'button', type: 'button' }, t('staff.enrolments.mdmButton'));
    this._el = {
      list: h('ul', { id: 'enrolment-list', class: 'plain-list enrolments' }),
      empty: h('p', { id: 'enrolments-empty', class: 'notice', hidden: true }),
      error: h('p', { id: 'enrolments-error', class: 'notice notice--problem', role: 'alert', hidden: true }),
      enrolOpen,
    };
    this._el.root = h('section', { id: 'tablet-enrolments', class: 'enrolments-panel', aria: { labelledby: 'enrolments-heading' }, hidden: true },
      h('div', { class: 'actions actions--row' }, enrolOpen, mdmOpen),
      h('h2', { id: 'enrolments-heading' }, t('staff.enrolments.waitingHeading')),
      this._el.error, this._el.empty, this._el.list);
    const heading = doc.getElementById('tablets-heading');
    heading.parentElement.insertBefore(this._el.root, doc.getElementById('tablets-error').nextSibling);
    enrolOpen.addEventListener('click', () => this.openEnrol('', enrolOpen));
    mdmOpen.addEventListener('click', () => this._issue(mdmOpen));
  }

  get allowed() {
    return canEnrolTablet((this._me() || {}).role);
  }

  get dirty() {
    return false; // a code or a label is quickly typed again; the MDM password is never kept
  }

  setWard(ward) {
    this._ward = ward;
  }

  /** The view opened (or the server hinted a change): the waiting list is read again. */
  async refresh(how) {
    const el = this._el;
    el.root.hidden = !this.allowed || !this._ward;
    if (el.root.hidden) return;
    const ticket = ++this._loading;
    try {
      const answer = await this._api.get('/api/enrolments', undefined, { background: Boolean(how && how.background) });
      if (ticket !== this._loading) return;
      const pending = (answer && answer.pending) || [];
      showMessage(el.error, '');
      showMessage(el.empty, pending.length ? '' : this._t('staff.enrolments.none'));
      const focused = el.list.contains(el.list.ownerDocument.activeElement);
      el.list.replaceChildren(...pending.map((p) => this._row(p)));
      if (focused) focusOn(el.list.querySelector('.enrolment-refuse') || el.enrolOpen);
    } catch (e) {
      if (ticket !== this._loading || e.code === 'not_signed_in') return;
      showMessage(el.error, this._t(errorKey(e)));
    }
  }

  clear() {
    this._ward = null;
    this._loading += 1;
    this._el.list.replaceChildren();
    this._el.root.hidden = true;
    showMessage(this._el.error, '');
    showMessage(this._el.empty, '');
  }

  /** "Enrol a tablet", `code` (8 digits) filled in when given; a refusal is said when this role may not enrol. */
  async openEnrol(code, opener) {
    if (!this.allowed) {
      this._say(this._t('staff.enrolments.notAllowed'), true);
      return;
    }
    const approved = await this._enrol.open(this._ward, { code, opener });
    if (approved && approved.tablet) {
      this._say(this._t('staff.enrolments.enrolled', { label: approved.tablet.label, bed: approved.bedLabel }));
      await this._onEnrolled(approved.tablet, 'code');
      this.refresh({ background: true });
    }
  }

  async _issue(opener) {
    const tablet = await this._mdm.open(this._ward, opener);
    if (tablet) {
      this._say(this._t('staff.enrolments.mdmEnrolled', { label: tablet.label }));
      await this._onEnrolled(tablet, 'mdm');
    }
  }

  _row(p) {
    const t = this._t;
    const device = p.device || t('staff.enrolments.unnamed');
    const refuse = h('button', { type: 'button', class: 'button button--small button--danger enrolment-refuse', aria: { label: t('staff.enrolments.refuseFor', { device }) } },
      t('staff.enrolments.refuse'));
    refuse.addEventListener('click', () => this._refuse(p, device));
    return h('li', { class: 'enrolment', dataset: { requestId: p.request } },
      h('span', { class: 'enrolment__device' }, device), ' ',
      h('span', { class: 'enrolment__from' }, t('staff.enrolments.from', { address: p.fromAddress || '?' })), ' ',
      h('span', { class: 'enrolment__when' }, t('staff.enrolments.askedAt', { when: dateTime(p.createdAt, this._locale, this._zone.id) })), ' ',
      h('span', { class: 'enrolment__key' }, t('staff.enrolments.key'), ' ', h('code', null, p.keyFingerprint || '?')), ' ',
      refuse);
  }

  async _refuse(p, device) {
    try {
      await this._api.post(`/api/enrolments/${encodeURIComponent(p.request)}/refuse`);
      this._say(this._t('staff.enrolments.refused', { device }));
    } catch (e) {
      if (e.code !== 'not_signed_in') showMessage(this._el.error, this._t(errorKey(e)));
    }
    await this.refresh();
    focusOn(this._el.list.querySelector('.enrolment-refuse') || this._el.enrolOpen);
  }
}
