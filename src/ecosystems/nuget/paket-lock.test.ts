import { describe, expect, it } from 'vitest';
import { paketLockExtractor } from './paket-lock.ts';

const lock = `STORAGE: NONE
RESTRICTION: == net6.0
NUGET
  remote: https://api.nuget.org/v3/index.json
    Serilog.Sinks.Console (4.0.1)
      Serilog (>= 2.10)
    Serilog (2.10.0)
GITHUB
  remote: fsharp/FAKE
    src/app/Fake.fs (7699e40e335f3cc54ab382a8969253fecc1e08a9)

GROUP Test
NUGET
  remote: https://api.nuget.org/v3/index.json
    NUnit (3.13.3)
`;

describe('paket.lock', () => {
  it('reads resolved packages of every group with their dependencies', async () => {
    const { packages, skipped } = await paketLockExtractor.extract({
      path: 'paket.lock',
      content: lock,
      readRelated: async () => undefined,
    });
    expect(
      packages.map((p) => [p.name, p.version, p.locations[0]?.line, p.dependsOn, p.direct]),
    ).toEqual([
      ['Serilog.Sinks.Console', '4.0.1', 5, ['Serilog@2.10.0'], undefined],
      ['Serilog', '2.10.0', 7, undefined, undefined],
      ['NUnit', '3.13.3', 15, undefined, undefined],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({
        name: 'fsharp/FAKE',
        version: '',
        reason: 'non-registry',
        line: 10,
      }),
    ]);
  });

  it('marks the packages named in paket.dependencies beside it as direct', async () => {
    const { packages } = await paketLockExtractor.extract({
      path: 'paket.lock',
      content: lock,
      readRelated: async (p) =>
        p === 'paket.dependencies' ? 'nuget Serilog.Sinks.Console\nnuget NUnit' : undefined,
    });
    expect(packages.map((p) => [p.name, p.direct, p.dependencyPath])).toEqual([
      ['Serilog.Sinks.Console', true, undefined],
      ['Serilog', false, ['Serilog.Sinks.Console@4.0.1', 'Serilog@2.10.0']],
      ['NUnit', true, undefined],
    ]);
  });
});
