// The session start (docs/e2ee.md, "Session start: X3DH with the link secret"; X3DH §3.3, §3.4):
//
//   DH1 = X25519(IK_dh_A, SPK_B)  DH2 = X25519(EK_A, IK_dh_B)  DH3 = X25519(EK_A, SPK_B)
//   DH4 = X25519(EK_A, OPK_B)     (with a one-time prekey only)
//   SK  = HKDF(F || DH1 || DH2 || DH3 [|| DH4] [|| PSK], 32 × 0x00, "Lucarne X3DH v1" || 0x00 || suite || flags, 32)
//   AD  = IK_sig_A || IK_dh_A || IK_sig_B || IK_dh_B

import {
  E2eeError, ZERO_SALT, concat, equalBytes, generateKeyPair, hkdf, hmacSha256, label, labelPrefix, x25519,
} from './primitives.js';
import { SUITE } from './envelope.js';
import { verifyIdentityRecord } from './identity.js';
import { parseOneTimePrekey, verifySignedPrekey } from './prekeys.js';

export const FLAG_DH4 = 0x01;
export const FLAG_PSK = 0x02;
export const NO_PSK_ID = new Uint8Array(16);
const F = new Uint8Array(32).fill(0xff); // X3DH §2.2

/** PSK = HKDF(link secret (32 bytes), 32 × 0x00, "Lucarne invite psk v1", 32). */
export async function pskOfLinkSecret(secret) {
  if (!(secret instanceof Uint8Array) || secret.length !== 32) throw new E2eeError('bad_link_secret', 'a link secret is 32 bytes');
  return hkdf(secret, ZERO_SALT, label('invitePsk'), 32);
}

/** psk id = HMAC-SHA-256(PSK, "Lucarne invite psk id v1")[0..16]. */
export async function pskIdOf(psk) {
  return (await hmacSha256(psk, label('invitePskId'))).slice(0, 16);
}

/** SK from the DH outputs and PSK (the shared part of both sides): {sk, info, flags, ikm}. */
export async function deriveSk(dhs, psk) {
  const flags = (dhs.length === 4 ? FLAG_DH4 : 0) | (psk ? FLAG_PSK : 0);
  const info = concat(labelPrefix('x3dh'), Uint8Array.of(SUITE, flags));
  const ikm = concat(F, ...dhs, ...(psk ? [psk] : []));
  return { sk: await hkdf(ikm, ZERO_SALT, info, 32), info, flags, ikm };
}

/**
 * The initiator's side. `bundle` = {identity (128), signedPrekey (108), oneTime (36) optional};
 * `expectedDevice` the device id the circle gave (its keys must give it); `psk` the link secret's
 * value or null; `ephemeral` a given EK_A pair (tests; else made here).
 * Returns {sk, ad, peer: {deviceId, sigPublic, dhPublic}, spkPublic, prekey: {ephemeral, spkId,
 * opkId, pskId}, trace: {dh, info}}; `trace` is for test vectors only.
 */
export async function initiate({ identity, bundle, expectedDevice, psk = null, now, ephemeral }) {
  const peer = await verifyIdentityRecord(bundle.identity);
  if (expectedDevice && !equalBytes(peer.deviceId, expectedDevice)) {
    throw new E2eeError('bundle_wrong_device', 'the bundle\'s keys are another device\'s');
  }
  const spk = await verifySignedPrekey(bundle.signedPrekey, peer.sigPublic, peer.deviceId, now);
  const opk = bundle.oneTime ? parseOneTimePrekey(bundle.oneTime) : null;
  const ek = ephemeral ?? (await generateKeyPair('X25519'));
  const dh = [
    await x25519(identity.dh.privateKey, spk.publicKey),
    await x25519(ek.privateKey, peer.dhPublic),
    await x25519(ek.privateKey, spk.publicKey),
  ];
  if (opk) dh.push(await x25519(ek.privateKey, opk.publicKey));
  const { sk, info, flags, ikm } = await deriveSk(dh, psk);
  return {
    sk,
    ad: concat(identity.sig.publicKey, identity.dh.publicKey, peer.sigPublic, peer.dhPublic),
    peer,
    spkPublic: spk.publicKey,
    prekey: { ephemeral: ek.publicKey, spkId: spk.id, opkId: opk ? opk.id : 0, pskId: psk ? await pskIdOf(psk) : NO_PSK_ID },
    trace: { dh, info, flags, ikm },
  };
}

/**
 * The responder's side, from a prekey message's prekey part {identity, ephemeral, spkId, opkId,
 * pskId} and the key pairs it names (found by the caller): {signedPrekey, oneTime (or null), psk
 * (or null)}. A psk id of zeros means none; a PSK given for it must match it.
 * Returns {sk, ad, peer}.
 */
export async function respond({ identity, prekey, signedPrekey, oneTime = null, psk = null }) {
  const peer = await verifyIdentityRecord(prekey.identity);
  const wantsPsk = !equalBytes(prekey.pskId, NO_PSK_ID);
  if (wantsPsk !== Boolean(psk) || (psk && !equalBytes(await pskIdOf(psk), prekey.pskId))) {
    throw new E2eeError('psk_unknown', 'the message names a link secret this device does not hold');
  }
  if ((prekey.opkId !== 0) !== Boolean(oneTime)) throw new E2eeError('prekey_unknown', `one-time prekey ${prekey.opkId}`);
  const dh = [
    await x25519(signedPrekey.privateKey, peer.dhPublic),
    await x25519(identity.dh.privateKey, prekey.ephemeral),
    await x25519(signedPrekey.privateKey, prekey.ephemeral),
  ];
  if (oneTime) dh.push(await x25519(oneTime.privateKey, prekey.ephemeral));
  const { sk } = await deriveSk(dh, psk);
  return { sk, ad: concat(peer.sigPublic, peer.dhPublic, identity.sig.publicKey, identity.dh.publicKey), peer };
}
