import { describe, expect, it } from 'vitest';
import { projectAssetsExtractor } from './project-assets.ts';

const assets = `{
  "version": 3,
  "targets": {
    "net6.0": {
      "Serilog.Sinks.Console/4.0.1": {
        "type": "package",
        "dependencies": { "Serilog": "2.10.0" }
      },
      "Serilog/2.10.0": { "type": "package" },
      "Shared/1.0.0": { "type": "project" }
    }
  },
  "project": {
    "frameworks": {
      "net6.0": { "dependencies": { "Serilog.Sinks.Console": { "version": "[4.0.1, )" } } }
    }
  }
}`;

describe('project.assets.json', () => {
  it('reads restored packages with direct flags from the project section', async () => {
    const { packages, skipped } = await projectAssetsExtractor.extract({
      path: 'obj/project.assets.json',
      content: assets,
      readRelated: async () => undefined,
    });
    expect(
      packages.map((p) => [p.name, p.version, p.direct, p.locations[0]?.line, p.dependsOn]),
    ).toEqual([
      ['Serilog.Sinks.Console', '4.0.1', true, 5, ['Serilog@2.10.0']],
      ['Serilog', '2.10.0', false, 9, undefined],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({ reason: 'non-registry', entry: 'Shared/1.0.0', line: 10 }),
    ]);
  });
});
