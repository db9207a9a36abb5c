import { describe, expect, it } from 'vitest';
import { packagesLockExtractor } from './packages-lock.ts';

const lock = `{
  "version": 1,
  "dependencies": {
    "net6.0": {
      "Serilog.Sinks.Console": {
        "type": "Direct",
        "requested": "[4.0.1, )",
        "resolved": "4.0.1",
        "dependencies": { "Serilog": "2.10.0" }
      },
      "Serilog": {
        "type": "Transitive",
        "resolved": "2.10.0"
      },
      "MyLib": {
        "type": "Project"
      }
    },
    "net8.0": {
      "Serilog": {
        "type": "Direct",
        "requested": "[2.10.0, )",
        "resolved": "2.10.0"
      }
    }
  }
}`;

const extract = (content: string) =>
  packagesLockExtractor.extract({
    path: 'src/App/packages.lock.json',
    content,
    readRelated: async () => undefined,
  });

describe('packages.lock.json', () => {
  it('matches the file by name', () => {
    expect(packagesLockExtractor.matches('packages.lock.json')).toBe(true);
    expect(packagesLockExtractor.matches('src/App/packages.lock.json')).toBe(true);
    expect(packagesLockExtractor.matches('src/App/my-packages.lock.json')).toBe(false);
  });

  it('reads resolved versions, direct flags, lines and the dependency graph', async () => {
    const { packages, skipped } = await extract(lock);
    expect(packages).toEqual([
      {
        ecosystem: 'NuGet',
        name: 'Serilog.Sinks.Console',
        version: '4.0.1',
        purl: 'pkg:nuget/Serilog.Sinks.Console@4.0.1',
        locations: [{ path: 'src/App/packages.lock.json', line: 5 }],
        direct: true,
        dependsOn: ['Serilog@2.10.0'],
        extractor: 'nuget/packages-lock',
      },
      {
        ecosystem: 'NuGet',
        name: 'Serilog',
        version: '2.10.0',
        purl: 'pkg:nuget/Serilog@2.10.0',
        locations: [{ path: 'src/App/packages.lock.json', line: 11 }],
        // Transitive for net6.0 but referenced directly by net8.0: direct wins.
        direct: true,
        extractor: 'nuget/packages-lock',
      },
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({ reason: 'non-registry', entry: 'MyLib', line: 15 }),
    ]);
  });

  it('gives transitive packages the path from a direct one', async () => {
    const document = JSON.parse(lock);
    delete document.dependencies['net8.0'];
    const { packages } = await extract(JSON.stringify(document, null, 2));
    expect(packages.find((p) => p.name === 'Serilog')).toMatchObject({
      direct: false,
      dependencyPath: ['Serilog.Sinks.Console@4.0.1', 'Serilog@2.10.0'],
    });
  });

  it('refuses a file without a dependencies object', async () => {
    await expect(async () => extract('{"version": 1}')).rejects.toThrow(
      'src/App/packages.lock.json: not a valid NuGet packages.lock.json: no "dependencies" object',
    );
  });
});
