// Small DOM helpers for the console: elements built with DOM calls (never markup from strings,
// so no name can inject anything), text set only when it changes, and focus moved to where a
// keyboard user expects it.

/**
 * h('button', {type: 'button', class: 'button', dataset: {userId: '7'}, aria: {label: '…'}}, 'Edit')
 * Attributes are set with setAttribute; children are nodes or text.
 */
export function h(tag, attributes, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) el.dataset[k] = String(v);
    } else if (name === 'aria') {
      for (const [k, v] of Object.entries(value)) el.setAttribute(`aria-${k}`, String(v));
    } else if (name === 'class') {
      el.className = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Sets the text only when it differs: writing the same text again makes some screen readers repeat it. */
export function setText(el, text) {
  const value = text === null || text === undefined ? '' : String(text);
  if (el.textContent !== value) el.textContent = value;
}

/** Shows a message in an element that is hidden while empty. */
export function showMessage(el, text) {
  setText(el, text);
  el.hidden = !text;
}

/** Moves focus to `el` (made focusable by script when it is a heading). */
export function focusOn(el) {
  if (!el) return;
  if (!el.matches('a[href], button, input, select, textarea, [tabindex]')) el.setAttribute('tabindex', '-1');
  el.focus();
}

/** The first field of a form that can take focus, else its first button. */
export function firstField(root) {
  return root.querySelector('input:not([type=hidden]):not([disabled]):not([readonly]), select:not([disabled]), textarea')
    || root.querySelector('button:not([disabled])');
}

/** Whether anything typed into the form's fields differs from what it was given. */
export function isDirty(form) {
  for (const field of form.querySelectorAll('input, select, textarea')) {
    if (field.type === 'checkbox' || field.type === 'radio') {
      if (field.checked !== field.defaultChecked) return true;
    } else if (field.tagName === 'SELECT') {
      const given = [...field.options].findIndex((option) => option.defaultSelected);
      if (field.selectedIndex !== Math.max(0, given)) return true;
    } else if (field.value !== field.defaultValue) {
      return true;
    }
  }
  return false;
}

/** Copies text to the clipboard; false when the browser refuses (the text stays on screen to copy by hand). */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (e) {
    return false;
  }
}
