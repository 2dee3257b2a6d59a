// The browser's end-to-end encryption checks in one place (web-client/README.md, "Tests").
//
//   runE2eeChecks()         in Node and in a browser page: the RFCs' vectors, the identity's known
//                           answer, the codecs, sessions, photo chunks, the socket types
//   runE2eeBrowserChecks()  a browser page only: IndexedDB, Web Locks, canvas, the messaging of a
//                           tablet and family devices
//   runVectorChecks(files)  docs/e2ee/vectors/*.json (written by the Java reference), reproduced
//                           byte for byte: `files` maps each file name to its parsed JSON

import { runPrimitiveChecks } from './primitives.selftest.js';
import { runIdentityChecks, runIdentityStorageChecks } from './identity.selftest.js';
import { runCodecChecks } from './codec.selftest.js';
import { runSessionChecks } from './session.selftest.js';
import { runPhotoBrowserChecks, runPhotoChecks } from './photo.selftest.js';
import { runMessagingChecks } from './messaging.selftest.js';
import { runTransportChecks } from './transport.selftest.js';
import { runPrekeyPoolChecks } from './prekey-pool.selftest.js';
import { runVectorChecks } from './vectors.selftest.js';

export { runVectorChecks };

export async function runE2eeChecks() {
  return [
    ...(await runPrimitiveChecks()), ...(await runIdentityChecks()), ...(await runCodecChecks()),
    ...(await runSessionChecks()), ...(await runPhotoChecks()), ...(await runTransportChecks()),
  ];
}

export async function runE2eeBrowserChecks() {
  return [
    ...(await runIdentityStorageChecks()), ...(await runPhotoBrowserChecks()), ...(await runPrekeyPoolChecks()),
    ...(await runMessagingChecks()),
  ];
}
