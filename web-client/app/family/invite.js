// Reads the invite from the family link /v/{inviteId}#{secret}.
//
// The secret (the fragment) never reaches the server by itself, and we must
// never send it either: keep the returned object in memory only, do not log
// it, store it or put it in the page. Later it seeds the E2EE binding.

const INVITE_PATH = /^\/v\/([A-Za-z0-9_-]+)\/?$/;
const SECRET = /^[A-Za-z0-9_-]+$/;

/** {id, secret} from a Location-like {pathname, hash}; null for what is absent or malformed. */
export function readInvite(loc) {
  const path = INVITE_PATH.exec(loc.pathname);
  const secret = loc.hash.startsWith('#') ? loc.hash.slice(1) : '';
  return {
    id: path ? path[1] : null,
    secret: SECRET.test(secret) ? secret : null,
  };
}
