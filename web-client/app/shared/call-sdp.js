// What the call engine reads in the server's offers (docs/protocol.md, "Calls", step 5), and
// which participant a remote stream belongs to. Pure functions: no browser API.
//
// The bridge's offer has the participant's own m-sections, offered `recvonly` (the bridge
// receives the microphone and camera there), and one m-section per remote source, offered
// `sendonly`, or `inactive` once that source has gone. A remote m-section's msid stream id
// (RFC 8830 §2) is the sending endpoint's id, which starts with its participant id and a `-`.

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/**
 * The m-sections of an SDP offer, in order: [{mid, kind, direction, streamId}].
 * `direction` is the offerer's (RFC 3264 §6.1): a rejected m-section (port 0) is 'inactive';
 * without an attribute it is the session's, else 'sendrecv' (RFC 8866 §6.7).
 * `streamId` is the first msid's stream id (a=msid, or a=ssrc ... msid:), or null.
 */
export function offerSections(sdp) {
  const parts = String(sdp || '').split(/\r?\n(?=m=)/);
  const session = parts[0].startsWith('m=') ? '' : parts.shift();
  const sessionDirection = directionIn(session) || 'sendrecv';
  return parts.map((text) => {
    const m = /^m=(\S+) (\d+)/.exec(text);
    const mid = /(?:^|\n)a=mid:(\S+)/.exec(text);
    const msid = /(?:^|\n)a=msid:(\S+)/.exec(text) || /(?:^|\n)a=ssrc:\d+ msid:(\S+)/.exec(text);
    const rejected = m && m[2] === '0';
    return {
      mid: mid ? mid[1] : null,
      kind: m ? m[1] : null,
      direction: rejected ? 'inactive' : directionIn(text) || sessionDirection,
      streamId: msid && msid[1] !== '-' ? msid[1] : null,
    };
  });
}

function directionIn(text) {
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('m=')) continue;
    const a = /^a=(\w+)\s*$/.exec(line);
    if (a && DIRECTIONS.has(a[1])) return a[1];
  }
  return null;
}

/**
 * The participant id a remote stream belongs to. The stream id is the endpoint id, which is
 * the participant id followed by `-` and a suffix of the server's: the longest known id that
 * is the stream id or its prefix before a `-` wins; with none known, the part before the
 * last `-` (or the whole id when it has none).
 * @param {string} streamId
 * @param {Iterable<string>} [knownIds] the participants announced so far
 */
export function participantOfStream(streamId, knownIds) {
  let best = null;
  for (const id of knownIds || []) {
    if ((streamId === id || streamId.startsWith(`${id}-`)) && (best === null || id.length > best.length)) {
      best = id;
    }
  }
  if (best !== null) return best;
  const dash = streamId.lastIndexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}
