// Checks identity.js. Returns a list of failures, empty when all pass.
//
//   runIdentityChecks()        pure parts, in Node and in a browser page: a known answer (keys from
//                              fixed private keys; the expected bytes were computed with another
//                              Ed25519/X25519 implementation, pyca/cryptography), proofs, refusals
//   runIdentityStorageChecks() the browser only (IndexedDB, Web Locks): made once, loaded again,
//                              non-extractable, per scope, forgotten

import { ed25519Verify, fromHex, keyPairFromPrivate, toHex, concat, labelPrefix } from './primitives.js';
import {
  PROOF_BIND_INVITE, PROOF_DEVICE_HELLO, bindingProofMessage, forgetIdentity, identityFromKeyPairs,
  forgetOtherScopes, loadOrCreateIdentity, signBindingProof, verifyIdentityRecord,
} from './identity.js';
import { checker } from './selftest-support.js';

const range = (from, n) => Uint8Array.from({ length: n }, (_, i) => from + i);

const KNOWN = {
  sigSeed: range(1, 32),
  dhPrivate: range(33, 32),
  sigPublic: '79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664',
  dhPublic: '5869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b',
  idSig: '252c0edce04021c761cd53cc38abba37054e9e7ea92920db48739856c7feac753ae5a4704b9e297ba4b2e5303db36657c9826a8cb15d2232c54f7a2cdac5d502',
  deviceId: '81a3b5675477c499f010e45d01ba4bb9',
  origin: 'https://visits.chu.example',
  invite: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde',
  challenge: Uint8Array.from({ length: 32 }, (_, i) => 0xc0 + (i % 16)),
  bindProof: '3e5d6bea731006fd3555b3f305ef31349b7e2fcf921b5384330bb8b93e6a7f2bca4703a096d1063782eb707e76ecfc23a908a55dfd691dc414610a467006e50b',
  helloProof: 'a6def2beb07f0ea0e7d351afb0724449d009c761107fd257d21262b0ff6d9ea9a5fc9c9250202065dccc9a2f19dd0e921a0270ec5de4628a6de35eac70a58d0b',
};

const expectCode = (failures, what, run, code) => checker(failures, 'identity: ').code(what, run, code);

export async function knownIdentity() {
  return identityFromKeyPairs(
    await keyPairFromPrivate('Ed25519', KNOWN.sigSeed), await keyPairFromPrivate('X25519', KNOWN.dhPrivate));
}

export async function runIdentityChecks() {
  const failures = [];
  const expect = (what, got, want) => {
    if (got !== want) failures.push(`identity: ${what} is ${got}, expected ${want}`);
  };
  const id = await knownIdentity();
  expect('IK_sig', toHex(id.sig.publicKey), KNOWN.sigPublic);
  expect('IK_dh', toHex(id.dh.publicKey), KNOWN.dhPublic);
  expect('id_sig', toHex(id.idSig), KNOWN.idSig);
  expect('device id', toHex(id.deviceId), KNOWN.deviceId);
  expect('record', toHex(id.record), KNOWN.sigPublic + KNOWN.dhPublic + KNOWN.idSig);
  const bind = await signBindingProof(id, PROOF_BIND_INVITE, KNOWN.origin, KNOWN.invite, KNOWN.challenge);
  expect('bind proof', toHex(bind), KNOWN.bindProof);
  const hello = await signBindingProof(id, PROOF_DEVICE_HELLO, KNOWN.origin, fromHex(KNOWN.deviceId), KNOWN.challenge);
  expect('hello proof', toHex(hello), KNOWN.helloProof);

  const checked = await verifyIdentityRecord(id.record);
  expect('verified record device id', toHex(checked.deviceId), KNOWN.deviceId);
  const forged = id.record.slice();
  forged[40] ^= 1; // another IK_dh under the same id_sig
  await expectCode(failures, 'a record whose IK_dh was changed', () => verifyIdentityRecord(forged), 'identity_bad_signature');
  await expectCode(failures, 'a record of 127 bytes', () => verifyIdentityRecord(id.record.slice(1)), 'identity_malformed');

  const refusals = [
    ['an invite id of 42 characters', PROOF_BIND_INVITE, KNOWN.origin, KNOWN.invite.slice(1), KNOWN.challenge],
    ['a device id of 15 bytes', PROOF_DEVICE_HELLO, KNOWN.origin, new Uint8Array(15), KNOWN.challenge],
    ['a hello with an invite id', PROOF_DEVICE_HELLO, KNOWN.origin, KNOWN.invite, KNOWN.challenge],
    ['kind 3', 3, KNOWN.origin, KNOWN.invite, KNOWN.challenge],
    ['an origin with a 0x00', PROOF_BIND_INVITE, 'https://a\u0000b', KNOWN.invite, KNOWN.challenge],
    ['an origin not ASCII', PROOF_BIND_INVITE, 'https://hôpital.example', KNOWN.invite, KNOWN.challenge],
    ['a challenge of 31 bytes', PROOF_BIND_INVITE, KNOWN.origin, KNOWN.invite, new Uint8Array(31)],
  ];
  for (const [what, ...args] of refusals) {
    await expectCode(failures, what, async () => bindingProofMessage(...args), 'bad_proof_input');
  }
  return failures;
}

