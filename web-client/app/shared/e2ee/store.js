// A device's E2EE state in IndexedDB (db.js), under its scope: sessions, prekey private keys,
// link secrets' values, accepted ephemeral keys, what it knows of its peers. Reads and writes are
// plain; `locked` runs a whole step (read, decrypt, write) under the scope's Web Lock, so that two
// tabs of one browser never advance a session twice; `write` applies a step's changes in one
// transaction, so nothing is half written.
//
// Records (ids are strings; device ids base64url):
//   sessions  peer id       -> {sessions: [state, …]}  (session.js states; at most 2, the first sends)
//   prekeys   's' + id      -> {id, created, pair, replacedAt}     signed prekeys (at most 6)
//             'o' + id      -> {id, pair, handedOutAt}             one-time prekeys (at most 200)
//             'next'        -> {signed, oneTime}                   the next ids to use
//   psks      psk id        -> {psk, until, invite, contact}       link secrets' values
//   seen      hash of EK_A  -> {spkId, at}                         accepted prekey messages (replay)
//   peers     peer id       -> {failures, ...}                     per peer; 'roster' -> {devices, at}

import { done, openDatabase, scopeRange, transact, withLock } from './db.js';

export class Store {
  constructor(db, scope) {
    this.db = db;
    this.scope = scope;
  }

  /** The store of `scope` (the kiosk: its circle id; the family page: its origin). */
  static async open(scope, { indexedDB = globalThis.indexedDB } = {}) {
    return new Store(await openDatabase(indexedDB), scope);
  }

  close() {
    this.db.close();
  }

  /** Runs `work()` holding the scope's Web Lock. */
  locked(work) {
    return withLock(`device:${this.scope}`, work);
  }

  /** The record `id` of store `name`, or undefined. */
  read(name, id) {
    return transact(this.db, [name], 'readonly', (s) => done(s[name].get([this.scope, id])));
  }

  /** Every record of store `name` in this scope: [{id, value}]. */
  readAll(name) {
    return transact(this.db, [name], 'readonly', async (s) => {
      const range = scopeRange(this.scope);
      const [keys, values] = await Promise.all([done(s[name].getAllKeys(range)), done(s[name].getAll(range))]);
      return keys.map((key, i) => ({ id: key[1], value: values[i] }));
    });
  }

  /**
   * Applies `changes` in one transaction: [{store, id, value}], `value` undefined deleting the
   * record. All or nothing.
   */
  write(changes) {
    if (changes.length === 0) return Promise.resolve();
    const names = [...new Set(changes.map((c) => c.store))];
    return transact(this.db, names, 'readwrite', (s) => Promise.all(changes.map(({ store, id, value }) =>
      done(value === undefined ? s[store].delete([this.scope, id]) : s[store].put(value, [this.scope, id])))));
  }
}
