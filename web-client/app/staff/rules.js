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

export const ROLES = Object.freeze(['nurse', 'ward_manager', 'admin']);

/** The console's views and who may open them (docs/security.md, "Who may do what"). */
export const VIEWS = Object.freeze(['today', 'week', 'patients', 'tablets', 'outbox', 'settings', 'reports', 'users', 'audit']);

export function canOpen(role, view) {
  switch (view) {
    case 'today': case 'week': case 'patients': case 'tablets': case 'outbox': case 'settings': return ROLES.includes(role);
    case 'reports': return role === 'ward_manager' || role === 'admin'; // report.view
    case 'users': return role === 'admin';
    case 'audit': return role === 'admin' || role === 'ward_manager';
    default: return false;
  }
}

/** Whether the console offers to revoke a tablet: `tablet.enrol`, a ward's managers and its admins. */
export function canRevokeTablet(role) {
  return role === 'ward_manager' || role === 'admin';
}

/** Whether the console offers to enrol tablets (approve a tablet's code, issue one for an MDM): `tablet.enrol` too. */
export function canEnrolTablet(role) {
  return canRevokeTablet(role);
}

/** The 8 digits of a tablet's enrolment code as typed ("1234-5678", "1234 5678", "12345678"), or null. */
export function enrolmentCode(text) {
  const digits = String(text).replace(/[\s-]/g, '');
  return /^[0-9]{8}$/.test(digits) ? digits : null;
}

/**
 * The code of a console address that asks to approve an enrolment (`/staff#enrol=12345678`, the tablet's
 * pairing screen's QR code): its digits, '' when the code there is not one, null for any other hash.
 */
export function enrolCodeOfHash(hash) {
  const match = /^#?enrol=(.*)$/.exec(String(hash || ''));
  if (!match) return null;
  return enrolmentCode(decodeURIComponent(match[1])) || '';
}

/** The view a location hash asks for (`#users`), falling back to Today when unknown or not allowed. */
export function viewOfHash(hash, role) {
  const view = String(hash || '').replace(/^#/, '');
  return VIEWS.includes(view) && canOpen(role, view) ? view : 'today';
}

export function roleKey(role) {
  return ROLES.includes(role) ? `staff.role.${role}` : 'staff.role.unknown';
}

/** docs/staff-api.md, "Visit statuses". */
export const VISIT_STATUSES = Object.freeze(['scheduled', 'ready', 'in_call', 'completed', 'cancelled', 'no_show']);

export function visitStatusKey(status) {
  return VISIT_STATUSES.includes(status) ? `staff.visit.status.${status}` : 'staff.visit.status.unknown';
}

/**
 * Statuses of a visit whose call staff may join to help: its window is open (`open`, and the
 * `ready` and `in_call` of the booking statuses). The server decides again at the join.
 */
export const JOINABLE_STATUSES = Object.freeze(['open', 'ready', 'in_call']);

export function canJoin(visit) {
  return Boolean(visit && JOINABLE_STATUSES.includes(visit.status));
}

/** docs/staff-api.md, `tablet.state`. */
export const TABLET_STATES = Object.freeze(['online', 'offline', 'in_call']);

export function tabletStateKey(state) {
  return TABLET_STATES.includes(state) ? `staff.tablet.state.${state}` : 'staff.tablet.state.unknown';
}

/** docs/staff-api.md, a participant's `role` and `state`. */
export const PARTICIPANT_ROLES = Object.freeze(['patient', 'family', 'staff']);
export const PARTICIPANT_STATES = Object.freeze(['in_call', 'reconnecting', 'waiting']);

/** The key and parameters of "Jean Dupont (family, waiting)" for one participant of `<visit>`. */
export function participantText(p) {
  const role = PARTICIPANT_ROLES.includes(p.role) ? p.role : 'unknown';
  const state = PARTICIPANT_STATES.includes(p.state) ? p.state : 'in_call';
  return { key: `staff.visit.person.${state}`, roleKey: `staff.visit.role.${role}`, name: p.name };
}

/**
 * When the list must be read again by itself: at the next start or end of one of its visits (its
 * status then changes with no one telling), or after `safetyMs` at the latest. Milliseconds from `now`.
 */
export function nextRefreshIn(visits, now, safetyMs) {
  let next = null;
  for (const v of visits || []) {
    for (const at of [v.startsAt, v.endsAt]) {
      if (typeof at === 'number' && at > now && at - now < safetyMs && (next === null || at < next)) next = at;
    }
  }
  if (next === null) return safetyMs;
  return Math.max(1000, next - now + 500); // just after the boundary, never in a tight loop
}

/** Why the console's call ended, in words: `staff.call.end.<reason>`, or a refusal's `error.<code>`. */
export const CALL_END_REASONS = Object.freeze(['ended', 'declined', 'no_answer', 'time_up', 'removed', 'left']);

export function callEndKey(snapshot) {
  if (snapshot.endReason) {
    return CALL_END_REASONS.includes(snapshot.endReason) ? `staff.call.end.${snapshot.endReason}` : 'staff.call.end.ended';
  }
  return null;
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
