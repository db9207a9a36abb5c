import { describe, expect, it } from 'vitest';
import { binaryJunk, CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { cabalProjectFreezeExtractor } from './cabal-project-freeze.ts';

const extract = (content: string) =>
  cabalProjectFreezeExtractor.extract({
    path: 'cabal.project.freeze',
    content,
    readRelated: async () => undefined,
  });

describe('cabal.project.freeze', () => {
  it('reads any.<name> ==<version> pins with their lines; flags pin nothing', async () => {
    const { packages, skipped } = await extract(`active-repositories: hackage.haskell.org:merge
constraints: any.aeson ==2.1.2.1,
             aeson -ordered-keymap,
             any.base ==4.17.2.0,
             -- a comment
             any.text ==2.0.2 || ==2.1,
             lens ==5.2.3
index-state: hackage.haskell.org 2023-10-01T00:00:00Z
`);
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line, p.purl])).toEqual([
      ['aeson', '2.1.2.1', 2, 'pkg:hackage/aeson@2.1.2.1'],
      ['base', '4.17.2.0', 4, 'pkg:hackage/base@4.17.2.0'],
    ]);
    expect(skipped.map((s) => [s.reason, s.entry, s.line])).toEqual([
      ['unsupported', 'any.text ==2.0.2 || ==2.1', 6],
      ['unsupported', 'lens ==5.2.3', 7],
    ]);
  });

  it('keeps lines that are not fields as skipped entries, and refuses binary data', async () => {
    const { packages, skipped } = await extract('constraints:\nfoo\n');
    expect(packages).toEqual([]);
    expect(skipped).toEqual([expect.objectContaining({ reason: 'malformed', line: 2 })]);
    const error = await thrownBy(() => extract(binaryJunk(2048)));
    expect(refusal(error, 'cabal.project.freeze')).toEqual(CLEAN_REFUSAL);
  });

  it('reads a 10^5-bracket line as text without trouble', async () => {
    const { packages } = await extract(`constraints: ${'('.repeat(100_000)}`);
    expect(packages).toEqual([]);
  });
});
