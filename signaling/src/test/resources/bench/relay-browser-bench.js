// The browser's cost per message (docs/benchmarks/relay.md): two devices with an established
// session (session.js, as session.selftest.js makes one) exchange a text message and a photo
// (photo.js: drawn at most 1600 px, JPEG, padded, chunk-encrypted; decrypted and its SHA-256
// checked on the other side). Each measured operation is followed by its baseline, raw WebCrypto
// AES-256-GCM encrypt + decrypt of the same bytes under one imported key, so both see the same
// moment of the machine. Loaded by RelayBrowserBench from the real server's /static/shared/.
//
//   runRelayBrowserBench({textIterations, photoIterations, warmup}) -> {timer, text, photo}
//   with each sample list in milliseconds.

import { randomBytes, toBase64Url, fromBase64Url, utf8 } from '/static/shared/e2ee/primitives.js';
import { createIdentity } from '/static/shared/e2ee/identity.js';
import { parseEnvelope } from '/static/shared/e2ee/envelope.js';
import { makeOneTimePrekeys, makeSignedPrekey } from '/static/shared/e2ee/prekeys.js';
import { pskOfLinkSecret } from '/static/shared/e2ee/x3dh.js';
import { acceptSession, decrypt, encrypt, startSession } from '/static/shared/e2ee/session.js';
import { decodePlaintext, encodePlaintext } from '/static/shared/e2ee/plaintext.js';
import { openPhoto, photoMessage, preparePhoto, sealPhoto } from '/static/shared/e2ee/photo.js';

const DAY = 86_400_000;

/** Two devices with a session both ways (a prekey start with link secret, then a reply read). */
async function establish() {
  const a = { identity: await createIdentity() };
  const b = { identity: await createIdentity() };
  const now = Date.now();
  const spk = await makeSignedPrekey(b.identity, 1, now - DAY);
  const [opk] = await makeOneTimePrekeys(1, 1);
  const psk = await pskOfLinkSecret(randomBytes(32));
  const bundle = { identity: b.identity.record, signedPrekey: spk.record, oneTime: opk.record };
  a.state = await startSession({ identity: a.identity, bundle, expectedDevice: b.identity.deviceId, psk, now });
  const first = await encrypt(a.state, a.identity, encodePlaintext(textMessage('hello')), { now });
  a.state = first.state;
  const lookup = { signedPrekey: (id) => (id === spk.id ? spk.pair : null), oneTimePrekey: (id) => (id === opk.id ? opk.pair : null), psk: () => psk };
  b.state = (await acceptSession({ identity: b.identity, envelope: parseEnvelope(first.envelope), lookup, now })).state;
  const reply = await encrypt(b.state, b.identity, encodePlaintext(textMessage('hello back')), { now });
  b.state = reply.state;
  a.state = (await decrypt(a.state, parseEnvelope(reply.envelope), { now })).state;
  return [a, b];
}

const textMessage = (body) => ({ type: 'text', id: toBase64Url(randomBytes(16)), sentAt: Date.now(), body });

/** `from` encrypts `message` (an object of plaintext.js) for `to`, who decrypts and decodes it. */
async function sendAndRead(from, to, message) {
  const out = await encrypt(from.state, from.identity, encodePlaintext(message), { now: Date.now() });
  from.state = out.state;
  const got = await decrypt(to.state, parseEnvelope(out.envelope), { now: Date.now() });
  to.state = got.state;
  return decodePlaintext(got.plaintext);
}

/** Raw WebCrypto: AES-256-GCM encrypt then decrypt of `bytes`, a fresh 96-bit IV, no associated data. */
async function rawAesGcm(key, bytes) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed));
}

/** A picture of about 1 MB as a phone would give it: 2400×1800 of coloured noise over shapes, as JPEG. */
async function generatedPicture() {
  const canvas = new OffscreenCanvas(2400, 1800);
  const g = canvas.getContext('2d');
  const image = g.createImageData(2400, 1800);
  let seed = 20261205;
  for (let i = 0; i < image.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const x = (i / 4) % 2400;
    const y = Math.floor(i / 4 / 2400);
    image.data[i] = (x / 10 + (seed & 63)) & 255;
    image.data[i + 1] = (y / 8 + ((seed >> 8) & 63)) & 255;
    image.data[i + 2] = ((x + y) / 16 + ((seed >> 16) & 63)) & 255;
    image.data[i + 3] = 255;
  }
  g.putImageData(image, 0, 0);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
}

