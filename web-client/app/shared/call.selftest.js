// Checks the pure parts of the call engine: reading the server's offers, which participant a
// stream belongs to, link quality from statistics, when video stops, and the order of offers;
// its state machine on a recording peer connection (call-engine.selftest.js); and the shared
// tiles (call-tiles.js): their initials, and in a browser their DOM contract.
// Runs in Node and in a browser.
//
//   await runCallChecks() -> [] when all pass, else one line per failure.

import { offerSections, participantOfStream } from './call-sdp.js';
import { readStats, qualityOf, QualityWindow, VideoGate } from './call-quality.js';
import { OfferQueue } from './call-media.js';
import { CallTiles, initials } from './call-tiles.js';
import { linkStatus } from './link-words.js';
import { runCallEngineChecks } from './call-engine.selftest.js';
import { SizeReporter, shownHeights, simulcastLayers, withSimulcast } from './call-simulcast.js';

// The shape of the bridge's offers (media-bridge OfferBuilder): session part, own audio and
// video offered recvonly, a remote source sendonly with its msid, a freed one inactive.
const OFFER = [
  'v=0', 'o=- 1 2 IN IP4 0.0.0.0', 's=-', 't=0 0', 'a=group:BUNDLE 0 1 2 3 4',
  'a=msid-semantic: WMS *',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', 'a=recvonly', 'a=rtcp-mux',
  'm=video 9 UDP/TLS/RTP/SAVPF 100', 'a=mid:1', 'a=recvonly',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:2', 'a=sendonly', 'a=msid:pat-7x-e1 pat-7x-e1-a0',
  'a=ssrc:11 cname:pat-7x-e1', 'a=ssrc:11 msid:pat-7x-e1 pat-7x-e1-a0',
  'm=video 9 UDP/TLS/RTP/SAVPF 100', 'a=mid:3', 'a=sendonly',
  'a=ssrc:12 cname:fam_2-e3', 'a=ssrc:12 msid:fam_2-e3 fam_2-e3-v0',
  'm=video 0 UDP/TLS/RTP/SAVPF 100', 'a=mid:4', 'a=sendonly',
  '',
].join('\r\n');

