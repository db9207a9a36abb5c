import { describe, expect, it } from 'vitest';
import { depsJsonExtractor } from './deps-json.ts';

const deps = `{
  "runtimeTarget": { "name": ".NETCoreApp,Version=v6.0" },
  "targets": {
    ".NETCoreApp,Version=v6.0": {
      "App/1.0.0": {
        "dependencies": { "Serilog.Sinks.Console": "4.0.1" }
      },
      "Serilog.Sinks.Console/4.0.1": {
        "dependencies": { "Serilog": "2.10.0" }
      },
      "Serilog/2.10.0": {}
    }
  },
  "libraries": {
    "App/1.0.0": { "type": "project" },
    "Serilog.Sinks.Console/4.0.1": { "type": "package" },
    "Serilog/2.10.0": { "type": "package" }
  }
}`;

const extract = (content: string) =>
  depsJsonExtractor.extract({
    path: 'bin/App.deps.json',
    content,
    readRelated: async () => undefined,
  });

describe('*.deps.json', () => {
  it('reads packages, marks the project’s own dependencies direct and links the graph', async () => {
    const { packages, skipped } = await extract(deps);
    expect(
      packages.map((p) => [p.name, p.version, p.direct, p.locations[0]?.line, p.dependencyPath]),
    ).toEqual([
      ['Serilog.Sinks.Console', '4.0.1', true, 8, undefined],
      ['Serilog', '2.10.0', false, 11, ['Serilog.Sinks.Console@4.0.1', 'Serilog@2.10.0']],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({ name: 'App', version: '1.0.0', reason: 'non-registry', line: 5 }),
    ]);
  });

  it('refuses a document without targets', async () => {
    await expect(async () => extract('{}')).rejects.toThrow(
      'bin/App.deps.json: not a valid .NET deps.json: no "targets" object',
    );
  });
});
