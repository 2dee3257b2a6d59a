// The IndexedDB database "lucarne-e2ee" of a device's E2EE state. Every record is kept under a
// scope name (the kiosk: its circle id; the family page: its origin), in stores keyed
// [scope, id], so that forgetting a scope deletes everything of it in one transaction.
//
// The stores are all made at version 1, so that adding a module does not change the version:
//   identity  [scope, 'self']        the device's identity (non-extractable CryptoKeys)
//   sessions  [scope, peer/slot]     Double Ratchet sessions (store.js)
//   skipped   [scope, key id]        skipped message keys with when they were stored
//   prekeys   [scope, 's'/'o' + id]  signed and one-time prekey private keys
//   psks      [scope, psk id]        link secrets' values (the kiosk) or the link's own (family)
//   peers     [scope, device id]     what the device knows of its peers: roster, seen identities
//   seen      [scope, hash]          SHA-256 of accepted EK_A of prekey messages (replay)

export const DATABASE = 'lucarne-e2ee';
export const STORES = Object.freeze(['identity', 'sessions', 'skipped', 'prekeys', 'psks', 'peers', 'seen']);
const VERSION = 1;

/** Opens the database (made at first use); `factory` is an IDBFactory (the page's `indexedDB`). */
export function openDatabase(factory = globalThis.indexedDB) {
  if (!factory) return Promise.reject(new Error('this browser keeps no IndexedDB (a private window?)'));
  return new Promise((resolve, reject) => {
    const request = factory.open(DATABASE, VERSION);
    request.onupgradeneeded = () => {
      for (const name of STORES) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the E2EE database is held open by an older page of this site'));
  });
}

/** The key range of every record of `scope` in a store keyed [scope, id]. */
export function scopeRange(scope) {
  return IDBKeyRange.bound([scope], [scope, []]);
}

/**
 * Runs `work(stores)` in one transaction over `names` (`mode` 'readonly' or 'readwrite');
 * `stores[name]` are the object stores. Resolves with what `work` returned once the transaction
 * has committed, rejects when it aborts: nothing is half written.
 */
export function transact(db, names, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(names, mode);
    const stores = Object.fromEntries(names.map((n) => [n, tx.objectStore(n)]));
    let result;
    tx.oncomplete = () => resolve(result);
    tx.onabort = () => reject(tx.error ?? new Error('E2EE storage transaction aborted'));
    tx.onerror = () => {};
    Promise.resolve()
      .then(() => work(stores))
      .then((r) => { result = r; }, (e) => { try { tx.abort(); } catch { /* already done */ } reject(e); });
  });
}

/** A request's result as a promise (inside a transaction's `work`). */
export function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Deletes every record of `scope` in every store, in one transaction. */
export async function forgetScope(db, scope) {
  await transact(db, [...STORES], 'readwrite', (stores) =>
    Promise.all(STORES.map((n) => done(stores[n].delete(scopeRange(scope))))));
}

/** Every scope that has a record in any store. */
export async function scopes(db) {
  const keys = await transact(db, [...STORES], 'readonly', (stores) =>
    Promise.all(STORES.map((n) => done(stores[n].getAllKeys()))));
  return [...new Set(keys.flat().map((k) => k[0]))];
}

/**
 * Runs `work` holding the Web Lock `name` (navigator.locks), so that two tabs of one browser never
 * do it at the same time; without Web Locks (an old browser) it runs unguarded.
 */
export function withLock(name, work) {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request(`lucarne-e2ee:${name}`, work) : work();
}
