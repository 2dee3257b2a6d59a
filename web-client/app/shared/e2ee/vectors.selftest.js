// Reproduces the test vectors of docs/e2ee/vectors/*.json, written by the Java reference
// implementation (e2ee module), byte for byte. `files` maps a file name ("x3dh.json") to its
// parsed JSON; a file this check does not know is a failure, so that none is skipped silently.

const CHECKS = {};

export async function runVectorChecks(files) {
  const failures = [];
  for (const [name, json] of Object.entries(files)) {
    const check = CHECKS[name];
    if (!check) {
      failures.push(`vectors: no check reproduces ${name}`);
      continue;
    }
    try {
      failures.push(...(await check(json)).map((f) => `vectors ${name}: ${f}`));
    } catch (e) {
      failures.push(`vectors ${name}: threw ${e.code ?? e.stack ?? e}`);
    }
  }
  return failures;
}
