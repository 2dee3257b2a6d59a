// Whose connection is weak, in words. Every page judges its own link (call-quality.js) and
// tells the others (`link_quality`, docs/protocol.md), so a screen can say "your connection"
// or "Jean's connection" instead of blaming the one who is fine.
//
//   const s = linkStatus(call.snapshot());
//   el.dataset.whose = s.whose;  setText(el, t(s.key, s.params));
//
// Keys: call.quality.<unknown|good|weak|poor|videoReduced> for our own link,
// call.quality.other.<weak|poor> with {name} for someone else's.

const RANK = Object.freeze({ unknown: 0, good: 0, weak: 1, poor: 2 });

/**
 * @param {{quality: string, videoReduced: boolean, participants: {name: string, link?: string}[]}} snapshot
 * @returns {{key: string, params: object, whose: 'self'|'other', quality: string}}
 */
export function linkStatus(snapshot) {
  const own = snapshot.quality;
  if (snapshot.videoReduced) return status('call.quality.videoReduced', {}, 'self', own);
  if (RANK[own] > 0) return status(`call.quality.${own}`, {}, 'self', own);
  const other = weakest(snapshot.participants || []);
  if (other) return status(`call.quality.other.${other.link}`, { name: other.name }, 'other', other.link);
  return status(`call.quality.${own}`, {}, 'self', own);
}

/** The participant whose own link is the worst of the weak ones, or null when none is weak. */
export function weakest(participants) {
  let worst = null;
  for (const p of participants) {
    if ((RANK[p.link] || 0) > (worst ? RANK[worst.link] : 0)) worst = p;
  }
  return worst;
}

function status(key, params, whose, quality) {
  return { key, params, whose, quality };
}
