// The tablet's camera and microphone for a call. On a managed tablet the permission is
// granted by policy; if a device still fails, the call goes on with what works: audio only,
// video only, or nothing sent at all (the patient still sees and hears the family).

export const CONSTRAINTS = Object.freeze({ audio: true, video: { width: 640, height: 480 } });

/** A getUserMedia that hangs (a prompt nobody can answer) is given up after this. */
export const MEDIA_TIMEOUT_MS = 8000;

/**
 * @param {object} [o]
 * @param {MediaDevices} [o.mediaDevices] defaults to navigator.mediaDevices
 * @param {() => MediaStream} [o.emptyStream] defaults to new MediaStream()
 * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
 * @param {number} [o.timeoutMs]
 * @param {{warn: Function}} [o.logger]
 * @returns {Promise<{stream: ?MediaStream, missing: ?('camera'|'microphone'|'all')}>}
 *   never rejects; `missing` says what could not be had (null: everything works)
 */
export async function openLocalMedia(o) {
  const options = o || {};
  const md = options.mediaDevices || (globalThis.navigator && globalThis.navigator.mediaDevices);
  const logger = options.logger || console;
  const attempts = [
    [CONSTRAINTS, null],
    [{ audio: true }, 'camera'],
    [{ video: CONSTRAINTS.video }, 'microphone'],
  ];
  if (md && md.getUserMedia) {
    for (const [constraints, missing] of attempts) {
      try {
        const stream = await withTimeout(md.getUserMedia(constraints), options);
        return { stream, missing };
      } catch (e) {
        logger.warn(`Lucarne kiosk: getUserMedia(${Object.keys(constraints).join('+')}) failed: ${e && (e.name || e.message)}`);
        if (e && e.name === 'TimeoutError') break; // the next would hang just the same
      }
    }
  }
  return { stream: emptyStream(options), missing: 'all' };
}

function emptyStream(options) {
  try {
    if (options.emptyStream) return options.emptyStream();
    return new globalThis.MediaStream();
  } catch (e) {
    return null;
  }
}

/** Resolves like `promise`, or rejects after the timeout; a stream that comes too late is stopped. */
function withTimeout(promise, options) {
  const timers = options.timers || globalThis;
  const ms = options.timeoutMs || MEDIA_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = timers.setTimeout(() => {
      late = true;
      const e = new Error('no answer from the camera and microphone');
      e.name = 'TimeoutError';
      reject(e);
    }, ms);
    promise.then((stream) => {
      timers.clearTimeout(timer);
      if (!late) resolve(stream);
      else stream.getTracks().forEach((track) => track.stop());
    }, (e) => {
      timers.clearTimeout(timer);
      reject(e);
    });
  });
}