/** In a browser page of a profile of its own (it deletes every other scope, as a kiosk does): the stored identity. */
export async function runIdentityStorageChecks() {
  const failures = [];
  const scope = `selftest-${Math.random().toString(36).slice(2)}`;
  const other = `${scope}-other`;
  try {
    const first = await loadOrCreateIdentity(scope);
    if (!first.created) failures.push('identity storage: a new scope did not make an identity');
    if (first.identity.sig.privateKey.extractable || first.identity.dh.privateKey.extractable) {
      failures.push('identity storage: a private key is extractable');
    }
    const both = await Promise.all([loadOrCreateIdentity(scope), loadOrCreateIdentity(scope)]);
    for (const again of both) {
      if (again.created || toHex(again.identity.deviceId) !== toHex(first.identity.deviceId)) {
        failures.push('identity storage: loading again did not give the same device');
      }
    }
    // The loaded private key still signs, and its signature verifies under the stored public key.
    const message = concat(labelPrefix('linkBinding'), Uint8Array.of(9));
    const loaded = both[0].identity;
    const { ed25519Sign } = await import('./primitives.js');
    if (!(await ed25519Verify(loaded.sig.publicKey, await ed25519Sign(loaded.sig.privateKey, message), message))) {
      failures.push('identity storage: the loaded IK_sig no longer signs');
    }
    await verifyIdentityRecord(loaded.record).catch((e) => failures.push(`identity storage: stored record ${e.code}`));
    const elsewhere = await loadOrCreateIdentity(other);
    if (toHex(elsewhere.identity.deviceId) === toHex(first.identity.deviceId)) {
      failures.push('identity storage: two scopes share one identity');
    }
    await forgetIdentity(scope);
    const fresh = await loadOrCreateIdentity(scope);
    if (!fresh.created || toHex(fresh.identity.deviceId) === toHex(first.identity.deviceId)) {
      failures.push('identity storage: a forgotten scope gave its old identity back');
    }
    const kept = await loadOrCreateIdentity(other);
    if (kept.created) failures.push('identity storage: forgetting one scope deleted another');
    // A new circle on the kiosk: everything of the other scopes goes, this one's stays.
    const forgotten = await forgetOtherScopes(other);
    if (!forgotten.includes(scope) || forgotten.includes(other)) failures.push(`identity storage: forgetOtherScopes deleted ${forgotten}`);
    if (!(await loadOrCreateIdentity(scope)).created || (await loadOrCreateIdentity(other)).created) {
      failures.push('identity storage: forgetOtherScopes kept another scope or lost its own');
    }
  } catch (e) {
    failures.push(`identity storage: threw ${e.code ?? e}`);
  } finally {
    await forgetIdentity(scope).catch(() => {});
    await forgetIdentity(other).catch(() => {});
  }
  return failures;
}
