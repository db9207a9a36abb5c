import { describe, expect, it } from 'vitest';
import { binaryJunk, CLEAN_REFUSAL, refusal, thrownBy } from '../shared/hostile-inputs.ts';
import { conanLockExtractor } from './conan-lock.ts';

const extract = (content: string) =>
  conanLockExtractor.extract({ path: 'conan.lock', content, readRelated: async () => undefined });

describe('conan.lock', () => {
  it('reads Conan 2 lists, build requirements as dev', async () => {
    const { packages, skipped } = await extract(`{
    "version": "0.5",
    "requires": [
        "zlib/1.2.13#13c96f538b52e1600c40b88994de240f%1667396813.733",
        "openssl/3.1.1@acme/stable#abc%1.0",
        "1.2.3#ffa77daf83a57094149707928bdce823"
    ],
    "build_requires": [
        "cmake/3.27.1"
    ]
}`);
    expect(packages.map((p) => [p.name, p.version, p.dev, p.locations[0]?.line, p.purl])).toEqual([
      ['zlib', '1.2.13', false, 4, 'pkg:conan/zlib@1.2.13?rrev=13c96f538b52e1600c40b88994de240f'],
      ['openssl', '3.1.1', false, 5, 'pkg:conan/acme/openssl@3.1.1?channel=stable&rrev=abc'],
      ['cmake', '3.27.1', true, 9, 'pkg:conan/cmake@3.27.1'],
    ]);
    expect(skipped).toEqual([expect.objectContaining({ reason: 'malformed', line: 6 })]);
  });

  it('reads Conan 1 graphs: direct requirements, dev build requirements and the dependency graph', async () => {
    const { packages } = await extract(`{
 "graph_lock": {
  "nodes": {
   "0": { "ref": "app/1.0", "path": "conanfile.py", "requires": ["1"], "build_requires": ["3"] },
   "1": { "ref": "libpng/1.6.39", "requires": ["2"] },
   "2": { "ref": "zlib/1.2.13" },
   "3": { "ref": "ninja/1.11.1" }
  }
 },
 "version": "0.4"
}`);
    expect(
      packages.map((p) => [p.name, p.direct, p.dev, p.locations[0]?.line, p.dependencyPath]),
    ).toEqual([
      ['libpng', true, false, 5, undefined],
      ['zlib', false, false, 6, ['libpng@1.6.39', 'zlib@1.2.13']],
      ['ninja', true, true, 7, undefined],
    ]);
  });

  it('reads the 0.x layout with package references and ref→id maps', async () => {
    const { packages } = await extract(`{
 "graph_lock": {
  "nodes": {
   "a": { "pref": null, "requires": { "zlib/1.2.11@bincrafters/testing#5f49": "b" } },
   "b": { "pref": "zlib/1.2.11@bincrafters/testing#5f49:1972#5884" }
  }
 }
}`);
    expect(packages.map((p) => [p.name, p.version, p.direct, p.purl])).toEqual([
      ['zlib', '1.2.11', true, 'pkg:conan/bincrafters/zlib@1.2.11?channel=testing&rrev=5f49'],
    ]);
  });

  it.each([
    ['null', 'null'],
    ['plain text', 'this is not json!'],
    ['a truncated file', '{"version": "0.5", "requires": ["zlib/1.2'],
    ['10^5 nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['binary junk', binaryJunk(2048)],
  ])('refuses %s with one input error naming the file', async (_label, content) => {
    expect(refusal(await thrownBy(() => extract(content)), 'conan.lock')).toEqual(CLEAN_REFUSAL);
  });
});
