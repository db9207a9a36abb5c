import { describe, expect, it } from 'vitest';
import { CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { memoryInput } from '../shared/memory-input.ts';
import { denoJsonExtractor } from './deno-json.ts';

async function extract(content: string, path = 'deno.json') {
  return denoJsonExtractor.extract(memoryInput({ [path]: content }, path));
}

describe('deno.json', () => {
  const config = `{
  // comments are allowed in deno.jsonc and tolerated here
  "imports": {
    "chalk": "npm:chalk@^5.3.0",
    "react": "npm:react@18.2.0/jsx-runtime",
    "lodash": "https://esm.sh/lodash-es@4.17.21",
    "bare": "npm:left-pad",
    "@std/path": "jsr:@std/path@^1.0.0",
    "local": "./src/mod.ts",
  },
  "scopes": {
    "./legacy/": { "chalk": "npm:chalk@4" }
  }
}`;

  it('reports npm: specifiers and npm CDN URLs at the lowest version their range allows', async () => {
    const { packages } = await extract(config, 'deno.jsonc');
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line, p.direct])).toEqual([
      ['chalk', '5.3.0', 4, true],
      ['react', '18.2.0', 5, true],
      ['lodash-es', '4.17.21', 6, true],
      ['chalk', '4.0.0', 12, true],
    ]);
  });

  it('lists unversioned and JSR imports as skipped, and ignores local modules', async () => {
    const { skipped } = await extract(config);
    expect(skipped.map((s) => [s.name, s.version, s.reason, s.entry])).toEqual([
      [undefined, undefined, 'unpinned', 'npm:left-pad'],
      ['std/path', '^1.0.0', 'unsupported', 'jsr:@std/path@^1.0.0'],
    ]);
  });

  it('refuses a file that is not JSON', async () => {
    const error = await thrownBy(() => extract('{ "imports": { oops } }'));
    expect(refusal(error, 'deno.json')).toEqual(CLEAN_REFUSAL);
  });
});
