import { describe, expect, it } from 'vitest';
import { paketDependenciesExtractor } from './paket-dependencies.ts';

describe('paket.dependencies', () => {
  it('pins only exact versions and keeps everything else as skipped entries', async () => {
    const { packages, skipped } = await paketDependenciesExtractor.extract({
      path: 'paket.dependencies',
      content: `source https://api.nuget.org/v3/index.json
framework: net6.0

nuget Newtonsoft.Json == 12.0.3
nuget FSharp.Core 4.7.2 // bare version: exactly this one
nuget NUnit ~> 3.13
nuget Serilog >= 2.0 < 3.0
nuget Argu

github fsharp/FAKE:5.20.4 src/app/Fake.fs
github fsprojects/Paket:30cd5366a4f3f25a443ca4cd62cd592fd16ac69
git https://github.com/fsprojects/Chessie.git master
frobnicate everything`,
      readRelated: async () => undefined,
    });
    expect(packages.map((p) => [p.name, p.version, p.direct, p.locations[0]?.line])).toEqual([
      ['Newtonsoft.Json', '12.0.3', true, 4],
      ['FSharp.Core', '4.7.2', true, 5],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['unpinned', 'NUnit', '3.13', 6],
      ['unpinned', 'Serilog', '2.0', 7],
      ['unpinned', 'Argu', '', 8],
      ['non-registry', 'fsharp/FAKE', '5.20.4', 10],
      ['non-registry', 'fsprojects/Paket', '', 11],
      ['non-registry', undefined, undefined, 12],
      ['unsupported', undefined, undefined, 13],
    ]);
  });
});
