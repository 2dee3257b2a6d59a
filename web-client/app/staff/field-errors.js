// A refusal that names a field (`400 invalid_request` or `409 conflict` with `field`, docs/staff-api.md
// "Errors") said next to that field, in the person's language: the server's own `message` is the
// general sentence, and its `detail` is English for developers, so each field a form can get wrong
// has its own sentence here, `staff.problem.<form>.<code>.<field>`.

import { errorKey } from './api.js';
import { focusOn, h, setText } from './dom.js';

/** The fields each form's server may name, by error code. */
export const FIELD_PROBLEMS = Object.freeze({
  patient: Object.freeze({
    invalid_request: Object.freeze(['name', 'bed', 'language', 'ins', 'ins.matricule', 'ins.oid', 'hospitalId']),
    conflict: Object.freeze(['bed', 'hospitalId', 'visits']),
  }),
  contact: Object.freeze({
    invalid_request: Object.freeze(['name', 'relationship', 'phone', 'email', 'language', 'channel']),
  }),
  enrolment: Object.freeze({
    invalid_request: Object.freeze(['code', 'bed', 'label']),
  }),
  mdm: Object.freeze({
    invalid_request: Object.freeze(['bed', 'label']),
  }),
});

/**
 * `{field, key}` for a refusal of `form` ('patient' | 'contact' | 'enrolment' | 'mdm') that names a field it knows, else
 * `{field: null, key}` with the general sentence of the error's code.
 */
export function fieldProblem(form, error) {
  const code = error && error.code;
  const field = error && error.field;
  const known = (FIELD_PROBLEMS[form] || {})[code] || [];
  if (field && known.includes(field)) return { field, key: `staff.problem.${form}.${code}.${field}` };
  return { field: null, key: errorKey(error) };
}

/** Every key fieldProblem can give (for the message files' check). */
export function fieldProblemKeys() {
  const keys = [];
  for (const [form, codes] of Object.entries(FIELD_PROBLEMS)) {
    for (const [code, fields] of Object.entries(codes)) for (const field of fields) keys.push(`staff.problem.${form}.${code}.${field}`);
  }
  return keys;
}

/**
 * Says `text` under `input` (a `<p class="field__error">` the input is described by), marks it
 * invalid and puts the cursor in it; typing in it again takes the mark away.
 */
export function showFieldError(input, text) {
  const id = `${input.id}-error`;
  let line = input.ownerDocument.getElementById(id);
  if (!line) {
    line = h('p', { id, class: 'field__error' });
    input.insertAdjacentElement('afterend', line);
  }
  setText(line, text);
  line.hidden = false;
  const described = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  if (!described.includes(id)) input.setAttribute('aria-describedby', [...described, id].join(' '));
  input.setAttribute('aria-invalid', 'true');
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
  focusOn(input);
}

/** Takes every field's error away from a form. */
export function clearFieldErrors(form) {
  for (const line of form.querySelectorAll('.field__error')) {
    setText(line, '');
    line.hidden = true;
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}
