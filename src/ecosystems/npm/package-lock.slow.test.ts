import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A 200 MB package-lock.json (v3, 400,000 packages, 1.6 million edges, nested copies): the
 * extractor must finish with memory bounded by the packages it reports, not by a JSON tree of the
 * file. Measured in a child process so the peak RSS is this extraction's alone.
 */
const root = resolve(import.meta.dirname, '../../..');
const work = join(root, 'test/.work');
const file = join(work, 'package-lock-200mb.json');
const PACKAGES = 400_000;
/** The file is 200 MB and JSON.parse of it peaks near 2 GB; the extractor must stay well under. */
const MAX_RSS_BYTES = 1.5 * 1024 ** 3;

const name = (i: number) => (i % 7 === 0 ? `@scope-${i % 97}/pkg-${i}` : `pkg-${i}`);

async function writeLockfile(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const out = createWriteStream(file);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(
    '{\n  "name": "big",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n',
  );
  await write('    "": {\n      "name": "big",\n      "dependencies": {"pkg-1": "^1.0.0"},\n');
  await write('      "devDependencies": {"pkg-2": "^1.0.0"}\n    }');
  for (let i = 1; i < PACKAGES; i++) {
    const deps = [1, 2, 3, 4].map((k) => `"${name((i * 31 + k * 17) % PACKAGES || 1)}": "^1.0.0"`);
    const version = `1.${i % 13}.${i % 5}`;
    const at =
      i % 10 === 0
        ? `node_modules/${name(i - 1)}/node_modules/${name(i)}`
        : `node_modules/${name(i)}`;
    await write(
      `,\n    "${at}": {\n      "version": "${version}",\n      "resolved": "https://registry.npmjs.org/${name(i)}/-/pkg-${i}-${version}.tgz",\n      "integrity": "sha512-${'x'.repeat(86)}==",\n${i % 3 === 0 ? '      "dev": true,\n' : ''}      "license": "MIT",\n      "dependencies": {\n        ${deps.join(',\n        ')}\n      },\n      "engines": {\n        "node": ">=18"\n      }\n    }`,
    );
  }
  await write('\n  }\n}\n');
  out.end();
  await once(out, 'close');
}

/** Reads and extracts in a fresh process; prints counts, seconds and peak RSS as JSON. */
const child = `
const { readFileSync } = await import('node:fs');
const { packageLockExtractor } = await import(${JSON.stringify(join(root, 'src/ecosystems/npm/package-lock.ts'))});
const content = readFileSync(${JSON.stringify(file)}, 'utf8');
const started = performance.now();
const result = await packageLockExtractor.extract({ path: 'package-lock.json', content, readRelated: async () => undefined });
const direct = result.packages.filter((p) => p.direct).length;
console.log(JSON.stringify({
  packages: result.packages.length,
  skipped: result.skipped.length,
  direct,
  seconds: (performance.now() - started) / 1000,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
}));
`;

describe('a 200 MB package-lock.json', () => {
  it('is extracted with bounded memory', { timeout: 600_000 }, async () => {
    await writeLockfile();
    expect(statSync(file).size).toBeGreaterThan(200_000_000);
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', child],
      { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 },
    );
    const measured = JSON.parse(output.trim().split('\n').at(-1) ?? '{}');
    process.stderr.write(`200 MB package-lock.json: ${output}`);
    expect(measured).toMatchObject({ packages: PACKAGES - 1, skipped: 0, direct: 2 });
    expect(measured.maxRssBytes).toBeLessThan(MAX_RSS_BYTES);
  });
});
