// Checks binding.js: what the family page sends and how it takes the server's answers, with the
// known identity of shared/e2ee/identity.selftest.js. Returns a list of failures, empty when all
// pass; runs in Node and in a browser page.

import { LinkBinding } from './binding.js';
import { knownIdentity } from '../shared/e2ee/identity.selftest.js';
import { ed25519Verify, fromBase64Url, toBase64Url } from '../shared/e2ee/primitives.js';
import { bindingProofMessage, PROOF_BIND_INVITE } from '../shared/e2ee/identity.js';

const ORIGIN = 'https://visits.chu.example';
const INVITE = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
const NONCE = toBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i));

export async function runBindingChecks() {
  const failures = [];
  const expect = (what, got, want) => {
    if (got !== want) failures.push(`binding: ${what} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  };
  const identity = await knownIdentity();
  const make = () => {
    const sent = [];
    const states = [];
    const b = new LinkBinding({
      send: (m) => sent.push(m), inviteId: INVITE, origin: ORIGIN, identity: async () => identity,
      onChange: (state, code) => states.push(code ? `${state}:${code}` : state),
    });
    return { b, sent, states };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  // The first device: a challenge asked, the link bound with a proof the server can check, then joined.
  {
    const { b, sent, states } = make();
    let joined = 0;
    b.connected(() => { joined += 1; });
    expect('first frame', JSON.stringify(sent[0]), JSON.stringify({ v: 1, type: 'e2ee_hello' }));
    expect('challenge taken', b.handle({ type: 'e2ee_challenge', nonce: NONCE }), true);
    for (let i = 0; i < 20 && sent.length < 2; i++) await settle();
    const bind = sent[1] || {};
    expect('bind type', bind.type, 'e2ee_bind');
    expect('bind invite', bind.invite, INVITE);
    expect('bind identity', bind.identity, toBase64Url(identity.record));
    expect('no secret sent', Object.keys(bind).sort().join(','), 'identity,invite,proof,type,v');
    const signed = bindingProofMessage(PROOF_BIND_INVITE, ORIGIN, INVITE, fromBase64Url(NONCE, 32));
    expect('proof verifies', await ed25519Verify(identity.sig.publicKey, fromBase64Url(bind.proof || '', 64), signed), true);
    expect('not joined before bound', joined, 0);
    b.handle({ type: 'e2ee_bound', device: toBase64Url(identity.deviceId) });
    expect('state', b.state, 'bound');
    expect('joined once bound', joined, 1);
    b.connected(() => { joined += 1; });
    b.handle({ type: 'e2ee_bound', device: toBase64Url(identity.deviceId) });
    expect('a new socket binds again, then the call comes back', joined, 2);
    expect('states', states.join(' '), 'bound binding bound');
  }

  // Someone else's device holds the link: this one waits, then is let in; or refused.
  {
    const { b, states } = make();
    let joined = 0;
    b.connected(() => { joined += 1; });
    expect('link taken is the binding\'s', b.handle({ type: 'error', code: 'e2ee_link_taken', message: '' }), true);
    expect('waiting', b.state, 'waiting');
    expect('no join while waiting', joined, 0);
    b.handle({ type: 'e2ee_bound', device: toBase64Url(identity.deviceId) });
    expect('let in, then joined', joined, 1);
    expect('states', states.join(' '), 'waiting bound');
    const refused = make();
    refused.b.connected();
    refused.b.handle({ type: 'error', code: 'e2ee_link_taken', message: '' });
    refused.b.handle({ type: 'e2ee_refused', device: toBase64Url(identity.deviceId) });
    expect('refused', refused.b.state, 'refused');
    refused.b.connected();
    expect('a refused page asks nothing more', refused.sent.length, 1);
  }

  // A link the server refuses: the join goes on, to say why in the call's words.
  {
    const { b } = make();
    let joined = 0;
    b.connected(() => { joined += 1; });
    expect('revoked is the binding\'s', b.handle({ type: 'error', code: 'invite_revoked', message: '' }), true);
    expect('unusable', `${b.state}:${b.code}`, 'unusable:invite_revoked');
    expect('the join says why', joined, 1);
    expect('other errors are the call\'s', b.handle({ type: 'error', code: 'sdp_invalid', message: '' }), false);
    expect('call messages are not the binding\'s', b.handle({ type: 'lobby', visit: 'v', name: 'Marie' }), false);
  }
  return failures;
}
