// Modal dialogs on <dialog>: showModal() keeps the keyboard inside and Escape closes them (the
// browser's own behaviour); focus goes to the dialog's first field, or its heading, and comes
// back to what opened it.

import { firstField, focusOn, setText } from './dom.js';

/**
 * Opens `dialog` as a modal. `focus` is where the cursor goes (default: the first field, else the
 * heading). Resolves when it closes, with its returnValue.
 */
export function openDialog(dialog, options) {
  const o = options || {};
  const opener = o.opener || dialog.ownerDocument.activeElement;
  return new Promise((resolve) => {
    dialog.returnValue = '';
    dialog.addEventListener('close', () => {
      if (opener && opener.isConnected && !opener.closest('[hidden]')) opener.focus();
      resolve(dialog.returnValue);
    }, { once: true });
    if (!dialog.open) dialog.showModal();
    focusOn(o.focus || firstField(dialog) || dialog.querySelector('h2'));
  });
}

/**
 * A form in a dialog: `holder._pending` is `pending` while it is open (its save sets `pending.saved`, or
 * clears `_pending`); resolves, once it closes, with what was saved, or null.
 */
export async function openFormDialog(holder, dialog, pending, options) {
  holder._pending = pending;
  await openDialog(dialog, options);
  const done = holder._pending;
  holder._pending = null;
  return done ? done.saved : null;
}

/** Closes `dialog` if it is open, with `value` as its returnValue. */
export function closeDialog(dialog, value) {
  if (dialog.open) dialog.close(value || '');
}

/**
 * Asks before something that cannot be undone. The safe answer, Cancel, has the focus, so an
 * Enter pressed by habit changes nothing. Resolves true when confirmed.
 */
export async function confirmAction(doc, { heading, message, confirm, opener }) {
  const dialog = doc.getElementById('confirm-dialog');
  const yes = doc.getElementById('confirm-yes');
  const no = doc.getElementById('confirm-no');
  setText(doc.getElementById('confirm-heading'), heading);
  setText(doc.getElementById('confirm-message'), message);
  setText(yes, confirm);
  const onYes = () => closeDialog(dialog, 'yes');
  const onNo = () => closeDialog(dialog, 'no');
  yes.addEventListener('click', onYes);
  no.addEventListener('click', onNo);
  try {
    return (await openDialog(dialog, { opener, focus: no })) === 'yes';
  } finally {
    yes.removeEventListener('click', onYes);
    no.removeEventListener('click', onNo);
  }
}

/** Closes every open dialog of the page (the session ended: nothing stays on screen). */
export function closeAllDialogs(doc) {
  for (const dialog of doc.querySelectorAll('dialog[open]')) dialog.close('');
}
