import { describe, expect, it } from 'vitest';
import { binaryJunk, CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { renvLockExtractor } from './renv-lock.ts';

const extract = (content: string) =>
  renvLockExtractor.extract({ path: 'renv.lock', content, readRelated: async () => undefined });

describe('renv.lock', () => {
  it('reads packages from CRAN repositories and keeps other sources as skipped entries', async () => {
    const { packages, skipped } = await extract(`{
  "R": {
    "Version": "4.3.1",
    "Repositories": [
      { "Name": "PPM", "URL": "https://packagemanager.posit.co/cran/latest" },
      { "Name": "internal", "URL": "https://r.example.com" }
    ]
  },
  "Packages": {
    "markdown": { "Package": "markdown", "Version": "1.0", "Source": "Repository", "Repository": "PPM", "Requirements": ["mime"] },
    "mime": { "Package": "mime", "Version": "0.12", "Source": "Repository", "Repository": "CRAN" },
    "ours": { "Package": "ours", "Version": "2.0", "Source": "Repository", "Repository": "internal" },
    "BSgenome": { "Package": "BSgenome", "Version": "1.60.0", "Source": "Bioconductor" },
    "gh": { "Package": "gh", "Version": "0.1", "Source": "GitHub", "RemoteSha": "1763e0d" }
  }
}`);
    expect(
      packages.map((p) => [p.name, p.version, p.locations[0]?.line, p.dependsOn, p.purl]),
    ).toEqual([
      ['markdown', '1.0', 10, ['mime@0.12'], 'pkg:cran/markdown@1.0'],
      ['mime', '0.12', 11, undefined, 'pkg:cran/mime@0.12'],
    ]);
    expect(skipped.map((s) => [s.reason, s.line, s.detail])).toEqual([
      ['non-registry', 12, 'from internal, not CRAN'],
      ['non-registry', 13, 'from Bioconductor, not CRAN'],
      ['non-registry', 14, 'from GitHub, not CRAN'],
    ]);
  });

  it.each([
    ['plain text', 'this is not json!'],
    ['an array', '[]'],
    ['10^5 nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['binary junk', binaryJunk(2048)],
  ])('refuses %s with one input error naming the file', async (_label, content) => {
    expect(refusal(await thrownBy(() => extract(content)), 'renv.lock')).toEqual(CLEAN_REFUSAL);
  });
});
