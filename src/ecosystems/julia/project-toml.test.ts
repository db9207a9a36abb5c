import { describe, expect, it } from 'vitest';
import { projectTomlExtractor } from './project-toml.ts';

describe('Project.toml', () => {
  it('reports the package itself and its dependencies with their compat ranges', async () => {
    const { packages, skipped } = await projectTomlExtractor.extract({
      path: 'Project.toml',
      content: `name = "MyPkg"
uuid = "1e83bf80-4336-4d27-bf5d-d5a4f845583c"
version = "1.4.3"

[deps]
JSON = "682c06a0-de6a-54ab-a142-c8b1cf79cde6"
Parsers = "69de0a69-1ddd-5017-9359-2bf0b02dc9f0"
Dates = "ade2ca70-3891-5945-98fb-dc099432e06a"

[compat]
JSON = "0.21"
Parsers = "=2.8.1"
julia = "1.6"

[extras]
Test = "8dfed614-e22c-5e08-85e1-65c5234f0b40"

[targets]
test = ["Test"]
`,
      readRelated: async () => undefined,
    });
    expect(packages.map((p) => [p.name, p.version, p.direct, p.dev, p.locations[0]?.line])).toEqual(
      [
        ['MyPkg', '1.4.3', undefined, undefined, 1],
        ['Parsers', '2.8.1', true, false, 7],
      ],
    );
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['unpinned', 'JSON', '0.21', 6],
      ['unpinned', 'Dates', '', 8],
      ['unpinned', 'Test', '', 16],
    ]);
  });

  it('refuses a file that is not TOML', async () => {
    await expect(async () =>
      projectTomlExtractor.extract({
        path: 'Project.toml',
        content: 'This is not a TOML file.',
        readRelated: async () => undefined,
      }),
    ).rejects.toThrow(/^Project\.toml: not a valid Julia Project\.toml: /);
  });
});