/** Times `run` (ms, performance.now()); throws when what it returns is not what `check` expects. */
async function timed(run, check) {
  const t0 = performance.now();
  const result = await run();
  const ms = performance.now() - t0;
  if (!check(result)) throw new Error('a benchmarked operation returned the wrong result');
  return ms;
}

const sameBytes = (x, y) => x.length === y.length && x.every((v, i) => v === y[i]);

export async function runRelayBrowserBench({ textIterations = 1000, photoIterations = 100, warmup = 0.1 } = {}) {
  const [a, b] = await establish();
  const rawKey = await crypto.subtle.importKey('raw', randomBytes(32), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const body = 'Bonjour Maman, nous avons bien reçu des nouvelles du service ce matin. '.repeat(5).trim();
  const text = { lucarne: [], raw: [], chars: body.length, bytes: utf8(body).length, plaintextBytes: 0 };
  const textWarmup = Math.ceil(textIterations * warmup);
  for (let i = 0; i < textWarmup + textIterations; i++) {
    // Directions alternate, as in a conversation: each message read starts a ratchet step.
    const [from, to] = i % 2 === 0 ? [a, b] : [b, a];
    const message = textMessage(body);
    const plain = encodePlaintext(message);
    text.plaintextBytes = plain.length;
    const l = await timed(() => sendAndRead(from, to, message), (m) => m.body === body);
    const r = await timed(() => rawAesGcm(rawKey, plain), (back) => sameBytes(back, plain));
    if (i >= textWarmup) {
      text.lucarne.push(l);
      text.raw.push(r);
    }
  }

  const picture = await generatedPicture();
  const photo = { prepare: [], seal: [], open: [], crypto: [], lucarne: [], raw: [], pictureBytes: picture.size };
  const photoWarmup = Math.max(2, Math.ceil(photoIterations * warmup));
  for (let i = 0; i < photoWarmup + photoIterations; i++) {
    const [from, to] = i % 2 === 0 ? [a, b] : [b, a];
    let prepared;
    let sealed;
    let envelope;
    const prepare = await timed(async () => (prepared = await preparePhoto(picture)), (p) => p.jpeg.length > 0);
    const { jpeg } = prepared;
    const seal = await timed(async () => {
      sealed = await sealPhoto(jpeg);
      const message = photoMessage({ id: randomBytes(16), sentAt: Date.now(), sealed, width: prepared.width, height: prepared.height });
      const out = await encrypt(from.state, from.identity, encodePlaintext(message), { now: Date.now() });
      from.state = out.state;
      envelope = out.envelope;
      return envelope;
    }, (e) => e.length > 0);
    // The receiver: the envelope decrypted, its photo message read, the chunks opened and the JPEG's hash checked.
    const open = await timed(async () => {
      const got = await decrypt(to.state, parseEnvelope(envelope), { now: Date.now() });
      to.state = got.state;
      const m = decodePlaintext(got.plaintext);
      const keys = { blob: fromBase64Url(m.blob, 16), key: fromBase64Url(m.key, 32), sha256: fromBase64Url(m.sha256, 32) };
      return openPhoto({ ...m, ...keys }, sealed.chunks);
    }, (back) => sameBytes(back, jpeg));
    const r = await timed(() => rawAesGcm(rawKey, jpeg), (back) => sameBytes(back, jpeg));
    if (i >= photoWarmup) {
      photo.prepare.push(prepare);
      photo.seal.push(seal);
      photo.open.push(open);
      photo.crypto.push(seal + open);
      photo.lucarne.push(prepare + seal + open);
      photo.raw.push(r);
      photo.jpegBytes = jpeg.length;
      photo.chunks = sealed.chunks.length;
      photo.width = prepared.width;
      photo.height = prepared.height;
    }
  }
  return { timer: { crossOriginIsolated: globalThis.crossOriginIsolated === true }, text, photo };
}