export async function runCallChecks() {
  const failures = [];
  const same = (what, got, expected) => {
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      failures.push(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    }
  };

  // --- offers ---
  same('offerSections', offerSections(OFFER), [
    { mid: '0', kind: 'audio', direction: 'recvonly', streamId: null },
    { mid: '1', kind: 'video', direction: 'recvonly', streamId: null },
    { mid: '2', kind: 'audio', direction: 'sendonly', streamId: 'pat-7x-e1' },
    { mid: '3', kind: 'video', direction: 'sendonly', streamId: 'fam_2-e3' },
    { mid: '4', kind: 'video', direction: 'inactive', streamId: null },
  ]);
  same('offerSections: session direction applies', offerSections('v=0\na=inactive\nm=audio 9 X 0\na=mid:a\n')[0].direction, 'inactive');
  same('offerSections: default sendrecv', offerSections('v=0\nm=audio 9 X 0\n')[0], { mid: null, kind: 'audio', direction: 'sendrecv', streamId: null });
  same('offerSections: empty', offerSections(''), []);

  // --- streams to participants ---
  same('participant: no one known', participantOfStream('pat-7x-e1', []), 'pat-7x');
  same('participant: known id with a dash', participantOfStream('pat-7x-e1', ['pat', 'pat-7x']), 'pat-7x');
  same('participant: shorter known id', participantOfStream('pat-e1', ['pat', 'pat-7x']), 'pat');
  same('participant: exact', participantOfStream('solo', ['solo']), 'solo');
  same('participant: no dash', participantOfStream('solo', []), 'solo');
  same('participant: not a prefix match', participantOfStream('patrick-e1', ['pat']), 'patrick');

  // --- quality ---
  const stats = [
    { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
    { id: 'P', type: 'candidate-pair', availableOutgoingBitrate: 900000, currentRoundTripTime: 0.05 },
    { id: 'Q', type: 'candidate-pair', availableOutgoingBitrate: 1, nominated: true, state: 'succeeded' },
    { id: 'O', type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'none' },
    { id: 'R1', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.08, fractionLost: 0.01 },
    { id: 'R2', type: 'remote-inbound-rtp', kind: 'video', roundTripTime: 0.06, fractionLost: 0.02 },
    { id: 'I1', type: 'inbound-rtp', kind: 'video', framesPerSecond: 24 },
    { id: 'I2', type: 'inbound-rtp', kind: 'video', framesPerSecond: 0 },
  ];
  const sample = readStats(stats);
  same('readStats', sample, {
    availableOutgoingBitrate: 900000, qualityLimitationReason: 'none', roundTripTime: 0.08,
    fractionLost: 0.02, inboundFps: 24,
  });
  same('readStats: one slow picture is its sender\'s link, the fastest tells ours',
    readStats([{ id: 'V1', type: 'inbound-rtp', kind: 'video', framesPerSecond: 4 },
      { id: 'V2', type: 'inbound-rtp', kind: 'video', framesPerSecond: 25 }]).inboundFps, 25);
  same('readStats: loss reported on our audio is someone else\'s link',
    readStats([{ id: 'A', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.1, fractionLost: 0.2 }]).fractionLost, undefined);
  same('readStats: nominated pair without transport', readStats(stats.slice(1).filter((r) => r.id !== 'P')).availableOutgoingBitrate, 1);
  same('quality: good', qualityOf(sample), 'good');
  same('quality: nothing known', qualityOf(readStats([])), 'unknown');
  same('quality: a camera limited by bandwidth on a good link is still good', qualityOf({ ...sample, qualityLimitationReason: 'bandwidth' }), 'good');
  same('quality: 3 % lost is weak', qualityOf({ ...sample, fractionLost: 0.03 }), 'weak');
  const window = new QualityWindow(3);
  same('quality window: the first sample', window.push('good'), 'good');
  same('quality window: a weak sample', window.push('weak'), 'weak');
  same('quality window: still weak one good sample later', window.push('good'), 'weak');
  same('quality window: and two', window.push('good'), 'weak');
  same('quality window: good once three samples were good', window.push('good'), 'good');
  same('quality window: no figures say nothing against the others', window.push('unknown'), 'good');
  same('quality: slow pictures are weak', qualityOf({ ...sample, inboundFps: 5 }), 'weak');
  same('quality: half a second is weak', qualityOf({ ...sample, roundTripTime: 0.5 }), 'weak');
  same('quality: 100 kbit/s is poor', qualityOf({ ...sample, availableOutgoingBitrate: 100000 }), 'poor');
  same('quality: 20 % lost is poor', qualityOf({ ...sample, fractionLost: 0.2 }), 'poor');

  // --- video gate: off after two low samples, on after three high ones or a timed trial ---
  const low = { availableOutgoingBitrate: 100000 };
  const high = { availableOutgoingBitrate: 400000 };
  const mid = { availableOutgoingBitrate: 200000 };
  let gate = new VideoGate();
  same('gate: one low sample keeps video', gate.update(low, 0), false);
  same('gate: a high sample resets the count', [gate.update(high, 2000), gate.update(low, 4000)], [false, false]);
  same('gate: two low samples in a row stop video', gate.update(low, 6000), true);
  same('gate: middling keeps it off', gate.update(mid, 8000), true);
  same('gate: three high samples bring it back',
    [gate.update(high, 10000), gate.update(high, 12000), gate.update(high, 14000)], [true, true, false]);
  gate = new VideoGate({ retryMs: 20000, maxRetryMs: 40000 });
  gate.update(low, 0);
  gate.update(low, 2000);
  same('gate: a trial after retryMs', [gate.update(low, 21000), gate.update(low, 22000)], [true, false]);
  same('gate: a failed trial doubles the wait', [gate.update(low, 24000), gate.update(low, 26000)], [false, true]);
  same('gate: ... so no trial at 20 s', gate.update(mid, 46000), true);
  same('gate: ... but one at 40 s', gate.update(mid, 66000), false);
  same('gate: without figures nothing changes', new VideoGate().update({}, 0), false);

  // --- offers in order, one at a time; a waiting one is replaced by a newer one ---
  const log = [];
  const releases = [];
  const queue = new OfferQueue((n) => {
    log.push(`start ${n}`);
    return new Promise((resolve) => releases.push(() => { log.push(`end ${n}`); resolve(); }));
  });
  queue.push(1);
  queue.push(2);
  queue.push(3);
  await Promise.resolve();
  same('queue: one at a time', log, ['start 1']);
  releases.shift()();
  await settle();
  same('queue: the newest waiting one runs next', log, ['start 1', 'end 1', 'start 3']);
  queue.push(4);
  queue.clear();
  releases.shift()();
  await queue.idle();
  same('queue: clear drops the waiting one', log, ['start 1', 'end 1', 'start 3', 'end 3']);
  const errors = [];
  const failing = new OfferQueue(async (n) => { if (n === 1) throw new Error('boom'); log.push(`ran ${n}`); },
    (e, n) => errors.push(`${n}: ${e.message}`));
  failing.push(1);
  await failing.idle();
  failing.push(2);
  await failing.idle();
  same('queue: a failure is reported and the next one runs', [errors, log.slice(-1)], [['1: boom'], ['ran 2']]);

  // --- simulcast ---
  simulcastChecks(same);

  // --- whose link is weak, in words ---
  const jeanWeak = { name: 'Jean', link: 'weak' };
  const paulPoor = { name: 'Paul', link: 'poor' };
  const said = (snapshot) => { const l = linkStatus(snapshot); return [l.key, l.params.name || null, l.whose, l.quality]; };
  same('link words: ours first when weak', said({ quality: 'weak', videoReduced: false, participants: [paulPoor] }),
    ['call.quality.weak', null, 'self', 'weak']);
  same('link words: our video paused says so', said({ quality: 'poor', videoReduced: true, participants: [] }),
    ['call.quality.videoReduced', null, 'self', 'poor']);
  same('link words: ours fine, the worst other by name', said({ quality: 'good', videoReduced: false, participants: [jeanWeak, paulPoor] }),
    ['call.quality.other.poor', 'Paul', 'other', 'poor']);
  same('link words: a weak other', said({ quality: 'unknown', videoReduced: false, participants: [{ name: 'Ana', link: 'good' }, jeanWeak] }),
    ['call.quality.other.weak', 'Jean', 'other', 'weak']);
  same('link words: all fine', said({ quality: 'good', videoReduced: false, participants: [{ name: 'Ana', link: 'unknown' }] }),
    ['call.quality.good', null, 'self', 'good']);

  // --- tiles ---
  same('initials', [initials('Léa Martin'), initials('marie'), initials(' Jean  de la Fontaine ')], ['LM', 'M', 'JF']);
  if (typeof document !== 'undefined') tileChecks(same);
  failures.push(...(await runCallEngineChecks()));
  return failures;
}

// Chromium's answer for its own camera (mid 1), as call-simulcast.js finds it.
const ANSWER = [
  'v=0', 's=-', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', 'a=sendonly', 'a=ssrc:7 cname:c',
  'm=video 9 UDP/TLS/RTP/SAVPF 100 96', 'a=mid:1', 'a=sendonly', 'a=ssrc-group:FID 10 20',
  'a=ssrc:10 cname:c', 'a=ssrc:10 msid:s t', 'a=ssrc:20 cname:c', 'a=ssrc:20 msid:s t',
  'm=video 9 UDP/TLS/RTP/SAVPF 100', 'a=mid:2', 'a=recvonly', '',
].join('\r\n');

function simulcastChecks(same) {
  same('simulcast: layers by camera height', [1080, 720, 480, 240, 120].map((h) => simulcastLayers(h).length),
    [3, 3, 2, 2, 1]);
  same('simulcast: scales low to high', simulcastLayers(720).map((l) => l.scaleResolutionDownBy), [4, 2, 1]);
  let n = 0;
  const random = () => [0.5, 0.25, 0.75, 0.125][n++ % 4];
  const sdp = withSimulcast(ANSWER, '1', 3, random);
  const video = sdp.split('\r\n');
  const sim = video.find((l) => l.startsWith('a=ssrc-group:SIM '));
  const layers = sim ? sim.split(' ').slice(1).map(Number) : [];
  same('simulcast: three layers, Chromium\'s SSRC first', [layers.length, layers[0]], [3, 10]);
  same('simulcast: one FID per layer', video.filter((l) => l.startsWith('a=ssrc-group:FID ')).length, 3);
  same('simulcast: each new SSRC has cname and msid', layers.slice(1).map((s) => video.filter((l) => l.startsWith(`a=ssrc:${s} `))),
    layers.slice(1).map((s) => [`a=ssrc:${s} cname:c`, `a=ssrc:${s} msid:s t`]));
  same('simulcast: other m-sections untouched', [sdp.split('m=')[1], sdp.split('m=')[3]], [ANSWER.split('m=')[1], ANSWER.split('m=')[3]]);
  same('simulcast: an answer that has the group is kept', withSimulcast(sdp, '1', 3, random), sdp);
  same('simulcast: one layer changes nothing', withSimulcast(ANSWER, '1', 1), ANSWER);
  same('simulcast: no such mid changes nothing', withSimulcast(ANSWER, '9', 3), ANSWER);
  // video_sizes: the first change at once, then at most one a second with the latest heights.
  const sent = [];
  const due = [];
  const timers = { setTimeout: (fn) => { due.push(fn); return due.length; }, clearTimeout: () => {} };
  const sizes = new SizeReporter((m) => sent.push(m), timers);
  sizes.set('v1', [{ participant: 'a', height: 720 }]);
  sizes.set('v1', [{ participant: 'a', height: 360 }]);
  sizes.set('v1', [{ participant: 'a', height: 180 }]);
  same('video sizes: the first at once', sent, [{ type: 'video_sizes', visit: 'v1', sizes: [{ participant: 'a', height: 720 }] }]);
  due.shift()();
  same('video sizes: then the latest, a second later', sent.map((m) => m.sizes[0].height), [720, 180]);
  due.shift()();
  sizes.set('v1', [{ participant: 'a', height: 180 }]);
  same('video sizes: the same again is not sent', [sent.length, due.length], [2, 0]);
  sizes.set(null, []);
  same('video sizes: nothing outside a visit', sent.length, 2);
  same('video sizes: device pixels, capped', shownHeights(new Map([['a', { clientHeight: 300 }], ['b', {}], ['c', { clientHeight: 5000 }]]), 2),
    [{ participant: 'a', height: 600 }, { participant: 'b', height: 0 }, { participant: 'c', height: 4320 }]);
  same('simulcast: bare newlines', withSimulcast(ANSWER.replaceAll('\r\n', '\n'), '1', 2, random).includes('\na=ssrc-group:SIM 10 '), true);
}

/** The tiles' DOM contract, in a browser: kept by id in arrival order, flags, the status line, removal. */
function tileChecks(same) {
  const box = document.createElement('div');
  const t = (key) => `<${key}>`;
  const tiles = new CallTiles(box, t, { muted: 'm', cameraOff: 'c', reconnecting: 'r', weakLink: 'w' }, { warn: () => {} });
  const jean = { id: 'p1', role: 'family', name: 'Jean Dupont', muted: false, cameraOff: false, reconnecting: false, stream: null };
  const marie = { id: 'p2', role: 'patient', name: 'Marie Dupont', muted: true, cameraOff: true, reconnecting: false, stream: null };
  tiles.render([jean, marie]);
  const first = box.querySelector('.call-tile[data-participant="p1"]');
  same('tiles: one per person, in order', [...box.children].map((e) => e.dataset.participant), ['p1', 'p2']);
  same('tiles: count', [box.dataset.count, tiles.count], ['2', 2]);
  const m = box.querySelector('.call-tile[data-participant="p2"]');
  same('tiles: role, name, flags', [m.dataset.role, m.dataset.name, m.dataset.muted, m.dataset.cameraOff, 'reconnecting' in m.dataset],
    ['patient', 'Marie Dupont', 'true', 'true', false]);
  same('tiles: the status says muted and camera off', m.querySelector('.call-tile__status').textContent, '<m> · <c>');
  same('tiles: initials for a camera off', m.querySelector('.call-tile__off').textContent, 'MD');
  same('tiles: a video that plays their voice', [m.querySelector('video.call-tile__video').muted], [false]);
  tiles.render([{ ...marie, reconnecting: true }, { ...jean, muted: true }]);
  same('tiles: kept, reordered, reconnecting said first', [box.children[1] === first, m.dataset.reconnecting,
    m.querySelector('.call-tile__status').textContent, first.dataset.muted], [true, 'true', '<r>', 'true']);
  tiles.render([{ ...marie, link: 'poor' }, { ...jean, link: 'weak', muted: false }]);
  same('tiles: a weak link is flagged and said', [m.dataset.link, m.querySelector('.call-tile__status').textContent,
    first.dataset.link, first.querySelector('.call-tile__status').textContent], ['poor', '<m> · <c> · <w>', 'weak', '<w>']);
  tiles.render([{ ...marie, link: 'good' }, jean]);
  same('tiles: a good link clears the flag', ['link' in m.dataset, 'link' in first.dataset], [false, false]);
  tiles.render([jean]);
  same('tiles: who left is removed, flags cleared', [box.children.length, 'muted' in first.dataset, box.dataset.count], [1, false, '1']);
  tiles.clear();
  same('tiles: clear', [box.children.length, box.dataset.count], [0, '0']);
}

function settle() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
