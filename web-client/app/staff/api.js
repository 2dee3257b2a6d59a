// The staff REST API (docs/staff-api.md) as seen from the console: JSON in and out, the
// session's CSRF token on every state-changing request, and every failure as one ApiError
// whose code is the server's (`bad_code`, `not_signed_in`, …) or `network` when the server
// could not be reached at all.
//
//   const api = new StaffApi({onNotSignedIn: () => …});
//   const session = await api.get('/api/session');   // throws ApiError
//   api.setCsrf(session.csrf);
//   await api.post('/api/session/sign-out');

/** Methods that change something: they carry X-CSRF-Token (docs/staff-api.md, "CSRF"). */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiError extends Error {
  /**
   * @param {number} status the HTTP status, 0 when no answer came
   * @param {string} code the server's error code, `network`, or `internal` for an answer that is not ours
   * @param {object} [extra] `retryAfterSeconds`, `field`, `suggestions` (a booking refusal's free slots) when the server sent them
   */
  constructor(status, code, message, extra) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    const e = extra || {};
    this.retryAfterSeconds = Number.isFinite(e.retryAfterSeconds) ? e.retryAfterSeconds : null;
    this.field = typeof e.field === 'string' ? e.field : null;
    this.suggestions = Array.isArray(e.suggestions)
      ? e.suggestions.filter((x) => x && Number.isFinite(x.start) && Number.isFinite(x.end) && x.end > x.start)
      : [];
  }
}

/** The i18n key that tells a person what went wrong: `error.staff.<code>`. */
export function errorKey(error) {
  const code = error && error.code;
  return KNOWN_CODES.has(code) ? `error.staff.${code}` : 'error.staff.internal';
}

/** Every code with a message in i18n/{en,fr}.json (checked by staff.selftest.js). */
export const KNOWN_CODES = new Set([
  'invalid_request', 'weak_password', 'not_signed_in', 'bad_credentials', 'bad_code',
  'sign_in_expired', 'account_disabled', 'csrf', 'forbidden', 'local_sign_in_disabled', 'not_found', 'conflict',
  'too_many_attempts', 'internal', 'network',
  // The booking rules' refusals (docs/staff-api.md, "Booking rules").
  'patient_discharged', 'no_tablet', 'tablet_not_at_bed', 'tablet_revoked', 'contact_not_allowed', 'in_the_past',
  'length_not_allowed', 'outside_visiting_hours', 'tablet_busy', 'daily_cap_reached', 'visit_started', 'visit_over',
  // Tablet enrolment (docs/staff-api.md, "Enrolling tablets").
  'unknown_code', 'enrolment_off',
]);

export class StaffApi {
  /**
   * @param {object} [options]
   * @param {Function} [options.fetch] defaults to the browser's
   * @param {(error: ApiError) => void} [options.onNotSignedIn] called for every 401 not_signed_in
   */
  constructor(options) {
    const o = options || {};
    this._fetch = o.fetch || ((...args) => globalThis.fetch(...args));
    this._onNotSignedIn = o.onNotSignedIn || (() => {});
    this._csrf = null;
  }

  /** The `csrf` of the current session; null after sign-out. */
  setCsrf(token) {
    this._csrf = token || null;
  }

  /**
   * @param {{background?: boolean}} [how] background: a refresh the page makes by itself, which the
   *   server does not count as the person's activity (so an unattended console still times out)
   */
  get(path, query, how) {
    return this.request('GET', withQuery(path, query), undefined, how);
  }

  post(path, body) {
    return this.request('POST', path, body);
  }

  patch(path, body) {
    return this.request('PATCH', path, body);
  }

  put(path, body) {
    return this.request('PUT', path, body);
  }

  delete(path) {
    return this.request('DELETE', path);
  }

  /** The parsed JSON answer, null for 204; throws ApiError for anything else. */
  async request(method, path, body, how) {
    const headers = { Accept: 'application/json' };
    if (how && how.background && method === 'GET') headers['X-Lucarne-Request'] = 'background';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (STATE_CHANGING.has(method) && this._csrf) headers['X-CSRF-Token'] = this._csrf;
    let response;
    try {
      response = await this._fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch (e) {
      throw new ApiError(0, 'network', `${method} ${path}: ${e && e.message}`);
    }
    const data = await readJson(response);
    if (response.ok) return response.status === 204 ? null : data;
    const error = toError(response.status, data, `${method} ${path}`);
    if (error.status === 401 && error.code === 'not_signed_in') this._onNotSignedIn(error);
    throw error;
  }
}

/** `path?a=1&b=x`, leaving out empty, null and undefined values. */
export function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readJson(response) {
  if (response.status === 204) return null;
  const type = (response.headers && response.headers.get('Content-Type')) || '';
  if (!type.toLowerCase().startsWith('application/json')) return null;
  try {
    return await response.json();
  } catch (e) {
    return null;
  }
}

function toError(status, data, what) {
  if (data && typeof data === 'object' && typeof data.code === 'string') {
    return new ApiError(status, data.code, `${what}: ${data.detail || data.message || data.code}`, data);
  }
  // Not one of our answers (a proxy's page, Jetty's plain 404 for a route not there yet).
  const code = status === 404 ? 'not_found' : status === 401 ? 'not_signed_in' : 'internal';
  return new ApiError(status, code, `${what}: HTTP ${status}`);
}
