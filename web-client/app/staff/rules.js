// What the console checks and shows before asking the server: the password rule, the shape of a
// one-time code, the secret grouped for typing, who sees which part of the console. The server
// checks everything again; these only spare a person a round trip and say what to fix.

/** docs/staff-api.md, `weak_password`: 12 to 128 characters, not the username. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * The i18n key of what is wrong with a new password typed twice, or null when it may be sent.
 * Length counts characters as a person sees them (code points), as the server does.
 */
export function newPasswordProblem(password, again, username) {
  const length = [...String(password)].length;
  if (length < PASSWORD_MIN) return 'staff.password.tooShort';
  if (length > PASSWORD_MAX) return 'staff.password.tooLong';
  if (username && String(password).toLowerCase() === String(username).toLowerCase()) return 'staff.password.isUsername';
  if (password !== again) return 'staff.password.mismatch';
  return null;
}

/** A new username: 2 to 64 letters, digits and . _ @ -, starting with a letter or a digit (as the server says). */
export function usernameAllowed(text) {
  return /^[\p{L}\p{N}][\p{L}\p{N}._@-]{1,63}$/u.test(String(text).trim());
}

/** The six digits of an authenticator code as typed ("123 456", "123-456"), or null. RFC 6238 §5.3: 6 digits. */
export function sixDigitCode(text) {
  const digits = String(text).replace(/[\s-]/g, '');
  return /^[0-9]{6}$/.test(digits) ? digits : null;
}

/** A recovery code as typed, without surrounding blanks; null when nothing was typed. */
export function recoveryCode(text) {
  const code = String(text).trim();
  return code ? code : null;
}

/** A base32 secret in groups of four, the way authenticator apps show it: "JBSW Y3DP EHPK 3PXP". */
export function groupSecret(secret) {
  const clean = String(secret).replace(/[\s=]/g, '').toUpperCase();
  return (clean.match(/.{1,4}/g) || []).join(' ');
}

/** The console's views and who may open them (docs/security.md, "Who may do what"). */
export const VIEWS = Object.freeze(['today', 'users', 'audit']);

export function canOpen(role, view) {
  switch (view) {
    case 'today': return true;
    case 'users': return role === 'admin';
    case 'audit': return role === 'admin' || role === 'ward_manager';
    default: return false;
  }
}

/** The view a location hash asks for (`#users`), falling back to Today when unknown or not allowed. */
export function viewOfHash(hash, role) {
  const view = String(hash || '').replace(/^#/, '');
  return VIEWS.includes(view) && canOpen(role, view) ? view : 'today';
}

export const ROLES = Object.freeze(['nurse', 'ward_manager', 'admin']);

export function roleKey(role) {
  return ROLES.includes(role) ? `staff.role.${role}` : 'staff.role.unknown';
}

/** docs/staff-api.md, "Visit statuses". */
export const VISIT_STATUSES = Object.freeze(['scheduled', 'ready', 'in_call', 'completed', 'cancelled', 'no_show']);

export function visitStatusKey(status) {
  return VISIT_STATUSES.includes(status) ? `staff.visit.status.${status}` : 'staff.visit.status.unknown';
}

/** The `?sso_error=` codes of docs/staff-api.md ("SSO"), each with its sentence `error.sso.<code>`. */
export const SSO_ERRORS = Object.freeze([
  'unavailable', 'denied', 'provider_error', 'expired', 'rejected', 'no_role', 'no_ward', 'not_linked', 'disabled',
  'internal',
]);

/** The notice key for `?sso_error=<code>` in a query string (an unknown code reads as `internal`), or null. */
export function ssoErrorKey(search) {
  const code = new URLSearchParams(search || '').get('sso_error');
  if (code === null) return null;
  return `error.sso.${SSO_ERRORS.includes(code) ? code : 'internal'}`;
}
