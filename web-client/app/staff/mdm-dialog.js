// "Issue for an MDM": for Android and iPad fleets run by device management, the server makes a tablet's
// key and certificate (POST /api/tablets/mdm, docs/staff-api.md "Enrolling tablets") and gives them
// once, as a PKCS#12 file and a one-time password. The file is saved through a Blob link; the password
// is shown once, with a warning that it cannot be shown again. Nothing of either stays in the page once
// the dialog closes.
//
// DOM contract: #mdm-dialog with #mdm-form (#mdm-bed, #mdm-label, #mdm-error, #mdm-save, #mdm-cancel),
// then #mdm-result (shown once issued): #mdm-download (a[download]), #mdm-password, #mdm-warning,
// #mdm-copy, #mdm-done.

import { closeDialog } from './dialogs.js';
import { copyText, focusOn, h, setText, showMessage } from './dom.js';
import { bedAndLabel, bedAndLabelProblem, openOnBeds } from './enrol-dialog.js';
import { clearFieldErrors, fieldProblem, showFieldError } from './field-errors.js';

/** The bytes of a base64 text. */
export function fromBase64(text) {
  const binary = atob(String(text));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file name safe to offer: the server's, without any path or odd characters, ending in .p12. */
export function p12Name(name) {
  const base = String(name || '').split(/[\\/]/).pop().replace(/[^\p{L}\p{N}._ -]/gu, '_').trim() || 'tablet.p12';
  return base.toLowerCase().endsWith('.p12') ? base : `${base}.p12`;
}

export class MdmDialog {
  constructor(doc, { api, t }) {
    this._api = api;
    this._t = t;
    this._pending = null;
    this._busy = false;
    this._url = null;
    const { bed, label, fields } = bedAndLabel('mdm', t);
    const error = h('p', { id: 'mdm-error', class: 'notice notice--problem', role: 'alert', hidden: true });
    const cancel = h('button', { id: 'mdm-cancel', class: 'button', type: 'button' }, t('staff.cancel'));
    const form = h('form', { id: 'mdm-form', class: 'form', novalidate: true },
      h('p', null, t('staff.enrolments.mdmIntro')), error, ...fields,
      h('div', { class: 'actions' },
        h('button', { id: 'mdm-save', class: 'button button--primary', type: 'submit' }, t('staff.enrolments.mdmIssue')), cancel));
    const download = h('a', { id: 'mdm-download', class: 'button button--primary', href: '#' });
    const password = h('p', { id: 'mdm-password', class: 'otp__value' });
    const copy = h('button', { id: 'mdm-copy', class: 'button', type: 'button' }, t('staff.enrolments.mdmCopy'));
    const copied = h('p', { id: 'mdm-copied', role: 'status', aria: { live: 'polite' }, hidden: true });
    const done = h('button', { id: 'mdm-done', class: 'button', type: 'button' }, t('staff.done'));
    const result = h('div', { id: 'mdm-result', hidden: true },
      h('p', { id: 'mdm-issued', role: 'status' }),
      download,
      h('p', { id: 'mdm-password-label' }, t('staff.enrolments.mdmPassword')), password,
      h('p', { id: 'mdm-warning', class: 'notice notice--problem' }, t('staff.enrolments.mdmWarning')),
      copied, h('div', { class: 'actions' }, copy, done));
    const dialog = h('dialog', { id: 'mdm-dialog', class: 'dialog', aria: { labelledby: 'mdm-heading' } },
      h('h2', { id: 'mdm-heading', class: 'dialog__heading' }, t('staff.enrolments.mdmHeading')), form, result);
    this._el = { dialog, form, bed, label, error, result, download, password, copy, copied, done };
    doc.body.append(dialog);
    cancel.addEventListener('click', () => closeDialog(dialog));
    done.addEventListener('click', () => closeDialog(dialog, 'saved'));
    copy.addEventListener('click', async () => {
      showMessage(copied, t(await copyText(password.textContent) ? 'staff.enrolments.mdmCopied' : 'staff.copyFailed'));
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._issue();
    });
    dialog.addEventListener('close', () => this._forget());
  }

  /** Opens the dialog for `ward`; resolves with the `<tablet>` issued, or null. */
  open(ward, opener) {
    const el = this._el;
    this._forget();
    el.form.hidden = false;
    el.result.hidden = true;
    return openOnBeds(this, ward, { opener, focus: el.bed });
  }

  async _issue() {
    const pending = this._pending;
    if (!pending || this._busy || pending.saved) return;
    const el = this._el;
    const t = this._t;
    clearFieldErrors(el.form);
    showMessage(el.error, '');
    const problem = bedAndLabelProblem('mdm', el.bed, el.label);
    if (problem) {
      showFieldError(problem[0], t(problem[1]));
      return;
    }
    this._busy = true;
    let answer;
    try {
      answer = await this._api.post('/api/tablets/mdm', { bed: el.bed.value, label: el.label.value.trim() });
    } catch (e) {
      if (e.code === 'not_signed_in') return;
      if (e.code === 'forbidden') showFieldError(el.bed, t('staff.enrolments.notYourWard'));
      else {
        const said = fieldProblem('mdm', e);
        if (said.field) showFieldError(said.field === 'bed' ? el.bed : el.label, t(said.key));
        else showMessage(el.error, t(said.key));
      }
      return;
    } finally {
      this._busy = false;
    }
    pending.saved = answer.tablet;
    const name = p12Name(answer.filename);
    this._url = URL.createObjectURL(new Blob([fromBase64(answer.pkcs12)], { type: 'application/x-pkcs12' }));
    el.download.href = this._url;
    el.download.setAttribute('download', name);
    setText(el.download, t('staff.enrolments.mdmDownload', { file: name }));
    setText(el.password, answer.password);
    setText(el.result.querySelector('#mdm-issued'), t('staff.enrolments.mdmIssued', { label: answer.tablet.label }));
    el.form.hidden = true;
    el.result.hidden = false;
    el.download.click();
    focusOn(el.download);
  }

  /** The file and the password leave the page: the Blob link is revoked and the text wiped. */
  _forget() {
    if (this._url) URL.revokeObjectURL(this._url);
    this._url = null;
    this._el.download.removeAttribute('href');
    setText(this._el.password, '');
    showMessage(this._el.copied, '');
  }
}
