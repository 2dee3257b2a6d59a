// What the E2EE self-checks share: a checker that records failures as readable lines.
//
//   const c = checker(failures, 'session: ');
//   c.same(what, got, want)       bytes (compared as base64url) or values
//   await c.code(what, run, code) `run()` must throw an E2eeError with `code`

import { E2eeError, toBase64Url } from './primitives.js';

export function checker(failures, prefix = '') {
  return {
    same(what, got, want) {
      const g = got instanceof Uint8Array ? toBase64Url(got) : got;
      if (g !== want) failures.push(`${prefix}${what} is ${JSON.stringify(g)}, expected ${JSON.stringify(want)}`);
    },
    async code(what, run, code) {
      try {
        const result = await run();
        failures.push(`${prefix}${what} was accepted (${JSON.stringify(result)?.slice(0, 80)}), expected ${code}`);
      } catch (e) {
        if (!(e instanceof E2eeError) || e.code !== code) failures.push(`${prefix}${what} threw ${e.code ?? e}, expected ${code}`);
      }
    },
  };
}
