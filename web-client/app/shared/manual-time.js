// For self-checks: a clock and timers that move only when the check says so, to hand to the
// modules that take `timers` ({setTimeout, clearTimeout}) and `now()` (signaling.js, call.js).
//
//   const time = manualTime();
//   const call = new Call({ ..., timers: time.timers, now: time.now });
//   time.advance(3000);   // runs every timer due by then, in time order, moving the clock to each
//   time.pending();       // how many timers are set and not yet run or cleared

export function manualTime(start = 1_000_000) {
  let now = start;
  let nextId = 1;
  const due = new Map(); // id -> {at, fn}
  return {
    now: () => now,
    timers: {
      setTimeout: (fn, ms) => {
        due.set(nextId, { at: now + Math.max(0, ms || 0), fn });
        return nextId++;
      },
      clearTimeout: (id) => { due.delete(id); },
    },
    pending: () => due.size,
    advance(ms) {
      const until = now + ms;
      for (;;) {
        let first = null;
        for (const [id, t] of due) {
          if (t.at <= until && (first === null || t.at < first[1].at)) first = [id, t];
        }
        if (first === null) break;
        due.delete(first[0]);
        now = first[1].at;
        first[1].fn();
      }
      now = until;
    },
  };
}
