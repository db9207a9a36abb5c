import { describe, expect, it } from 'vitest';
import { binaryJunk, CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { manifestTomlExtractor } from './manifest-toml.ts';

const manifest = `# This file is machine-generated - editing it directly is not advised

julia_version = "1.10.0"
manifest_format = "2.0"

[[deps.JSON]]
deps = ["Dates", "Parsers"]
git-tree-sha1 = "31e996f0a15c7b280ba9f76636b3ff9e2ae58c9a"
uuid = "682c06a0-de6a-54ab-a142-c8b1cf79cde6"
version = "0.21.4"

[[deps.Parsers]]
uuid = "69de0a69-1ddd-5017-9359-2bf0b02dc9f0"
version = "2.8.1"

[[deps.Dates]]
uuid = "ade2ca70-3891-5945-98fb-dc099432e06a"

[[deps.Forked]]
repo-rev = "main"
repo-url = "https://github.com/me/Forked.jl"
uuid = "dcb67f36-efa0-11e8-0cef-2fc465ed98ae"
version = "0.2.0"
`;

describe('Manifest.toml', () => {
  it('matches the manifest names Pkg writes', () => {
    for (const path of ['Manifest.toml', 'a/JuliaManifest.toml', 'Manifest-v1.11.toml']) {
      expect(manifestTomlExtractor.matches(path)).toBe(true);
    }
    expect(manifestTomlExtractor.matches('manifest.toml')).toBe(false);
  });

  it('reads versioned packages, with direct flags from Project.toml beside it', async () => {
    const { packages, skipped } = await manifestTomlExtractor.extract({
      path: 'env/Manifest.toml',
      content: manifest,
      readRelated: async (p) =>
        p === 'Project.toml'
          ? '[deps]\nJSON = "682c06a0-de6a-54ab-a142-c8b1cf79cde6"\n'
          : undefined,
    });
    expect(
      packages.map((p) => [
        p.name,
        p.version,
        p.direct,
        p.locations[0]?.line,
        p.dependsOn,
        p.dependencyPath,
      ]),
    ).toEqual([
      ['JSON', '0.21.4', true, 6, ['Parsers@2.8.1'], undefined],
      ['Parsers', '2.8.1', false, 12, undefined, ['JSON@0.21.4', 'Parsers@2.8.1']],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['non-registry', undefined, undefined, 16],
      ['non-registry', 'Forked', '0.2.0', 19],
    ]);
  });

  it('reads the format 1 layout with packages at the top level', async () => {
    const { packages } = await manifestTomlExtractor.extract({
      path: 'Manifest.toml',
      content: '[[JSON]]\nuuid = "682c06a0"\nversion = "0.20.0"\n',
      readRelated: async () => undefined,
    });
    expect(packages.map((p) => [p.name, p.version, p.direct, p.locations[0]?.line])).toEqual([
      ['JSON', '0.20.0', undefined, 1],
    ]);
  });

  it.each([
    ['plain text', 'this is not valid toml! (I think)'],
    ['10^5 nested arrays', `a = ${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['binary junk', binaryJunk(2048)],
    ['a truncated file', '[[deps.JSON]]\nversion = "0.2'],
  ])('refuses %s with one input error naming the file', async (_label, content) => {
    const input = { path: 'Manifest.toml', content, readRelated: async () => undefined };
    const error = await thrownBy(() => manifestTomlExtractor.extract(input));
    expect(refusal(error, 'Manifest.toml')).toEqual(CLEAN_REFUSAL);
  });
});
