// Checks of the messages' view-model and its pure helpers. Runs unchanged in Node and in a browser:
//
//   runConversationChecks()   -> [] when all pass (conversation.js, when.js, safety-code.js' digits,
//                                read-aloud.js and PhotoUrls with fakes)
//   runMessageDomChecks(doc)  -> [] (browser only: one message and the safety code drawn in `doc`)

import { Conversation, MAX_MESSAGES, MAX_TEXT, compareMessages, statusMayBecome } from './conversation.js';
import { sentAtText } from './when.js';
import { fullCodeGroups, shortCodeGroups, digitsOneByOne, SafetyCodeView } from './safety-code.js';
import { ReadAloud } from './read-aloud.js';
import { PhotoUrls, MessageItems, renderMessage, spokenText } from './message-item.js';

const JEAN = { device: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Jean Dupont', role: 'family' };
const MARIE = { device: 'BBBBBBBBBBBBBBBBBBBBBB', name: 'Marie Dupont', role: 'patient' };
const T0 = Date.UTC(2026, 2, 12, 13, 5);
const text = (id, sentAt, o = {}) => ({ id, from: JEAN, sentAt, kind: 'text', body: `body ${id}`, ...o });

/** A `t` that shows the key and its parameters: "messages.when.today(time=14:05)". */
function keyT(key, params) {
  if (!params) return key;
  return `${key}(${Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join(',')})`;
}

export function runConversationChecks() {
  const failures = [];
  const check = (ok, what) => { if (!ok) failures.push(what); };
  const ids = (c, o) => c.list(o).map((m) => m.id);

  // Order: by sentAt, then id; the same message twice is kept once.
  const c = new Conversation();
  const events = [];
  c.subscribe((e) => events.push(e));
  check(c.receive(text('b', T0)) && c.receive(text('a', T0)) && c.receive(text('c', T0 - 1000)), 'three messages are added');
  check(ids(c).join() === 'c,a,b', `ordered by sentAt then id: ${ids(c)}`);
  check(ids(c, { newestFirst: true }).join() === 'b,a,c', 'newest first on request');
  check(c.receive(text('a', T0)) === false && c.size === 3, 'a message received twice is kept once');
  check(compareMessages({ sentAt: 1, id: 'z' }, { sentAt: 2, id: 'a' }) < 0, 'compareMessages: sentAt first');

  // Unread, read, and what the transport is told.
  c.receive({ id: 'x-1', from: MARIE, sentAt: T0 + 1, kind: 'undecryptable' });
  c.receive(text('mine', T0 + 2, { own: true, status: 'sending', from: MARIE }));
  check(c.unreadCount() === 4, `four unread (own messages never are): ${c.unreadCount()}`);
  events.length = 0;
  const fresh = c.markRead(['a', 'x-1', 'mine', 'nobody']);
  check(fresh.join() === 'a,x-1', `markRead returns the ids newly read: ${fresh}`);
  const read = events.find((e) => e.type === 'read');
  check(read && read.toSay.join() === 'a', 'the transport is told only the decrypted ones');
  check(c.markRead(['a']).length === 0, 'a message is read once');
  check(c.unreadCount() === 2, 'two left unread');
  check(c.get('x-1').from.name === 'Marie Dupont', 'an undecryptable message keeps its sender');

  // An own message's progress: forward only, except retries before it is stored.
  check(c.setStatus('mine', 'queued') && c.get('mine').status === 'queued', 'sending → queued (offline)');
  check(c.setStatus('mine', 'sending') && c.setStatus('mine', 'sent') && c.setStatus('mine', 'read'), 'queued → sending → sent → read');
  check(!c.setStatus('mine', 'delivered') && c.get('mine').status === 'read', 'read never goes back to delivered');
  check(!c.setStatus('a', 'sent'), 'someone else\'s message has no status');
  check(statusMayBecome('failed', 'sending') && !statusMayBecome('sent', 'failed'), 'a failed message may be tried again');
  c.receive(text('mine', T0 + 2, { own: true, status: 'delivered', from: MARIE }));
  check(c.get('mine').status === 'read', 'the same own message again does not take its status back');
  let threw = null;
  try { c.setStatus('mine', 'lost'); } catch (e) { threw = e; }
  check(threw instanceof TypeError, 'an unknown status is refused');

  // A photo's picture arrives after the message.
  c.receive({ id: 'p', from: JEAN, sentAt: T0 + 3, kind: 'photo', photo: { width: 1600, height: 1200, caption: 'Le chat' } });
  check(!c.get('p').photo.url, 'a photo without its picture yet');
  check(c.update('p', { photo: { url: 'blob:https://x/1' } }) && c.get('p').photo.url === 'blob:https://x/1'
    && c.get('p').photo.caption === 'Le chat', 'update gives the picture and keeps the caption');

  // Bad input says what is wrong.
  const refused = (m, part) => {
    try { c.receive(m); } catch (e) { return e instanceof TypeError && e.message.includes(part); }
    return false;
  };
  check(refused({ ...text('t', T0), kind: 'video' }, 'kind'), 'an unknown kind is refused');
  check(refused(text('t', T0, { body: 'x'.repeat(MAX_TEXT + 1) }), 'body'), 'a body over 4,000 characters is refused');
  check(refused(text('t', T0, { body: '' }), 'body'), 'an empty body is refused');
  check(refused({ ...text('t', T0), from: null }, 'from'), 'a message without a sender is refused');
  check(refused(text('t', Number.NaN), 'sentAt'), 'a message without a time is refused');
  check(refused({ id: 'q', from: JEAN, sentAt: T0, kind: 'photo', photo: { width: 0, height: 5 } }, 'width'), 'a photo without size is refused');

  // Bounded: the newest MAX_MESSAGES are kept.
  const big = new Conversation();
  const dropped = [];
  big.subscribe((e) => { if (e.type === 'dropped') dropped.push(...e.ids); });
  for (let i = 0; i < MAX_MESSAGES + 5; i += 1) big.receive(text(`m${String(i).padStart(4, '0')}`, T0 + i * 1000));
  check(big.size === MAX_MESSAGES, `at most ${MAX_MESSAGES} kept: ${big.size}`);
  check(dropped.join() === 'm0000,m0001,m0002,m0003,m0004', `the oldest are let go: ${dropped}`);
  check(big.receive(text('old', T0 - 1)) === false && !big.get('old'), 'a message older than all those kept is not added');
  check(big.unreadCount() === MAX_MESSAGES, 'the unread count follows');
  big.clear();
  check(big.size === 0 && big.unreadCount() === 0, 'clear forgets everything');

  failures.push(...whenChecks(), ...safetyChecks(), ...readAloudChecks(), ...photoUrlChecks());
  return failures;
}

function whenChecks() {
  const failures = [];
  const now = new Date(2026, 2, 12, 16, 30).getTime(); // a Thursday, in the device's time zone
  const at = (d, h, m) => new Date(2026, 2, d, h, m).getTime();
  const cases = [
    [at(12, 14, 5), 'messages.when.today(time=14:05)'],
    [at(12, 0, 1), 'messages.when.today(time=00:01)'],
    [at(11, 23, 59), 'messages.when.yesterday(time=23:59)'],
    [at(9, 9, 30), 'messages.when.weekday(day=Monday,time=09:30)'],
    [at(1, 11, 0), 'messages.when.date(date=1 March,time=11:00)'],
    [now + 60000, 'messages.when.today(time=16:31)'], // a sender's clock a little ahead
  ];
  for (const [sentAt, expected] of cases) {
    const got = sentAtText(sentAt, now, 'en-GB', keyT);
    if (got !== expected) failures.push(`sentAtText: got ${got}, expected ${expected}`);
  }
  const fr = sentAtText(at(9, 9, 30), now, 'fr-FR', keyT);
  if (fr !== 'messages.when.weekday(day=lundi,time=09:30)') failures.push(`sentAtText in French: ${fr}`);
  return failures;
}

function safetyChecks() {
  const failures = [];
  const sixty = '12345678901234567890123456789012345678901234567890123456789012345'.slice(0, 60);
  const groups = fullCodeGroups(sixty);
  if (groups.length !== 12 || groups.some((g) => g.length !== 5) || groups.join('') !== sixty) {
    failures.push(`fullCodeGroups: ${groups}`);
  }
  if (shortCodeGroups('042917').join(' ') !== '042 917') failures.push('shortCodeGroups: two groups of three');
  if (digitsOneByOne('042') !== '0 4 2') failures.push('digitsOneByOne');
  for (const bad of ['12345', '1234567', '12a456', '']) {
    try {
      shortCodeGroups(bad);
      failures.push(`shortCodeGroups accepted ${JSON.stringify(bad)}`);
    } catch (e) { /* refused, as it should */ }
  }
  try {
    fullCodeGroups(sixty.slice(1));
    failures.push('fullCodeGroups accepted 59 digits');
  } catch (e) { /* refused */ }
  return failures;
}

function readAloudChecks() {
  const failures = [];
  const said = [];
  const synth = {
    voices: [],
    getVoices() { return this.voices; },
    cancel() { said.push('cancel'); },
    speak(u) { said.push(`${u.lang}:${u.text}`); },
  };
  function Utterance(textToSay) { this.text = textToSay; }
  const voice = new ReadAloud({ synth, Utterance });
  if (voice.available('fr')) failures.push('ReadAloud: no voice, not available');
  if (voice.speak('Bonjour', 'fr') !== false || said.length !== 0) failures.push('ReadAloud: says nothing without a voice');
  synth.voices = [{ lang: 'en-GB', name: 'en' }, { lang: 'fr-FR', name: 'fr' }];
  if (!voice.available('fr') || voice.available('de')) failures.push('ReadAloud: a voice for French, none for German');
  voice.speak('Bonjour', 'fr');
  if (said.join('|') !== 'cancel|fr-FR:Bonjour') failures.push(`ReadAloud: said ${said.join('|')}`);
  if (new ReadAloud({ synth: null }).available('en')) failures.push('ReadAloud: no speech synthesis, never available');

  const m = { id: 'a', from: JEAN, sentAt: Date.UTC(2026, 2, 12, 12), kind: 'text', body: 'À dimanche !' };
  const spoken = spokenText(m, { t: keyT, locale: 'en-GB', now: m.sentAt, timeText: () => '13:00' });
  if (spoken !== 'messages.spoken(name=Jean Dupont,text=À dimanche !,when=messages.when.today(time=13:00))') {
    failures.push(`spokenText: ${spoken}`);
  }
  return failures;
}

function photoUrlChecks() {
  const failures = [];
  const log = [];
  let n = 0;
  const urls = new PhotoUrls({
    createObjectURL: () => { n += 1; log.push(`create ${n}`); return `blob:${n}`; },
    revokeObjectURL: (u) => log.push(`revoke ${u}`),
  });
  const blob = { size: 3 };
  const m = { id: 'p', photo: { blob, width: 1, height: 1 } };
  if (urls.urlOf(m) !== 'blob:1' || urls.urlOf(m) !== 'blob:1') failures.push('PhotoUrls: one URL per Blob');
  if (urls.urlOf({ id: 'q', photo: { url: 'blob:given', width: 1, height: 1 } }) !== 'blob:given') failures.push('PhotoUrls: a given URL is used');
  urls.forget(['p']);
  if (log.join('|') !== 'create 1|revoke blob:1') failures.push(`PhotoUrls: ${log.join('|')}`);
  return failures;
}

/** In a browser: one message and a safety code drawn into `doc` (their elements are removed after). */
export function runMessageDomChecks(doc) {
  const failures = [];
  const check = (ok, what) => { if (!ok) failures.push(what); };
  const o = { t: keyT, locale: 'en-GB', now: T0, photos: new PhotoUrls(), openPhoto: () => {}, speak: () => {} };
  const hostile = text('h', T0, { body: '<img src=x onerror="window.hacked=1">' });
  const li = renderMessage(doc, hostile, o);
  check(li.querySelector('.message__body').textContent === hostile.body && !li.querySelector('img'),
    'a message\'s text is text, never markup');
  check(li.dataset.messageId === 'h' && li.dataset.kind === 'text' && li.dataset.read === 'false', 'the item says what it is');
  check(li.querySelector('.message__from').textContent === 'Jean Dupont', 'the sender\'s name');
  check(li.querySelector('button.message__speak') !== null, 'read aloud when offered');
  const bad = renderMessage(doc, { id: 'x', from: JEAN, sentAt: T0, kind: 'undecryptable', own: false, read: false }, { ...o, speak: null });
  check(bad.querySelector('.message__problem').textContent === 'messages.undecryptable'
    && bad.querySelector('.message__from').textContent === 'Jean Dupont', 'could not be read, and from whom');
  check(bad.querySelector('.message__speak') === null, 'no read aloud where it is not offered');

  // Drawn again: a message read or further on its way keeps its element (and so the focus).
  const list = doc.createElement('ol');
  const items = new MessageItems(list, () => ({ ...o, speak: null }));
  const conversation = new Conversation();
  conversation.receive(text('r', T0));
  conversation.receive(text('s', T0 + 1, { own: true, from: MARIE }));
  items.draw(conversation.list());
  const [first, second] = [...list.children];
  conversation.markRead(['r']);
  conversation.setStatus('s', 'delivered');
  items.draw(conversation.list());
  check(list.children[0] === first && first.dataset.read === 'true', 'a message read keeps its element');
  check(list.children[1] === second && second.dataset.status === 'delivered'
    && second.querySelector('.message__status').textContent === 'messages.status.delivered', 'a status changes in place');
  items.draw(conversation.list({ newestFirst: true }));
  check(list.children[0] === second && list.children.length === 2, 'the order changes by moving the elements');

  const root = doc.createElement('div');
  root.id = 'selftest-safety';
  doc.body.append(root);
  try {
    const view = new SafetyCodeView(root, { t: keyT });
    view.render({ device: 'd', name: 'Marie', peer: 'tablet', shortCode: '042917', fullCode: '0'.repeat(55) + '12345' });
    check(root.querySelector('.safety__short .safety__spoken').textContent === 'safety.shortLabel(digits=0 4 2 9 1 7)', 'the short code is read digit by digit');
    check(root.querySelector('.safety__full').hidden, 'the 60 digits only on request');
    root.querySelector('.safety__more').click();
    const groups = [...root.querySelectorAll('.safety__full > li')].map((g) => g.textContent);
    check(!root.querySelector('.safety__full').hidden && groups.length === 12 && groups[11] === '12345', `12 groups of 5: ${groups}`);
    check(root.querySelector('.safety__more').getAttribute('aria-expanded') === 'true', 'the button says it is open');
  } finally {
    root.remove();
  }
  return failures;
}
